// Offline geocoding of a Dutch address: the centroid of its four-digit postcode area, else the
// populated place of its city name. Every coordinate keeps where it came from and how far the real
// address may lie from it (precision, metres), so planning and the user know what it is worth.
import { haversineKm, type LatLon } from "./distance.js";
import { postcodeArea } from "./postcode.js";
import { normalizeKey } from "./text.js";

/**
 * Where a coordinate came from, most precise first: a six-position postcode (a live geocoder, not
 * shipped), a four-digit postcode area centroid, a place name, or typed in by a user.
 */
export const GEO_SOURCES = ["pc6", "pc4", "place", "manual"] as const;
export type GeoSource = (typeof GEO_SOURCES)[number];

export interface GeoPoint extends LatLon {
  source: GeoSource;
  /** Radius in metres within which the real address most likely lies. */
  precisionM: number;
}

export interface GazetteerArea extends LatLon {
  precisionM: number;
}

export interface GazetteerPlace extends LatLon {
  name: string;
  population: number;
  precisionM: number;
}

/** The lookup tables (built once from resources/; see features/geo/gazetteer.ts). */
export interface Gazetteer {
  /** PC4 → centroid of its addresses. */
  areas: ReadonlyMap<string, GazetteerArea>;
  /** normalizeKey(place name) → the places of that name, largest first. */
  places: ReadonlyMap<string, readonly GazetteerPlace[]>;
  /** The known PC4s in ascending order (to find a neighbour of a postcode the table lacks). */
  sortedAreas: readonly string[];
}

export interface AddressToGeocode {
  postcode: string | null | undefined;
  city: string | null | undefined;
  /** ISO country; only Dutch addresses are geocoded (a Belgian "2000" is not Amsterdam). */
  country?: string | null | undefined;
}

/** Floor of the precision of a postcode area centroid, metres (the smallest inner-city PC4s). */
const MIN_AREA_PRECISION_M = 300;
/** Floor and default of a place's precision, metres (a village and its outskirts). */
const MIN_PLACE_PRECISION_M = 1000;
const UNKNOWN_PLACE_PRECISION_M = 2500;
/**
 * Built-up density used to turn a population into a radius: about 2,500 inhabitants per km² of
 * town (CBS "omgevingsadressendichtheid" puts Dutch towns at 1,000–2,500 addresses per km²).
 */
const PEOPLE_PER_KM2 = 2500;

/**
 * How far an address may lie from its PC4 centroid: the distance to the nearest other PC4 centroid
 * (areas are about that wide), rounded to 100 m, at least 300 m. `points` are all areas; O(n²) once.
 */
export function areaPrecisions(points: readonly LatLon[]): number[] {
  return points.map((p, i) => {
    let nearestKm = Number.POSITIVE_INFINITY;
    for (let j = 0; j < points.length; j++) {
      if (j === i) continue;
      const q = points[j] as LatLon;
      // Cheap reject before the trigonometry: a degree of latitude is 111 km.
      if (Math.abs(q.lat - p.lat) * 111 > nearestKm) continue;
      nearestKm = Math.min(nearestKm, haversineKm(p, q));
    }
    if (!Number.isFinite(nearestKm)) return UNKNOWN_PLACE_PRECISION_M;
    return Math.max(MIN_AREA_PRECISION_M, Math.round(nearestKm * 10) * 100);
  });
}

/** Radius of a town of `population` at town density, rounded to 500 m, at least 1 km. */
export function placePrecisionM(population: number): number {
  if (!(population > 0)) return UNKNOWN_PLACE_PRECISION_M;
  const radiusKm = Math.sqrt(population / PEOPLE_PER_KM2 / Math.PI);
  return Math.max(MIN_PLACE_PRECISION_M, Math.round(radiusKm * 2) * 500);
}

/** The known PC4 numerically closest to `area` within its two-digit region, or null. */
function nearestKnownArea(g: Gazetteer, area: string): string | null {
  const list = g.sortedAreas;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as string) < area) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [list[lo - 1], list[lo]].filter((a): a is string => a !== undefined && a.slice(0, 2) === area.slice(0, 2));
  candidates.sort((a, b) => Math.abs(Number(a) - Number(area)) - Math.abs(Number(b) - Number(area)));
  return candidates[0] ?? null;
}

/**
 * The coordinate of an address, or null when neither its postcode area nor its place is known.
 * A place name shared by several places ("Hengelo", "Beek") is resolved by the postcode's region
 * when there is one, else the largest place of that name is taken.
 */
export function geocodeAddress(g: Gazetteer, address: AddressToGeocode): GeoPoint | null {
  const country = (address.country ?? "NL").trim().toUpperCase();
  if (country !== "" && country !== "NL") return null;
  const area = address.postcode ? postcodeArea(address.postcode.trim()) : null;
  if (area) {
    const hit = g.areas.get(area);
    if (hit) return { lat: hit.lat, lon: hit.lon, source: "pc4", precisionM: hit.precisionM };
  }
  const key = address.city ? normalizeKey(address.city) : "";
  const places = key === "" ? undefined : g.places.get(key);
  if (!places || places.length === 0) return null;
  let place = places[0] as GazetteerPlace;
  const neighbour = area && places.length > 1 ? nearestKnownArea(g, area) : null;
  const near = neighbour ? g.areas.get(neighbour) : undefined;
  if (near) {
    let best = Number.POSITIVE_INFINITY;
    for (const p of places) {
      const d = haversineKm(near, p);
      if (d < best) {
        best = d;
        place = p;
      }
    }
  }
  return { lat: place.lat, lon: place.lon, source: "place", precisionM: place.precisionM };
}

/** Same point, same source, same precision (so a job writes only rows that change). */
export function sameGeoPoint(a: GeoPoint | null, b: GeoPoint | null): boolean {
  if (a === null || b === null) return a === b;
  return a.lat === b.lat && a.lon === b.lon && a.source === b.source && a.precisionM === b.precisionM;
}
