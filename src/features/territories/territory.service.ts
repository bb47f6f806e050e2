// Territories: a rayon drawn as four-digit postcode ranges, provinces, municipalities and chosen
// relations (one writer of rayon_regions and rayon_relations too), the relations that lie in it, and its
// sub-areas (deelgebieden) — proposed by planning/sub-areas.ts from the relations' coordinates and
// class norms, then saved as fixed days of a 2- or 3-week cycle. The one writer of
// rayon_postcode_ranges, sub_areas and sub_area_relations.
import { isAccountClass } from "../../domain/account-class.js";
import { checkPc4Ranges, type Pc4Range } from "../../domain/postcode-ranges.js";
import { areasClash, type ClaimClash, claimOfPostcode, type RayonClaim, rangeClash } from "../../domain/territory-claims.js";
import { sql } from "kysely";
import { type Db, inTransaction } from "../../db/kysely.js";
import { proposeSubAreas } from "../../planning/sub-areas.js";
import { fieldProblem, invalid, notFound } from "../../server/errors.js";
import { readCrmSettings } from "../followups/crm-settings.service.js";
import { municipalitiesOf, pc4sOfRegion, type RegionKind, regionName, resolveRegion } from "./regions.js";

/** Relations that are planned: everyone alive (dead relations are never visited). */
const PLANNED_STATUSES = ["suspect", "prospect", "customer", "former_customer"];

async function rayonOrThrow(db: Db, rayonId: number) {
  const rayon = await db.selectFrom("rayons").select(["id", "name"]).where("id", "=", rayonId).executeTakeFirst();
  if (!rayon) throw notFound(`Rayon ${rayonId}`);
  return rayon;
}

export async function rangesOf(db: Db, rayonId: number): Promise<Pc4Range[]> {
  const rows = await db.selectFrom("rayon_postcode_ranges").select(["from_pc4", "to_pc4"]).where("rayon_id", "=", rayonId).orderBy("from_pc4").execute();
  return rows.map((r) => ({ from: r.from_pc4, to: r.to_pc4 }));
}

/** What a rayon is drawn from: postcode ranges, provinces and municipalities, chosen relations. */
export interface Drawing {
  ranges: Pc4Range[];
  regions: { kind: RegionKind; code: string }[];
  relationIds: number[];
}

async function drawingOf(db: Db, rayonId: number): Promise<Drawing> {
  const [ranges, regions, chosen] = await Promise.all([
    rangesOf(db, rayonId),
    db.selectFrom("rayon_regions").select(["kind", "code"]).where("rayon_id", "=", rayonId).orderBy("kind").orderBy("code").execute(),
    db.selectFrom("rayon_relations").select("relation_id").where("rayon_id", "=", rayonId).orderBy("relation_id").execute(),
  ]);
  return { ranges, regions, relationIds: chosen.map((r) => r.relation_id) };
}

const regionPc4s = (regions: readonly { kind: RegionKind; code: string }[]) => new Set(regions.flatMap((r) => pc4sOfRegion(r.kind, r.code)));

/**
 * The relations of a drawing, with what planning needs: those (alive) whose Dutch visiting postcode
 * lies in a range or in a province or municipality, and the chosen ones wherever they are.
 */
async function relationsIn(db: Db, drawing: Drawing) {
  const pc4s = [...regionPc4s(drawing.regions)];
  if (drawing.ranges.length === 0 && pc4s.length === 0 && drawing.relationIds.length === 0) return [];
  return db
    .selectFrom("relations")
    .select(["id", "name", "status", "account_class", "visit_postcode", "visit_city", "lat", "lon", "geo_source"])
    .where("status", "in", PLANNED_STATUSES)
    .where((eb) => {
      const area = [
        // Postcodes are stored as "1234 AB": "1000" ≤ p ≤ "1099 ZZ" is the range 1000–1099.
        ...drawing.ranges.map((r) => eb.and([eb("visit_postcode", ">=", r.from), eb("visit_postcode", "<=", `${r.to} ZZ`)])),
        ...(pc4s.length > 0 ? [eb(sql<string>`substr(visit_postcode, 1, 4)`, "in", pc4s)] : []),
      ];
      return eb.or([
        ...(area.length > 0 ? [eb.and([eb("visit_country", "=", "NL"), eb.or(area)])] : []),
        ...(drawing.relationIds.length > 0 ? [eb("id", "in", drawing.relationIds)] : []),
      ]);
    })
    .orderBy("id")
    .execute();
}

