// Alternative addresses (alternatieve adressen): the customers and prospects nearest to a relation,
// for filling a gap when a visit falls through. Candidates come from a latitude/longitude box on the
// relations_geo index that grows until it holds enough; the exact haversine distance decides.
import { boundingBox, haversineKm, nearestFirst, roundKm } from "../../domain/distance.js";
import { isRelationStatus, type RelationStatus } from "../../domain/lifecycle.js";
import type { Db } from "../../db/kysely.js";
import { AppError, fieldProblem, invalid, notFound } from "../../server/errors.js";

export const DEFAULT_NEARBY_STATUSES: readonly RelationStatus[] = ["customer", "prospect"];
/** Start small (a town and its surroundings) and double; 400 km covers the Netherlands. */
const FIRST_RADIUS_KM = 10;
const MAX_RADIUS_KM = 400;
/** Rows read from one box at most: the densest city centre box stays a short query. */
const MAX_CANDIDATES = 5000;

export function parseStatuses(raw: string | undefined): RelationStatus[] {
  if (raw === undefined || raw.trim() === "") return [...DEFAULT_NEARBY_STATUSES];
  const parts = raw.split(",").map((s) => s.trim()).filter(Boolean);
  // Dead relations are never an alternative address.
  if (parts.some((s) => !isRelationStatus(s) || s === "dead")) throw invalid(fieldProblem("statuses", "invalid"));
  return [...new Set(parts)] as RelationStatus[];
}

export async function nearbyRelations(db: Db, relationId: number, statuses: readonly RelationStatus[], limit: number) {
  const origin = await db.selectFrom("relations").select(["id", "name", "lat", "lon", "visit_city"]).where("id", "=", relationId).executeTakeFirst();
  if (!origin) throw notFound(`Relation ${relationId}`);
  if (origin.lat === null || origin.lon === null) {
    throw new AppError("rule_violation", "This relation has no coordinates (no known visiting postcode), so nothing can be measured from it", [
      fieldProblem("visitPostcode", "coordinates_missing"),
    ]);
  }
  const center = { lat: origin.lat, lon: origin.lon };
  for (let radius = FIRST_RADIUS_KM; ; radius *= 2) {
    const box = boundingBox(center, radius);
    const rows = await db
      .selectFrom("relations")
      .select(["id", "name", "status", "account_class", "visit_street", "visit_house_number", "visit_postcode", "visit_city", "phone", "lat", "lon"])
      .where("lat", ">=", box.minLat)
      .where("lat", "<=", box.maxLat)
      .where("lon", ">=", box.minLon)
      .where("lon", "<=", box.maxLon)
      .where("status", "in", [...statuses])
      .where("id", "!=", relationId)
      .limit(MAX_CANDIDATES)
      .execute();
    const located = rows.filter((r): r is typeof r & { lat: number; lon: number } => r.lat !== null && r.lon !== null);
    // Only points inside the circle are sure to be nearer than anything outside the box.
    const inside = nearestFirst(center, located).filter((r) => r.distanceKm <= radius);
    const done = inside.length >= limit || radius >= MAX_RADIUS_KM || rows.length >= MAX_CANDIDATES;
    if (!done) continue;
    const list = (rows.length >= MAX_CANDIDATES ? nearestFirst(center, located) : inside).slice(0, limit);
    return {
      origin: { id: origin.id, name: origin.name, city: origin.visit_city, lat: origin.lat, lon: origin.lon },
      statuses: [...statuses],
      items: list.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        accountClass: r.account_class,
        street: r.visit_street,
        houseNumber: r.visit_house_number,
        postcode: r.visit_postcode,
        city: r.visit_city,
        phone: r.phone,
        distanceKm: roundKm(haversineKm(center, r)),
      })),
    };
  }
}
