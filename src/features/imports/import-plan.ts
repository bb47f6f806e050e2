// What an import would do with each row, decided against the database before anything is written:
// create, update (only the filled cells that differ), unchanged, skip a dead relation, or skip a row
// that repeats an earlier one. The same plan drives the preview and the commit, so what the user
// saw is what happens.
import { checkTransition, type RelationStatus } from "../../domain/lifecycle.js";
import { personNameKey, relationNameKey } from "../../domain/import-values.js";
import { normalizeKey } from "../../domain/text.js";
import type { Db } from "../../db/kysely.js";
import { FIELD_MESSAGES } from "../../server/errors.js";
import { matchRayons } from "../reference/reference.service.js";
import { matchUsers } from "../users/user.service.js";
import type { PersonCandidate, PersonValues, RelationCandidate, RelationValues, RowProblem } from "./import-row.js";
import {
  aliasesByKvk,
  aliasesByNameKey,
  allSbiSections,
  erasedPersonIds,
  newsletterStatesOf,
  type PersonRow,
  personsOf,
  relationIdsByDebtor,
  type RelationRow,
  relationsById,
  relationsByKvk,
  relationsByNameKey,
  sbiCodesOf,
} from "./import.repository.js";

export type RowAction = "create" | "update" | "unchanged" | "skip_dead" | "skip_duplicate";

export interface RelationPlanItem {
  row: number;
  action: RowAction;
  name: string;
  current: RelationRow | null;
  /** Columns to write: all values for a create, only the differing ones for an update. */
  changes: RelationValues;
  /** SBI codes with their sections, when they are to be (re)written. */
  sbi: { code: string; section: string }[] | null;
  status: { from: RelationStatus | null; to: RelationStatus } | null;
  accountClass: { from: string | null; to: string | null } | null;
  notes: string[];
}

export interface PersonPlanItem {
  row: number;
  action: RowAction;
  name: string;
  relationId: number;
  current: PersonRow | null;
  changes: PersonValues;
  /** The newsletter consent to record (null: nothing to record). */
  consent: "given" | "withdrawn" | null;
  notes: string[];
}

function indexBy<T, K>(items: readonly T[], key: (item: T) => K | null): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const rowKey = (r: RelationRow) => relationNameKey(r.name, r.visit_postcode);