/** The areas other rayons claim (ranges, provinces and municipalities), for the overlap checks. */
async function otherClaims(db: Db, rayonId: number): Promise<RayonClaim[]> {
  const [ranges, regions] = await Promise.all([
    db.selectFrom("rayon_postcode_ranges").select(["rayon_id", "from_pc4", "to_pc4"]).where("rayon_id", "!=", rayonId).execute(),
    db.selectFrom("rayon_regions").select(["rayon_id", "kind", "code"]).where("rayon_id", "!=", rayonId).execute(),
  ]);
  const ids = [...new Set([...ranges.map((r) => r.rayon_id), ...regions.map((r) => r.rayon_id)])].sort((a, b) => a - b);
  return ids.map((id) => ({
    rayonId: id,
    ranges: ranges.filter((r) => r.rayon_id === id).map((r) => ({ from: r.from_pc4, to: r.to_pc4 })),
    regionPc4s: regionPc4s(regions.filter((r) => r.rayon_id === id)),
  }));
}

async function rayonName(db: Db, rayonId: number): Promise<string> {
  return (await db.selectFrom("rayons").select("name").where("id", "=", rayonId).executeTakeFirst())?.name ?? `#${rayonId}`;
}

const clashText = async (db: Db, clash: ClaimClash) =>
  `rayon ${await rayonName(db, clash.rayonId)} holds ${"pc4" in clash ? `postcode area ${clash.pc4}` : `${clash.range.from}–${clash.range.to}`}`;

/** The first relation chosen into another rayon whose visiting postcode the candidate area holds. */
async function chosenRelationIn(db: Db, rayonId: number, candidate: RayonClaim) {
  const chosen = await db
    .selectFrom("rayon_relations as rr")
    .innerJoin("relations as r", "r.id", "rr.relation_id")
    .select(["r.id", "r.name", "r.visit_postcode", "rr.rayon_id"])
    .where("rr.rayon_id", "!=", rayonId)
    .where("r.visit_country", "=", "NL")
    .execute();
  return chosen.find((r) => claimOfPostcode(r.visit_postcode, [candidate]) !== null) ?? null;
}

export async function getTerritory(db: Db, rayonId: number) {
  const rayon = await rayonOrThrow(db, rayonId);
  const drawing = await drawingOf(db, rayonId);
  const relations = await relationsIn(db, drawing);
  const reps = await db
    .selectFrom("user_rayons as ur")
    .innerJoin("users as u", "u.id", "ur.user_id")
    .select(["u.id", "u.name", "u.home_lat", "u.home_lon"])
    .where("ur.rayon_id", "=", rayonId)
    .where("u.role", "=", "field_sales")
    .where("u.active", "=", 1)
    .orderBy("u.name")
    .execute();
  const areas = await db.selectFrom("sub_areas").select(["id", "cycle_weeks", "week", "weekday"]).where("rayon_id", "=", rayonId).orderBy("week").orderBy("weekday").execute();
  const members = areas.length === 0 ? [] : await db.selectFrom("sub_area_relations").select(["sub_area_id", "relation_id"]).where("sub_area_id", "in", areas.map((a) => a.id)).execute();
  const { visitNorms } = await readCrmSettings(db);
  const byId = new Map(relations.map((r) => [r.id, r]));
  const chosen = drawing.relationIds.map((id) => byId.get(id)).filter((r) => r !== undefined);
  return {
    rayon,
    ranges: drawing.ranges,
    regions: drawing.regions.map((r) => ({ kind: r.kind, code: r.code, name: regionName(r.kind, r.code) })),
    chosenRelations: chosen.map((r) => ({ id: r.id, name: r.name, city: r.visit_city })).sort((a, b) => a.name.localeCompare(b.name, "nl") || a.id - b.id),
    reps: reps.map((r) => ({ id: r.id, name: r.name, home: r.home_lat !== null && r.home_lon !== null ? { lat: r.home_lat, lon: r.home_lon } : null })),
    relationCount: relations.length,
    withoutCoordinates: relations.filter((r) => r.lat === null || r.lon === null).map((r) => ({ id: r.id, name: r.name, postcode: r.visit_postcode, city: r.visit_city })),
    subAreas: areas.map((a) => {
      const ids = members.filter((m) => m.sub_area_id === a.id).map((m) => m.relation_id).sort((x, y) => x - y);
      return { id: a.id, cycleWeeks: a.cycle_weeks, week: a.week, weekday: a.weekday, relationIds: ids, workload: workloadOf(ids.map((id) => byId.get(id)?.account_class ?? null), visitNorms) };
    }),
  };
}

/** Visits a year of a set of relations by their class's norm (no class or C: none). */
function workloadOf(classes: readonly (string | null)[], norms: Readonly<Record<string, number>>): number {
  return classes.reduce((sum, c) => sum + (c && isAccountClass(c) ? (norms[c] ?? 0) : 0), 0);
}

