// The demo relations, one after the other from one seeded generator: the same seed and size give
// the same relations, persons and history on every engine, whatever the batch size of the writer.
import type { AccountClass } from "../../domain/account-class.js";
import type { RelationStatus } from "../../domain/lifecycle.js";
import { normalizeKey } from "../../domain/text.js";
import { readSbiCodes } from "../reference/reference-data.js";
import { relationSearchTerms, searchPrefixes } from "../relations/relation-terms.js";
import { COMPETITORS, type RayonName, type SegmentCode, SERVICES } from "./company.js";
import { type Area, geography } from "./geo.js";
import { CLASS_REASON, classFor, NOTES, OVERRIDE_REASONS, reasonFor, STATUS_MIX, statusPath } from "./history.js";
import { INDUSTRIES, type Industry, LEGAL_SUFFIX, type LegalForm } from "./industries.js";
import { BRAND_WORDS, BUSINESS_STREETS, HOUSE_NAMES, STREETS, SURNAMES } from "./names.js";
import { landline, makePerson } from "./persons.js";
import { pickCumulative, Random } from "./prng.js";
import { type Batch, emptyBatch } from "./rows.js";

export interface GeneratorContext {
  seed: number;
  now: Date;
  /** Relations to make in all (fewer persons per relation above 20,000). */
  size: number;
  firstRelationId: number;
  firstPersonId: number;
  rayons: Map<RayonName, { id: number; repId: number }>;
  segments: Map<SegmentCode, number>;
  managerId: number;
  marketingId: number;
}

const DAY_MS = 86_400_000;
/** Postcode letters: F, I, O, Q, U and Y are not used; SA, SD and SS are never issued. */
const LETTERS = [..."ABCDEGHJKLMNPRSTVWXZ"];
const INDUSTRY_WEIGHTS = (() => {
  const out = new Float64Array(INDUSTRIES.length);
  let sum = 0;
  INDUSTRIES.forEach((ind, i) => {
    sum += ind.weight;
    out[i] = sum;
  });
  return out;
})();

/** Persons per relation: 1–4 in a demo, 1–2 at benchmark sizes (above 20,000 relations). */
const PERSONS_SMALL = [[1, 25], [2, 35], [3, 25], [4, 15]] as const;
const PERSONS_LARGE = [[1, 60], [2, 40]] as const;
const INFLUENCER_STATUS: readonly (readonly [RelationStatus, number])[] = [["suspect", 1], ["prospect", 2]];