/** Finds existing relations for identities: by KvK, else name + postcode; merged duplicates count through their aliases. */
async function relationFinder(db: Db, identities: readonly { kvk: string | null; name: string; nameKey: string }[]) {
  const kvks = identities.flatMap((i) => (i.kvk ? [i.kvk] : []));
  const nameKeys = identities.map((i) => normalizeKey(i.name)).filter((k) => k !== "");
  const [byKvkRows, byNameRows, kvkAliases, nameAliases] = await Promise.all([
    relationsByKvk(db, kvks),
    relationsByNameKey(db, nameKeys),
    aliasesByKvk(db, kvks),
    aliasesByNameKey(db, nameKeys),
  ]);
  const aliasTargets = await relationsById(db, [...kvkAliases, ...nameAliases].map((a) => a.relation_id));
  const byId = new Map([...byKvkRows, ...byNameRows, ...aliasTargets].map((r) => [r.id, r]));
  const byKvk = new Map(byKvkRows.map((r) => [r.kvk_number as string, r]));
  for (const a of kvkAliases) if (a.kvk_number && !byKvk.has(a.kvk_number) && byId.has(a.relation_id)) byKvk.set(a.kvk_number, byId.get(a.relation_id) as RelationRow);
  const byNameKey = indexBy(byNameRows, rowKey);
  for (const a of nameAliases) {
    const target = byId.get(a.relation_id);
    const key = `${a.name_key}|${(a.visit_postcode ?? "").replace(/\s/g, "")}`;
    if (target && !(byNameKey.get(key) ?? []).includes(target)) byNameKey.set(key, [...(byNameKey.get(key) ?? []), target]);
  }
  const byBareName = indexBy(byNameRows, (r) => r.name_key);
  return {
    /** KvK first; else the oldest relation with the same name and postcode whose KvK does not contradict. */
    find(identity: { kvk: string | null; nameKey: string }): RelationRow | null {
      if (identity.kvk && byKvk.has(identity.kvk)) return byKvk.get(identity.kvk) ?? null;
      // Two different KvK numbers are two companies, even with the same name and postcode (branches).
      const candidates = (byNameKey.get(identity.nameKey) ?? []).filter((r) => identity.kvk === null || r.kvk_number === null || r.kvk_number === identity.kvk);
      return candidates.sort((a, b) => a.id - b.id)[0] ?? null;
    },
    /** Persons files often have a company name without postcode: then the name alone must be unique. */
    byNameOnly(name: string): RelationRow[] {
      return byBareName.get(normalizeKey(name)) ?? [];
    },
  };
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

function differing<T extends object>(current: T, values: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (!same((current as Record<string, unknown>)[k], v)) out[k] = v;
  return out;
}

export async function planRelations(
  db: Db,
  candidates: readonly RelationCandidate[],
): Promise<{ items: RelationPlanItem[]; problems: RowProblem[] }> {
  const finder = await relationFinder(db, candidates.map((c) => c.identity));
  const sections = await allSbiSections(db);
  const matched = candidates.map((c) => finder.find(c.identity));
  const matchedIds = matched.flatMap((m) => (m ? [m.id] : []));
  const currentSbi = indexBy(candidates.some((c) => c.sbiCodes) ? await sbiCodesOf(db, matchedIds) : [], (s) => s.relation_id);
  const debtorOwners = new Map(
    (await relationIdsByDebtor(db, candidates.flatMap((c) => (c.values.debtor_number ? [c.values.debtor_number] : [])))).map((r) => [r.debtor_number, r.id]),
  );
  const owners = await matchUsers(db, [...new Set(candidates.flatMap((c) => (c.owner ? [c.owner] : [])))]);
  const rayons = await matchRayons(db, [...new Set(candidates.flatMap((c) => (c.rayon ? [c.rayon] : [])))]);
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const items = candidates.map((c, i): RelationPlanItem => {
    const current = matched[i] ?? null;
    const base = { row: c.row, name: c.identity.name || current?.name || "", current, changes: {}, sbi: null, status: null, accountClass: null, notes: [] as string[] };
    // A later row for the same relation (same KvK, or same name and postcode) repeats an earlier one.
    // Two rows with different KvK numbers are different relations even with the same name (branches).
    const kvkKey = c.identity.kvk ? `kvk:${c.identity.kvk}` : null;
    const nameKey = `name:${c.identity.nameKey}`;
    const idKey = current ? `id:${current.id}` : null;
    const earlier = [kvkKey ?? nameKey, idKey].map((k) => (k ? seen.get(k) : undefined)).find((r) => r !== undefined);
    for (const k of [kvkKey, nameKey, idKey]) if (k && !seen.has(k)) seen.set(k, c.row);
    if (earlier !== undefined) return { ...base, action: "skip_duplicate", notes: [`same relation as row ${earlier}`] };
    if (current?.status === "dead") return { ...base, action: "skip_dead", notes: ["dead relations are never changed by an import"] };

    const problem = (field: RowProblem["field"], code: string) =>
      problems.push({ row: c.row, column: field, field, code, message: FIELD_MESSAGES[code] ?? code, company: c.identity.name || null });
    const debtorOwner = c.values.debtor_number ? debtorOwners.get(c.values.debtor_number) : undefined;
    if (debtorOwner !== undefined && debtorOwner !== current?.id) problem("debtorNumber", "debtor_taken");
    // Owner and rayon name what exists: a typo must not create a user, nor silently leave it empty.
    const values: RelationValues = { ...c.values };
    if (c.owner) {
      const owner = owners.get(normalizeKey(c.owner));
      if (owner === undefined) problem("owner", "import_owner_unknown");
      else if (owner === "ambiguous") problem("owner", "import_owner_ambiguous");
      else values.owner_id = owner;
    }
    if (c.rayon) {
      const rayon = rayons.get(normalizeKey(c.rayon));
      if (rayon === undefined) problem("rayon", "import_rayon_unknown");
      else values.rayon_id = rayon;
    }
    let sbi: RelationPlanItem["sbi"] = null;
    if (c.sbiCodes) {
      const unknown = c.sbiCodes.filter((code) => !sections.has(code));
      if (unknown.length > 0) problem("sbi", "sbi_unknown");
      const before = (currentSbi.get(current?.id ?? -1) ?? []).map((s) => s.sbi_code);
      const changed = current === null ? c.sbiCodes.length > 0 : before.join(",") !== c.sbiCodes.join(",");
      if (changed) sbi = c.sbiCodes.map((code) => ({ code, section: sections.get(code) ?? "" }));
    }

    if (current === null) {
      return {
        ...base,
        action: "create",
        changes: values,
        sbi,
        status: { from: null, to: c.status ?? "suspect" },
        accountClass: c.accountClass ? { from: null, to: c.accountClass } : null,
      };
    }
    const notes: string[] = [];
    let status: RelationPlanItem["status"] = null;
    if (c.status && c.status !== current.status) {
      const check = checkTransition(current.status as RelationStatus, c.status, "import");
      if (check.ok) status = { from: current.status as RelationStatus, to: c.status };
      else notes.push(`status "${c.status}" not applied: it cannot follow "${current.status}"`);
    }
    let accountClass: RelationPlanItem["accountClass"] = null;
    if (c.accountClass !== undefined && !same(c.accountClass, current.account_class)) {
      if (current.class_override === 1) notes.push("class not changed: it was set by strategic override");
      else accountClass = { from: current.account_class, to: c.accountClass };
    }
    const changes = differing(current, values) as RelationValues;
    // "DELTA SCHOONMAAK" in a bought file does not overwrite "Delta Schoonmaak": only real renames count.
    if (changes.name !== undefined && normalizeKey(changes.name ?? "") === current.name_key) delete changes.name;
    if (changes.visit_city !== undefined && normalizeKey(changes.visit_city ?? "") === current.city_key) delete changes.visit_city;
    const changed = Object.keys(changes).length > 0 || sbi !== null || status !== null || accountClass !== null;
    return { ...base, action: changed ? "update" : "unchanged", changes, sbi, status, accountClass, notes };
  });
  return { items, problems };
}

/**
 * The newsletter consent an import row records, given the person's current state. Only changes are
 * recorded (re-importing the same file adds nothing); a withdrawal wins over an import's "ja"
 * (domain/consent.ts); nothing new is recorded about an erased person.
 */
function consentToRecord(newsletter: boolean | null, current: string): { record: "given" | "withdrawn" | null; notes: string[] } {
  if (newsletter === null) return { record: null, notes: [] };
  const wanted = newsletter ? "given" : "withdrawn";
  if (current === "erased") return { record: null, notes: ["person was erased (GDPR): consent not recorded"] };
  if (current === wanted) return { record: null, notes: [] };
  if (wanted === "given" && current === "withdrawn") return { record: null, notes: ["newsletter: consent was withdrawn earlier; the import's yes is ignored"] };
  return { record: wanted, notes: [] };
}

export async function planPersons(
  db: Db,
  candidates: readonly PersonCandidate[],
): Promise<{ items: PersonPlanItem[]; problems: RowProblem[] }> {
  const finder = await relationFinder(db, candidates.map((c) => c.relation));
  const problems: RowProblem[] = [];
  const relationOf = candidates.map((c): RelationRow | null => {
    const found = finder.find(c.relation);
    if (found || c.relation.kvk || c.relation.postcode) return found;
    const named = finder.byNameOnly(c.relation.name);
    if (named.length > 1) {
      problems.push({ row: c.row, column: "name", field: "name", code: "import_relation_ambiguous", message: FIELD_MESSAGES.import_relation_ambiguous ?? "", company: c.relation.name || null });
    }
    return named.length === 1 ? (named[0] as RelationRow) : null;
  });
  const existing = await personsOf(db, [...new Set(relationOf.flatMap((r) => (r && r.status !== "dead" ? [r.id] : [])))]);
  const byRelation = indexBy(existing, (p) => p.relation_id);
  const consentIds = existing.map((p) => p.id);
  const [consentStates, erased] = candidates.some((c) => c.newsletter !== null)
    ? await Promise.all([newsletterStatesOf(db, consentIds), erasedPersonIds(db, consentIds)])
    : [new Map<number, string>(), new Set<number>()];
  const seen = new Map<string, number>();
  const items: PersonPlanItem[] = [];
  candidates.forEach((c, i) => {
    const relation = relationOf[i];
    const name = [c.values.first_name ?? c.values.initials, c.values.infix, c.values.last_name].filter(Boolean).join(" ");
    if (!relation) {
      if (!problems.some((p) => p.row === c.row)) {
        const field = c.relation.kvk ? "kvkNumber" : "name";
        problems.push({ row: c.row, column: field, field, code: "import_relation_not_found", message: FIELD_MESSAGES.import_relation_not_found ?? "", company: c.relation.name || null });
      }
      return;
    }
    const base = { row: c.row, name, relationId: relation.id, current: null, changes: {}, consent: null, notes: [] as string[] };
    if (relation.status === "dead") {
      items.push({ ...base, action: "skip_dead", notes: [`${relation.name} is dead: its persons are not changed by an import`] });
      return;
    }
    const email = c.values.email ?? null;
    const nameKey = personNameKey({ firstName: c.values.first_name ?? null, initials: c.values.initials ?? null, infix: c.values.infix ?? null, lastName: c.values.last_name });
    const keys = [email ? `${relation.id}:@${email}` : null, `${relation.id}:${nameKey}`].filter((k): k is string => k !== null);
    const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
    for (const k of keys) if (!seen.has(k)) seen.set(k, c.row);
    if (earlier !== undefined) {
      items.push({ ...base, action: "skip_duplicate", notes: [`same person as row ${earlier}`] });
      return;
    }
    const people = byRelation.get(relation.id) ?? [];
    // E-mail first; a name match only counts when the e-mails do not contradict.
    const current =
      (email ? people.find((p) => p.email === email) : undefined) ??
      people.find((p) => (email === null || p.email === null || p.email === email) && personNameKey({ firstName: p.first_name, initials: p.initials, infix: p.infix, lastName: p.last_name }) === nameKey) ??
      null;
    const consent = consentToRecord(c.newsletter, current ? (erased.has(current.id) ? "erased" : (consentStates.get(current.id) ?? "none")) : "none");
    if (!current) {
      items.push({ ...base, action: "create", changes: c.values, consent: consent.record, notes: consent.notes });
      return;
    }
    const changes = differing(current, c.values) as PersonValues;
    items.push({ ...base, current, action: Object.keys(changes).length > 0 ? "update" : "unchanged", changes, consent: consent.record, notes: consent.notes });
  });
  return { items, problems };
}