/** Replaces the rayon's ranges; they may not overlap each other or another rayon's area. */
export async function setPostcodeRanges(db: Db, rayonId: number, input: readonly Pc4Range[]) {
  await rayonOrThrow(db, rayonId);
  const checked = checkPc4Ranges(input);
  if (!checked.ok) throw invalid(fieldProblem(`ranges.${checked.error.index}`, checked.error.code));
  const others = await otherClaims(db, rayonId);
  for (const [index, r] of input.entries()) {
    const clash = rangeClash({ from: r.from.trim(), to: r.to.trim() }, others);
    if (clash) throw invalid({ ...fieldProblem(`ranges.${index}`, "range_of_other_rayon"), message: `overlaps: ${await clashText(db, clash)}` });
  }
  const holds = await chosenRelationIn(db, rayonId, { rayonId, ranges: checked.value, regionPc4s: new Set() });
  if (holds) throw invalid({ ...fieldProblem("ranges", "area_holds_chosen_relation"), message: `holds ${holds.name} (${holds.visit_postcode}), chosen into rayon ${await rayonName(db, holds.rayon_id)}` });
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("rayon_postcode_ranges").where("rayon_id", "=", rayonId).execute();
    if (checked.value.length > 0) await trx.insertInto("rayon_postcode_ranges").values(checked.value.map((r) => ({ rayon_id: rayonId, from_pc4: r.from, to_pc4: r.to }))).execute();
  });
  return getTerritory(db, rayonId);
}

/**
 * Replaces the rayon's provinces and municipalities (named as CBS does, or by GM code). Unknown
 * names, a region named twice (or a municipality of a chosen province) and any area another rayon
 * holds are refused with the index of the region.
 */
export async function setRegions(db: Db, rayonId: number, input: readonly { kind: RegionKind; name: string }[]) {
  await rayonOrThrow(db, rayonId);
  const resolved: { kind: RegionKind; code: string; name: string }[] = [];
  const covered = new Set<string>();
  for (const [index, r] of input.entries()) {
    const hit = resolveRegion(r.kind, r.name);
    if (!hit) throw invalid({ ...fieldProblem(`regions.${index}`, "region_unknown"), message: `${r.kind === "province" ? "is not a province" : "is not a municipality"}: "${r.name}"` });
    const municipalities = municipalitiesOf(hit.kind, hit.code);
    if (municipalities.some((m) => covered.has(m))) throw invalid({ ...fieldProblem(`regions.${index}`, "region_twice"), message: `${hit.name} is named twice or lies in a province already chosen` });
    for (const m of municipalities) covered.add(m);
    resolved.push(hit);
  }
  const others = await otherClaims(db, rayonId);
  for (const [index, r] of resolved.entries()) {
    const clash = areasClash(pc4sOfRegion(r.kind, r.code), others);
    if (clash) throw invalid({ ...fieldProblem(`regions.${index}`, "region_of_other_rayon"), message: `${r.name}: ${await clashText(db, clash)}` });
  }
  const holds = await chosenRelationIn(db, rayonId, { rayonId, ranges: [], regionPc4s: regionPc4s(resolved) });
  if (holds) throw invalid({ ...fieldProblem("regions", "area_holds_chosen_relation"), message: `holds ${holds.name} (${holds.visit_postcode}), chosen into rayon ${await rayonName(db, holds.rayon_id)}` });
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("rayon_regions").where("rayon_id", "=", rayonId).execute();
    if (resolved.length > 0) await trx.insertInto("rayon_regions").values(resolved.map((r) => ({ rayon_id: rayonId, kind: r.kind, code: r.code }))).execute();
  });
  return getTerritory(db, rayonId);
}

/**
 * Replaces the relations chosen into the rayon by hand (a key account rep's accounts, wherever they
 * are). Each must be a living relation, not chosen into another rayon, and not lie in another
 * rayon's area.
 */
