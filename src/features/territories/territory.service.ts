// Territories: a rayon drawn as four-digit postcode ranges, the relations that lie in it, and its
// sub-areas (deelgebieden) — proposed by planning/sub-areas.ts from the relations' coordinates and
// class norms, then saved as fixed days of a 2- or 3-week cycle. The one writer of
// rayon_postcode_ranges, sub_areas and sub_area_relations.
import { isAccountClass } from "../../domain/account-class.js";
import { checkPc4Ranges, type Pc4Range, rangesOverlap } from "../../domain/postcode-ranges.js";
import { type Db, inTransaction } from "../../db/kysely.js";
import { proposeSubAreas } from "../../planning/sub-areas.js";
import { fieldProblem, invalid, notFound } from "../../server/errors.js";
import { readCrmSettings } from "../followups/crm-settings.service.js";

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

/** The relations whose Dutch visiting postcode lies in one of `ranges`, with what planning needs. */
async function relationsIn(db: Db, ranges: readonly Pc4Range[]) {
  if (ranges.length === 0) return [];
  return db
    .selectFrom("relations")
    .select(["id", "name", "status", "account_class", "visit_postcode", "visit_city", "lat", "lon", "geo_source"])
    .where("visit_country", "=", "NL")
    .where("status", "in", PLANNED_STATUSES)
    // Postcodes are stored as "1234 AB": "1000" ≤ p ≤ "1099 ZZ" is the range 1000–1099.
    .where((eb) => eb.or(ranges.map((r) => eb.and([eb("visit_postcode", ">=", r.from), eb("visit_postcode", "<=", `${r.to} ZZ`)]))))
    .orderBy("id")
    .execute();
}

export async function getTerritory(db: Db, rayonId: number) {
  const rayon = await rayonOrThrow(db, rayonId);
  const ranges = await rangesOf(db, rayonId);
  const relations = await relationsIn(db, ranges);
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
  return {
    rayon,
    ranges,
    reps: reps.map((r) => ({ id: r.id, name: r.name, home: r.home_lat !== null && r.home_lon !== null ? { lat: r.home_lat, lon: r.home_lon } : null })),
    relationCount: relations.length,
    withoutCoordinates: relations.filter((r) => r.lat === null || r.lon === null).map((r) => ({ id: r.id, name: r.name, postcode: r.visit_postcode, city: r.visit_city })),
    subAreas: areas.map((a) => ({
      id: a.id,
      cycleWeeks: a.cycle_weeks,
      week: a.week,
      weekday: a.weekday,
      relationIds: members.filter((m) => m.sub_area_id === a.id).map((m) => m.relation_id).sort((x, y) => x - y),
    })),
  };
}

/** Replaces the rayon's ranges; they may not overlap each other or another rayon's. */
export async function setPostcodeRanges(db: Db, rayonId: number, input: readonly Pc4Range[]) {
  await rayonOrThrow(db, rayonId);
  const checked = checkPc4Ranges(input);
  if (!checked.ok) throw invalid(fieldProblem(`ranges.${checked.error.index}`, checked.error.code));
  const others = await db.selectFrom("rayon_postcode_ranges").select(["rayon_id", "from_pc4", "to_pc4"]).where("rayon_id", "!=", rayonId).execute();
  for (const [index, r] of input.entries()) {
    const clash = others.find((o) => rangesOverlap({ from: r.from.trim(), to: r.to.trim() }, { from: o.from_pc4, to: o.to_pc4 }));
    if (clash) throw invalid({ ...fieldProblem(`ranges.${index}`, "range_of_other_rayon"), message: `overlaps ${clash.from_pc4}–${clash.to_pc4} of rayon ${clash.rayon_id}` });
  }
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("rayon_postcode_ranges").where("rayon_id", "=", rayonId).execute();
    if (checked.value.length > 0) await trx.insertInto("rayon_postcode_ranges").values(checked.value.map((r) => ({ rayon_id: rayonId, from_pc4: r.from, to_pc4: r.to }))).execute();
  });
  return getTerritory(db, rayonId);
}

/** A proposal of sub-areas for the rayon (not saved): balanced in visits a year, compact, one per cycle day. */
export async function proposeTerritorySubAreas(db: Db, rayonId: number, options: { cycleWeeks: number; daysPerWeek: number }) {
  const territory = await getTerritory(db, rayonId);
  const relations = await relationsIn(db, territory.ranges);
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
  const territory = await getTerritory(db, rayonId);
  if (input.cycleWeeks !== 2 && input.cycleWeeks !== 3) throw invalid(fieldProblem("cycleWeeks", "cycle_weeks_invalid"));
  const inRayon = new Set((await relationsIn(db, territory.ranges)).map((r) => r.id));
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

/** How many sub-areas the rayons have and their cycle length (null without any): a cheap check for planning. */
export async function subAreaCount(db: Db, rayonIds: readonly number[]): Promise<{ count: number; cycleWeeks: number | null }> {
  if (rayonIds.length === 0) return { count: 0, cycleWeeks: null };
  const rows = await db.selectFrom("sub_areas").select("cycle_weeks").where("rayon_id", "in", [...rayonIds]).execute();
  return { count: rows.length, cycleWeeks: rows[0]?.cycle_weeks ?? null };
}
