// The one place that turns an address into the stored coordinate columns, for every writer of
// relations (form, import, merge, the geocode job) and of users' homes.
import { type AddressToGeocode, type GeoPoint, geocodeAddress } from "../../domain/geocode.js";
import { gazetteer } from "./gazetteer.js";

export function geocode(address: AddressToGeocode): GeoPoint | null {
  return geocodeAddress(gazetteer(), address);
}

export interface RelationGeoColumns {
  lat: number | null;
  lon: number | null;
  geo_source: string | null;
  geo_precision_m: number | null;
}

export function relationGeoColumns(address: AddressToGeocode): RelationGeoColumns {
  const p = geocode(address);
  return { lat: p?.lat ?? null, lon: p?.lon ?? null, geo_source: p?.source ?? null, geo_precision_m: p?.precisionM ?? null };
}

interface VisitAddress {
  visit_postcode?: string | null | undefined;
  visit_house_number?: string | null | undefined;
  visit_city?: string | null | undefined;
  visit_country?: string | null | undefined;
}

/**
 * True when a change alters what a relation's coordinate is derived from (the house number too: a
 * live geocoder's address point belongs to one number, so another number goes back to the offline
 * point). A form that sends the same address again changes nothing, so a live point stays.
 */
export function touchesVisitAddress(changes: VisitAddress, current: VisitAddress | null = null): boolean {
  const keys = ["visit_postcode", "visit_house_number", "visit_city", "visit_country"] as const;
  return keys.some((k) => changes[k] !== undefined && (current === null || (changes[k] ?? null) !== (current[k] ?? null)));
}

/** The coordinate columns of the visiting address once `changes` are applied to `current`. */
export function relationGeoAfter(current: VisitAddress | null, changes: VisitAddress): RelationGeoColumns {
  const pick = (k: keyof VisitAddress) => (changes[k] !== undefined ? changes[k] : current?.[k]) ?? null;
  return relationGeoColumns({ postcode: pick("visit_postcode"), city: pick("visit_city"), country: pick("visit_country") });
}

export interface HomeGeoColumns {
  home_lat: number | null;
  home_lon: number | null;
  home_geo_source: string | null;
  home_geo_precision_m: number | null;
}

export function homeGeoColumns(address: AddressToGeocode): HomeGeoColumns {
  const p = geocode(address);
  return { home_lat: p?.lat ?? null, home_lon: p?.lon ?? null, home_geo_source: p?.source ?? null, home_geo_precision_m: p?.precisionM ?? null };
}

/** What a geocoding pass did to a batch of rows: rows by the source they now have, and how many changed. */
export interface GeocodeTally {
  pc6: number;
  pc4: number;
  place: number;
  none: number;
  changed: number;
  lastId: number | null;
}

export function emptyTally(): GeocodeTally {
  return { pc6: 0, pc4: 0, place: 0, none: 0, changed: 0, lastId: null };
}