export async function setChosenRelations(db: Db, rayonId: number, relationIds: readonly number[]) {
  await rayonOrThrow(db, rayonId);
  const ids = [...new Set(relationIds)];
  const rows = ids.length === 0 ? [] : await db.selectFrom("relations").select(["id", "name", "status", "visit_postcode", "visit_country"]).where("id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const elsewhere = ids.length === 0 ? [] : await db.selectFrom("rayon_relations").select(["relation_id", "rayon_id"]).where("relation_id", "in", ids).where("rayon_id", "!=", rayonId).execute();
  const others = await otherClaims(db, rayonId);
  for (const [index, id] of relationIds.entries()) {
    const r = byId.get(id);
    if (!r || !PLANNED_STATUSES.includes(r.status)) throw invalid({ ...fieldProblem(`relationIds.${index}`, "relation_unknown"), message: `relation ${id} does not exist or is dead` });
    const taken = elsewhere.find((e) => e.relation_id === id);
    if (taken) throw invalid({ ...fieldProblem(`relationIds.${index}`, "relation_of_other_rayon"), message: `${r.name} is chosen into rayon ${await rayonName(db, taken.rayon_id)}` });
    const owner = r.visit_country === "NL" ? claimOfPostcode(r.visit_postcode, others) : null;
    if (owner !== null) throw invalid({ ...fieldProblem(`relationIds.${index}`, "relation_in_other_rayon"), message: `${r.name} (${r.visit_postcode}) lies in rayon ${await rayonName(db, owner)}` });
  }
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("rayon_relations").where("rayon_id", "=", rayonId).execute();
    for (let i = 0; i < ids.length; i += 500) await trx.insertInto("rayon_relations").values(ids.slice(i, i + 500).map((relation_id) => ({ rayon_id: rayonId, relation_id }))).execute();
  });
  return getTerritory(db, rayonId);
}

/** A proposal of sub-areas for the rayon (not saved): balanced in visits a year, compact, one per cycle day. */
export async function proposeTerritorySubAreas(db: Db, rayonId: number, options: { cycleWeeks: number; daysPerWeek: number }) {
  const territory = await getTerritory(db, rayonId);
  const relations = await relationsIn(db, await drawingOf(db, rayonId));
  const { visitNorms } = await readCrmSettings(db);
  const located = relations.filter((r): r is typeof r & { lat: number; lon: number } => r.lat !== null && r.lon !== null);
  const points = located.map((r) => ({ id: r.id, lat: r.lat, lon: r.lon, weight: r.account_class && isAccountClass(r.account_class) ? visitNorms[r.account_class] : 0 }));
  const home = territory.reps.find((r) => r.home !== null)?.home ?? null;
  const plan = proposeSubAreas(points, { ...options, home });
  if (!plan.ok) throw invalid(fieldProblem(plan.error === "cycle_weeks_invalid" ? "cycleWeeks" : "daysPerWeek", plan.error));
  return { rayonId, cycleWeeks: options.cycleWeeks, daysPerWeek: options.daysPerWeek, home, ...plan.value, withoutCoordinates: territory.withoutCoordinates };
}

/** Saves the rayon's sub-areas (a proposal as it is, or as the user changed it), replacing the old ones. */
export async function saveSubAreas(db: Db, rayonId: number, input: { cycleWeeks: number; areas: { week: number; weekday: number; relationIds: number[] }[] }, now: Date) {
  await rayonOrThrow(db, rayonId);
  if (input.cycleWeeks !== 2 && input.cycleWeeks !== 3) throw invalid(fieldProblem("cycleWeeks", "cycle_weeks_invalid"));
  const inRayon = new Set((await relationsIn(db, await drawingOf(db, rayonId))).map((r) => r.id));
  const seen = new Set<number>();
  const slots = new Set<string>();
  for (const [index, area] of input.areas.entries()) {
    if (area.week > input.cycleWeeks) throw invalid(fieldProblem(`areas.${index}.week`, "cycle_weeks_invalid"));
    const slot = `${area.week}-${area.weekday}`;
    if (slots.has(slot)) throw invalid(fieldProblem(`areas.${index}`, "sub_area_slot_twice"));
    slots.add(slot);
    for (const id of area.relationIds) {
      if (!inRayon.has(id)) throw invalid(fieldProblem(`areas.${index}.relationIds`, "sub_area_relation_outside"));
      if (seen.has(id)) throw invalid(fieldProblem(`areas.${index}.relationIds`, "sub_area_relation_twice"));
      seen.add(id);
    }
  }
  await inTransaction(db, async (trx) => {
    const old = trx.selectFrom("sub_areas").select("id").where("rayon_id", "=", rayonId);
    await trx.deleteFrom("sub_area_relations").where("sub_area_id", "in", old).execute();
    await trx.deleteFrom("sub_areas").where("rayon_id", "=", rayonId).execute();
    for (const area of input.areas) {
      const row = await trx
        .insertInto("sub_areas")
        .values({ rayon_id: rayonId, cycle_weeks: input.cycleWeeks, week: area.week, weekday: area.weekday, created_at: now.toISOString() })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (area.relationIds.length === 0) continue;
      // A relation that moved here from another rayon's sub-area leaves that one.
      await trx.deleteFrom("sub_area_relations").where("relation_id", "in", area.relationIds).execute();
      for (let i = 0; i < area.relationIds.length; i += 500) {
        await trx.insertInto("sub_area_relations").values(area.relationIds.slice(i, i + 500).map((relation_id) => ({ relation_id, sub_area_id: row.id }))).execute();
      }
    }
  });
  return getTerritory(db, rayonId);
}

