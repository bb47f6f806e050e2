// Straight-line distance between two points on the earth (haversine), for "alternative addresses":
// the relations nearest to one where a visit fell through. Road distance comes with rayon planning.

export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean earth radius in km (IUGG). */
const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Kilometres with one decimal, as shown to the user (half away from zero). */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/**
 * A latitude/longitude box that contains every point within `radiusKm` of `center` (for an indexed
 * prefilter; the exact distance decides afterwards). Valid away from the poles, as in the Netherlands.
 */
export function boundingBox(center: LatLon, radiusKm: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos(rad(center.lat)), 0.01);
  return { minLat: center.lat - dLat, maxLat: center.lat + dLat, minLon: center.lon - dLon, maxLon: center.lon + dLon };
}

/** Items with coordinates sorted by distance from `origin` (ties by id), each with its distance in km. */
export function nearestFirst<T extends LatLon & { id: number }>(origin: LatLon, items: readonly T[]): (T & { distanceKm: number })[] {
  return items
    .map((item) => ({ ...item, distanceKm: haversineKm(origin, item) }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.id - b.id);
}
