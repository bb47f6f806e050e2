// SQL of the map: one filter over relations, read as points, as counts per grid cell, or as the
// relations that have no coordinate. Only the columns a map shows are read.
import { sql } from "kysely";
import type { Db } from "../../db/kysely.js";

export interface MapFilter {
  rayonIds: readonly number[];
  /** Class values; "none" matches relations without a class. */
  classes: readonly string[];
  statuses: readonly string[];
}

function filtered(db: Db, f: MapFilter) {
  let q = db.selectFrom("relations as r");
  if (f.rayonIds.length > 0) q = q.where("r.rayon_id", "in", [...f.rayonIds]);
  if (f.statuses.length > 0) q = q.where("r.status", "in", [...f.statuses]);
  if (f.classes.length > 0) {
    const named = f.classes.filter((c) => c !== "none");
    const none = f.classes.includes("none");
    q = q.where((eb) => eb.or([...(named.length > 0 ? [eb("r.account_class", "in", named)] : []), ...(none ? [eb("r.account_class", "is", null)] : [])]));
  }
  return q;
}

const located = (db: Db, f: MapFilter) => filtered(db, f).where("r.lat", "is not", null).where("r.lon", "is not", null);

export async function countLocated(db: Db, f: MapFilter): Promise<number> {
  const row = await located(db, f).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function mapPoints(db: Db, f: MapFilter, limit: number) {
  return located(db, f)
    .leftJoin("sub_area_relations as sar", "sar.relation_id", "r.id")
    .select(["r.id", "r.name", "r.visit_postcode", "r.visit_city", "r.lat", "r.lon", "r.geo_precision_m", "r.geo_source", "r.status", "r.account_class", "r.rayon_id", "sar.sub_area_id"])
    .orderBy("r.id")
    .limit(limit)
    .execute();
}

/**
 * Relations per grid cell of `cellDegrees`, class and status. floor() of a double gives the same
 * cell on both engines (SQLite 3.35+ has floor; PostgreSQL too); the cell index times the size is
 * the cell's south-west corner.
 */
export function mapCells(db: Db, f: MapFilter, cellDegrees: number) {
  const size = sql.lit(cellDegrees);
  const cy = sql<number>`floor(r.lat / ${size})`;
  const cx = sql<number>`floor(r.lon / ${size})`;
  return located(db, f)
    .select((eb) => [cy.as("cy"), cx.as("cx"), "r.account_class", "r.status", eb.fn.countAll<number>().as("n")])
    .groupBy([cy, cx, "r.account_class", "r.status"])
    .execute();
}

export function unplaced(db: Db, f: MapFilter, limit: number) {
  const q = filtered(db, f).where((eb) => eb.or([eb("r.lat", "is", null), eb("r.lon", "is", null)]));
  return Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.select(["r.id", "r.name", "r.visit_postcode", "r.visit_city"]).orderBy("r.name_key").orderBy("r.id").limit(limit).execute(),
  ]);
}

export function subAreasOf(db: Db, rayonIds: readonly number[]) {
  if (rayonIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("sub_areas").select(["id", "rayon_id", "cycle_weeks", "week", "weekday"]).where("rayon_id", "in", [...rayonIds]).orderBy("rayon_id").orderBy("week").orderBy("weekday").execute();
}