/**
 * Moves relations into one of the rayon's sub-areas (out of whichever they were in): those named, and
 * every relation of the rayon in the four-digit postcode areas named (a PC4 clicked on the map).
 */
export async function moveToSubArea(db: Db, rayonId: number, input: { toSubAreaId: number; relationIds?: number[]; pc4s?: string[] }) {
  await rayonOrThrow(db, rayonId);
  const target = await db.selectFrom("sub_areas").select("id").where("id", "=", input.toSubAreaId).where("rayon_id", "=", rayonId).executeTakeFirst();
  if (!target) throw invalid(fieldProblem("toSubAreaId", "sub_area_unknown"));
  const relations = await relationsIn(db, await drawingOf(db, rayonId));
  const inRayon = new Set(relations.map((r) => r.id));
  const ids = new Set<number>();
  for (const [index, id] of (input.relationIds ?? []).entries()) {
    if (!inRayon.has(id)) throw invalid(fieldProblem(`relationIds.${index}`, "sub_area_relation_outside"));
    ids.add(id);
  }
  for (const [index, raw] of (input.pc4s ?? []).entries()) {
    const pc4 = raw.trim();
    if (!/^[1-9][0-9]{3}$/.test(pc4)) throw invalid(fieldProblem(`pc4s.${index}`, "pc4_invalid"));
    const hits = relations.filter((r) => r.visit_postcode?.slice(0, 4) === pc4);
    if (hits.length === 0) throw invalid(fieldProblem(`pc4s.${index}`, "pc4_not_in_rayon"));
    for (const r of hits) ids.add(r.id);
  }
  const list = [...ids];
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      await trx.deleteFrom("sub_area_relations").where("relation_id", "in", chunk).execute();
      await trx.insertInto("sub_area_relations").values(chunk.map((relation_id) => ({ relation_id, sub_area_id: target.id }))).execute();
    }
  });
  return getTerritory(db, rayonId);
}

/** Gives a sub-area another day of its cycle; the day must be free in the rayon. */
export async function setSubAreaDay(db: Db, rayonId: number, subAreaId: number, day: { week: number; weekday: number }) {
  await rayonOrThrow(db, rayonId);
  const areas = await db.selectFrom("sub_areas").select(["id", "cycle_weeks", "week", "weekday"]).where("rayon_id", "=", rayonId).execute();
  const area = areas.find((a) => a.id === subAreaId);
  if (!area) throw notFound(`Sub-area ${subAreaId} of rayon ${rayonId}`);
  if (day.week > area.cycle_weeks) throw invalid(fieldProblem("week", "cycle_weeks_invalid"));
  if (areas.some((a) => a.id !== subAreaId && a.week === day.week && a.weekday === day.weekday)) throw invalid(fieldProblem("weekday", "sub_area_slot_twice"));
  await db.updateTable("sub_areas").set({ week: day.week, weekday: day.weekday }).where("id", "=", subAreaId).execute();
  return getTerritory(db, rayonId);
}

/** How many sub-areas the rayons have and the cycle length of the first (null without any): a cheap check for planning. */
export async function subAreaCount(db: Db, rayonIds: readonly number[]): Promise<{ count: number; cycleWeeks: number | null }> {
  return (await subAreaCounts(db, [rayonIds]))[0] as { count: number; cycleWeeks: number | null };
}

/** subAreaCount for many sets of rayons (one per rep) in one query; the answers in the same order. */
export async function subAreaCounts(db: Db, rayonSets: readonly (readonly number[])[]): Promise<{ count: number; cycleWeeks: number | null }[]> {
  const all = [...new Set(rayonSets.flat())];
  const rows = all.length === 0 ? [] : await db.selectFrom("sub_areas").select(["rayon_id", "cycle_weeks"]).where("rayon_id", "in", all).execute();
  return rayonSets.map((set) => {
    const mine = rows.filter((r) => set.includes(r.rayon_id));
    // The longest cycle, as the cycle planner plans a rep with rayons of 2 and 3 weeks (cycle-plan.service.ts).
    return { count: mine.length, cycleWeeks: mine.length === 0 ? null : Math.max(...mine.map((r) => r.cycle_weeks)) };
  });
}
