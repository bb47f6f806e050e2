// The offline gazetteer: the shipped PC4 centroids and GeoNames places of resources/ (licences in
// resources/SOURCE.md) as lookup tables for domain/geocode.ts. Built once per process (≈ 0.1 s).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { haversineKm } from "../../domain/distance.js";
import { areaPrecisions, type Gazetteer, type GazetteerPlace, placePrecisionM } from "../../domain/geocode.js";
import { normalizeKey } from "../../domain/text.js";
import { RESOURCES } from "../reference/reference-data.js";

/** Names in everyday use that GeoNames spells otherwise (its English "The Hague"). */
const ALIASES: Record<string, string> = {
  "den haag": "the hague",
  "s gravenhage": "the hague",
  "den bosch": "s hertogenbosch",
};

interface PlaceRow {
  name: string;
  lat: string;
  lon: string;
  feature_code: string;
  gemeente: string;
  population: string;
}

let cached: Gazetteer | null = null;

export function gazetteer(): Gazetteer {
  cached ??= buildGazetteer();
  return cached;
}

function buildGazetteer(): Gazetteer {
  const pc4Rows = parse(readFileSync(join(RESOURCES, "pc4.csv")), { columns: true, skip_empty_lines: true }) as { pc4: string; lat: string; lon: string; place_names_geonames: string }[];
  const points = pc4Rows.map((r) => ({ lat: Number(r.lat), lon: Number(r.lon) }));
  const precisions = areaPrecisions(points);
  const areas = new Map(pc4Rows.map((r, i) => [r.pc4, { ...(points[i] as { lat: number; lon: number }), precisionM: precisions[i] as number }]));

  const places = new Map<string, GazetteerPlace[]>();
  const add = (key: string, place: GazetteerPlace) => {
    if (key === "") return;
    const list = places.get(key);
    if (list) list.push(place);
    else places.set(key, [place]);
  };
  const placeRows = parse(readFileSync(join(RESOURCES, "places_geonames.csv")), { columns: true, skip_empty_lines: true }) as PlaceRow[];
  // Neighbourhoods (PPLX) only answer for names no town has: "Vogelwijk" is a place too, but a
  // town of the same name is meant first.
  const ranked = [...placeRows].sort((a, b) => Number(a.feature_code === "PPLX") - Number(b.feature_code === "PPLX") || Number(b.population) - Number(a.population));
  const largestOfMunicipality = new Map<string, GazetteerPlace>();
  for (const r of ranked) {
    const population = Number(r.population) || 0;
    const place = { name: r.name, lat: Number(r.lat), lon: Number(r.lon), population, precisionM: placePrecisionM(population) };
    add(normalizeKey(r.name), place);
    const municipality = normalizeKey(r.gemeente);
    if (!largestOfMunicipality.has(municipality)) largestOfMunicipality.set(municipality, place);
  }

  // Place names of the postcode table that GeoNames lacks: the mean of their areas, as precise as
  // the farthest of those areas is from it.
  const byPostcodePlace = new Map<string, { name: string; lat: number; lon: number }[]>();
  pc4Rows.forEach((r, i) => {
    for (const name of r.place_names_geonames.split("|").filter(Boolean)) {
      const key = normalizeKey(name);
      byPostcodePlace.set(key, [...(byPostcodePlace.get(key) ?? []), { name, ...(points[i] as { lat: number; lon: number }) }]);
    }
  });
  for (const [key, list] of byPostcodePlace) {
    if (places.has(key)) continue;
    const lat = list.reduce((s, p) => s + p.lat, 0) / list.length;
    const lon = list.reduce((s, p) => s + p.lon, 0) / list.length;
    const spreadKm = Math.max(...list.map((p) => haversineKm({ lat, lon }, p)));
    add(key, { name: (list[0] as { name: string }).name, lat, lon, population: 0, precisionM: Math.max(1000, Math.round(spreadKm * 2) * 500 + 500) });
  }
  // A municipality's name stands for its largest place when no place has that name.
  for (const [key, place] of largestOfMunicipality) if (!places.has(key)) add(key, place);
  for (const [alias, target] of Object.entries(ALIASES)) {
    const hit = places.get(target);
    if (hit && !places.has(alias)) places.set(alias, hit);
  }
  return { areas, places, sortedAreas: [...areas.keys()].sort() };
}