let sectionsCache: Map<string, string> | null = null;
function sectionOf(code: string): string {
  sectionsCache ??= new Map(readSbiCodes().map((c) => [c.code, c.section]));
  const section = sectionsCache.get(code);
  if (!section) throw new Error(`demo uses SBI code ${code}, which resources/sbi2025.csv does not have`);
  return section;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Group {
  parentId: number;
  base: string;
  industry: Industry;
  domain: string;
  rayon: RayonName;
  parentStatus: RelationStatus;
  remaining: number;
}

export class DemoGenerator {
  private readonly r: Random;
  private readonly nowMs: number;
  private nextRelationId: number;
  private nextPersonId: number;
  private made = 0;
  private debtors = 0;
  private overrides = 0;
  private group: Group | null = null;
  /** KvK numbers: an affine permutation of 0..89,999,999, so unique for every relation made. */
  private readonly kvkOffset: number;

  constructor(private readonly ctx: GeneratorContext) {
    this.r = new Random(ctx.seed);
    this.nowMs = ctx.now.getTime();
    this.nextRelationId = ctx.firstRelationId;
    this.nextPersonId = ctx.firstPersonId;
    this.kvkOffset = this.r.int(0, 89_999_999);
  }

  /** The next `count` relations with everything that hangs off them. */
  batch(count: number): Batch {
    const out = emptyBatch();
    for (let i = 0; i < count && this.made < this.ctx.size; i++) this.relation(out);
    return out;
  }

  get done(): number {
    return this.made;
  }

  private surname(): string {
    const [infix, last] = this.r.pick(SURNAMES);
    return infix ? `${capitalize(infix)} ${last}` : last;
  }

  private fill(template: string, area: Area, base = ""): string {
    const r = this.r;
    return template.replace(/\{(S|T|B|H|P|M|V|base)\}/g, (_, k: string) => {
      switch (k) {
        case "S":
        case "T":
          return this.surname();
        case "B":
          return r.pick(BRAND_WORDS);
        case "H":
          return r.pick(HOUSE_NAMES);
        case "P":
          return area.place;
        case "M":
          return area.municipality;
        case "V":
          return area.province;
        default:
          return base;
      }
    });
  }

  private area(rayon?: RayonName): Area {
    const geo = geography();
    const pool = rayon ? geo.byRayon.get(rayon) : null;
    if (pool && pool.areas.length > 0) return pool.areas[pickCumulative(pool.cumulative, this.r)] as Area;
    return geo.areas[pickCumulative(geo.cumulative, this.r)] as Area;
  }

  private stamp(ms: number): string {
    return new Date(ms).toISOString();
  }

  private relation(out: Batch): void {
    const { r, ctx } = this;
    const id = this.nextRelationId++;
    this.made += 1;
    let industry: Industry;
    let area: Area;
    let name: string;
    let parentId: number | null = null;
    let domain: string;
    let isParent = false;
    const group = this.group;
    if (group && group.remaining > 0) {
      group.remaining -= 1;
      industry = group.industry;
      area = this.area(r.chance(0.6) ? group.rayon : undefined);
      name = this.fill(industry.group?.branch ?? "{base} {P}", area, group.base);
      parentId = group.parentId;
      domain = group.domain;
    } else {
      industry = INDUSTRIES[pickCumulative(INDUSTRY_WEIGHTS, r)] as Industry;
      area = this.area();
      // `chance` is the share of the industry's relations in a chain; a chain has 3–7 members.
      isParent = industry.group !== undefined && r.chance(industry.group.chance / 5);
      const base = this.fill(isParent && industry.group ? industry.group.parent : r.pick(industry.names), area);
      domain = `${normalizeKey(industry.key === "municipality" ? area.municipality : base).replace(/ /g, "").slice(0, 40)}.nl`;
      name = base;
      if (isParent) this.group = { parentId: id, base, industry, domain, rayon: area.rayon, parentStatus: "customer", remaining: r.int(2, 6) };
    }
    const legal: LegalForm = r.weighted(industry.legal);
    const suffix = LEGAL_SUFFIX[legal];
    if (suffix && parentId === null && r.chance(0.45)) name = `${name} ${suffix}`;

    const influencer = industry.kind === "influencer";
    let status: RelationStatus = influencer ? r.weighted(INFLUENCER_STATUS) : r.weighted(STATUS_MIX);
    if (parentId !== null && group?.parentStatus === "customer" && r.chance(0.7)) status = "customer";
    if (isParent && this.group) this.group.parentStatus = status;

    const rayon = ctx.rayons.get(area.rayon) as { id: number; repId: number };
    const segmentId = ctx.segments.get(industry.segment) ?? null;
    const [minPot, maxPot] = industry.potential;
    // Skewed towards the low end (u^1.7 on a log scale): a Pareto-like spread of potential.
    const euros = Math.exp(Math.log(minPot) + r.next() ** 1.7 * (Math.log(maxPot) - Math.log(minPot)));
    const potentialKnown = status !== "suspect" || r.chance(0.6);
    const potentialCents = potentialKnown ? Math.round(euros / 100) * 100 * 100 : null;

    const history = this.history(out, id, status, rayon.repId);
    const klass = this.classify(out, id, status, industry, euros, potentialKnown, history);

    const hasSupplier = status === "prospect" ? r.chance(0.85) : status === "suspect" ? r.chance(0.4) : status === "former_customer" ? r.chance(0.7) : false;
    const supplier = hasSupplier ? r.pick(COMPETITORS) : null;
    const contractEnd = hasSupplier && r.chance(status === "prospect" ? 0.9 : 0.3) ? new Date(this.nowMs + r.int(30, 720) * DAY_MS).toISOString().slice(0, 10) : null;
    const priceNote = hasSupplier && status === "prospect" && r.chance(0.5) ? `€ ${r.int(24, 36)},${r.pick(["00", "50", "95"])} per uur, ${r.int(1, 5)}× per week` : null;
    const interests = status === "customer" ? r.int(1, 4) : status === "prospect" ? r.int(1, 3) : status === "former_customer" ? r.int(1, 2) : r.int(0, 1);

    const street = r.pick(industry.businessPark || r.chance(0.3) ? BUSINESS_STREETS : STREETS);
    const house = `${r.int(1, 250)}${r.chance(0.1) ? r.pick(["a", "b", "c", "-1", "-3"]) : ""}`;
    const postcode = `${area.pc4} ${this.letters()}`;
    const postbus = r.chance(0.15);
    const kvk = parentId === null ? String(10_000_000 + ((31_415_927 * (id - ctx.firstRelationId) + this.kvkOffset) % 90_000_000)) : null;
    const debtor = status === "customer" || status === "former_customer" ? String(100_001 + this.debtors++) : null;
    const createdAt = this.stamp(history.createdMs);

    out.relations.push([
      id, name, normalizeKey(name), legal, kvk, debtor, influencer ? "influencer" : "customer_side", status, klass.accountClass,
      klass.override ? 1 : 0, klass.overrideReason, street, house, postcode, area.place, area.cityKey, "NL",
      postbus ? "Postbus" : null, postbus ? String(r.int(1, 9999)) : null, postbus ? `${area.pc4} ${this.letters()}` : null,
      postbus ? area.place : null, postbus ? "NL" : null, landline(r, area.areaCode), `https://www.${domain}`, `info@${domain}`,
      parentId, rayon.repId, rayon.id, segmentId, potentialCents, supplier, contractEnd, priceNote,
      JSON.stringify(r.sample(SERVICES, interests)), r.chance(0.08) ? r.pick(NOTES) : null, area.lat, area.lon, "pc4", area.precisionM,
      createdAt, this.stamp(Math.max(history.lastMs, klass.lastMs)),
    ]);

    const codes = industry.sbi.length > 1 && r.chance(0.1) ? r.sample(industry.sbi, 2) : [r.pick(industry.sbi)];
    codes.forEach((code, position) => {
      out.sbi.push([id, code, sectionOf(code), position]);
    });
    const terms = relationSearchTerms({ name, visit_city: area.place, visit_postcode: postcode, kvk_number: kvk, debtor_number: debtor });
    for (const term of terms) out.terms.push([term, id]);
    const nameKey = normalizeKey(name);
    for (const prefix of searchPrefixes(terms)) out.prefixes.push([prefix, nameKey, id]);

    const personCount = r.weighted(this.ctx.size > 20_000 ? PERSONS_LARGE : PERSONS_SMALL);
    for (let position = 0; position < personCount; position++) {
      const p = makePerson(r, industry.staff, position, domain, area.areaCode, this.nowMs);
      const personId = this.nextPersonId++;
      out.persons.push([
        personId, id, p.first_name, p.initials, p.infix, p.last_name, p.sort_key, p.gender, p.title, p.job_title, p.department,
        p.phone_direct, p.phone_mobile, p.email, p.linkedin_url, p.active, p.left_on, createdAt, createdAt,
      ]);
      for (const role of p.roles) out.dmu.push([personId, role]);
    }
  }

  /** The status changes that led to `status`: created some time in the last ten years, steps until yesterday. */
  private history(out: Batch, id: number, status: RelationStatus, repId: number) {
    const { r, ctx } = this;
    const createdMs = this.nowMs - r.int(30, 3650) * DAY_MS - r.int(0, 8 * 3600) * 1000;
    const path = statusPath(r, status);
    const fractions = path.map(() => r.next()).sort((a, b) => a - b);
    let lastMs = createdMs;
    let customerSinceMs = createdMs;
    path.forEach((to, i) => {
      const at = i === 0 ? createdMs : Math.round(createdMs + (fractions[i] as number) * (this.nowMs - DAY_MS - createdMs));
      lastMs = Math.max(lastMs, at);
      if (to === "customer") customerSinceMs = at;
      const by = i === 0 && r.chance(0.4) ? ctx.marketingId : to === "dead" && r.chance(0.5) ? ctx.managerId : repId;
      out.statusChanges.push([id, i === 0 ? null : (path[i - 1] as RelationStatus), to, reasonFor(r, to, i === 0), by, this.stamp(at)]);
    });
    return { createdMs, lastMs, customerSinceMs };
  }

  /** The class of a customer (and some prospects and former customers) by its potential, with its history. */
  private classify(
    out: Batch,
    id: number,
    status: RelationStatus,
    industry: Industry,
    euros: number,
    potentialKnown: boolean,
    history: { createdMs: number; customerSinceMs: number },
  ): { accountClass: AccountClass | null; override: boolean; overrideReason: string | null; lastMs: number } {
    const { r, ctx } = this;
    const none = { accountClass: null, override: false, overrideReason: null, lastMs: 0 };
    if (industry.kind === "influencer" || !potentialKnown) return none;
    const classed = status === "customer" || (status === "former_customer" && r.chance(0.6)) || (status === "prospect" && r.chance(0.3));
    if (!classed) return none;
    const accountClass = classFor(industry.segment, euros);
    const at = Math.min(history.customerSinceMs + r.int(1, 60) * DAY_MS, this.nowMs - DAY_MS);
    out.classChanges.push([id, null, accountClass, CLASS_REASON, 0, ctx.managerId, this.stamp(at)]);
    // A couple of strategic overrides: the first two eligible customers, then about one in 300.
    const eligible = status === "customer" && (accountClass === "B" || accountClass === "C");
    if (!eligible || !(this.overrides < 2 || r.chance(1 / 300))) return { accountClass, override: false, overrideReason: null, lastMs: at };
    this.overrides += 1;
    const reason = r.pick(OVERRIDE_REASONS);
    const raisedAt = Math.min(at + r.int(1, 30) * DAY_MS, this.nowMs - 1000);
    out.classChanges.push([id, accountClass, "A", reason, 1, ctx.managerId, this.stamp(raisedAt)]);
    return { accountClass: "A", override: true, overrideReason: reason, lastMs: raisedAt };
  }

  private letters(): string {
    for (;;) {
      const pair = `${this.r.pick(LETTERS)}${this.r.pick(LETTERS)}`;
      if (pair !== "SA" && pair !== "SD" && pair !== "SS") return pair;
    }
  }
}
