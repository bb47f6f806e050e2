// Where demo relations are: the real four-digit postcode areas of resources/pc4.csv, each with its
// place, municipality and province (from the nearest GeoNames place of the same name, else the
// nearest place), a weight that follows population, and the telephone area code of its region.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { normalizeKey } from "../../domain/text.js";
import { gazetteer } from "../geo/gazetteer.js";
import { readPostcodeAreas, RESOURCES } from "../reference/reference-data.js";
import { RAYONS, type RayonName } from "./company.js";

export interface Area {
  pc4: string;
  lat: number;
  lon: number;
  /** Metres an address here may lie from the centroid (domain/geocode.ts). */
  precisionM: number;
  place: string;
  /** normalizeKey(place), computed once: the city_key of relations here. */
  cityKey: string;
  municipality: string;
  province: string;
  rayon: RayonName;
  areaCode: string;
}

export interface Geography {
  areas: Area[];
  /** Cumulative sampling weights over `areas` (by inhabitants per postcode area). */
  cumulative: Float64Array;
  /** Areas per rayon, with their own cumulative weights (for the reps' homes and local groups). */
  byRayon: Map<RayonName, { areas: Area[]; cumulative: Float64Array }>;
}

interface Place {
  name: string;
  lat: number;
  lon: number;
  province: string;
  municipality: string;
  population: number;
}

function readPlaces(): Place[] {
  const rows = parse(readFileSync(join(RESOURCES, "places_geonames.csv")), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows
    .filter((r) => RAYON_OF_PROVINCE.has(r.province ?? ""))
    .map((r) => ({
      name: r.name === "The Hague" ? "Den Haag" : (r.name as string),
      lat: Number(r.lat),
      lon: Number(r.lon),
      province: r.province as string,
      municipality: r.gemeente as string,
      population: Number(r.population) || 0,
    }));
}

const RAYON_OF_PROVINCE = new Map<string, RayonName>(RAYONS.flatMap((r) => r.provinces.map((p) => [p, r.name] as const)));

/** Squared distance in degrees with longitude scaled for latitude 52° (good enough to compare). */
function distance2(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const dLat = aLat - bLat;
  const dLon = (aLon - bLon) * 0.616;
  return dLat * dLat + dLon * dLon;
}

/**
 * Telephone area code (netnummer) by the first two digits of the postcode: the code of the main town
 * of that postcode region. An approximation (codes and postcode regions do not share borders), but
 * every number it gives has the right shape and a plausible code.
 */
const AREA_CODES: Record<string, string> = {
  "10": "020", "11": "020", "12": "035", "13": "036", "14": "0299", "15": "075", "16": "0229", "17": "0224", "18": "072", "19": "0251",
  "20": "023", "21": "023", "22": "071", "23": "071", "24": "0172", "25": "070", "26": "015", "27": "079", "28": "0182", "29": "010",
  "30": "010", "31": "010", "32": "0181", "33": "078", "34": "030", "35": "030", "36": "0346", "37": "030", "38": "033", "39": "0318",
  "40": "0344", "41": "0345", "42": "0183", "43": "0111", "44": "0113", "45": "0117", "46": "0164", "47": "0165", "48": "076", "49": "0162",
  "50": "013", "51": "0416", "52": "073", "53": "0418", "54": "0413", "55": "040", "56": "040", "57": "0492", "58": "0478", "59": "077",
  "60": "0475", "61": "046", "62": "043", "63": "045", "64": "045", "65": "024", "66": "024", "67": "0317", "68": "026", "69": "0316",
  "70": "0314", "71": "0543", "72": "0575", "73": "055", "74": "0570", "75": "053", "76": "0546", "77": "0523", "78": "0591", "79": "0528",
  "80": "038", "81": "0572", "82": "0320", "83": "0527", "84": "0513", "85": "0515", "86": "0515", "87": "0515", "88": "0517", "89": "058",
  "90": "058", "91": "0519", "92": "0512", "93": "050", "94": "0592", "95": "0599", "96": "0598", "97": "050", "98": "050", "99": "0596",
};

function cumulativeOf(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

function buildGeography(): Geography {
  const places = readPlaces();
  const byName = new Map<string, Place[]>();
  for (const p of places) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const nearest = (lat: number, lon: number, among: readonly Place[]) => {
    let best = among[0] as Place;
    let bestD = Number.POSITIVE_INFINITY;
    for (const p of among) {
      const d = distance2(lat, lon, p.lat, p.lon);
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    return { place: best, d: bestD };
  };

  const areas: Area[] = [];
  const population: number[] = [];
  for (const pc of readPostcodeAreas()) {
    const name = pc.place ?? "";
    const named = byName.get(name);
    // A same-named place within ~25 km is the one meant; otherwise the nearest place of any name.
    const match = named ? nearest(pc.lat, pc.lon, named) : null;
    const found = match && match.d < 0.05 ? match.place : nearest(pc.lat, pc.lon, places).place;
    const rayon = RAYON_OF_PROVINCE.get(found.province);
    if (!rayon || name === "") continue;
    areas.push({
      pc4: pc.pc4,
      lat: pc.lat,
      lon: pc.lon,
      precisionM: gazetteer().areas.get(pc.pc4)?.precisionM ?? 1000,
      place: name,
      cityKey: normalizeKey(name),
      municipality: found.municipality,
      province: found.province,
      rayon,
      areaCode: AREA_CODES[pc.pc4.slice(0, 2)] ?? "030",
    });
    population.push(found.name === name ? found.population : 0);
  }
  // A town's inhabitants are shared by its postcode areas; every area gets a floor of 800 so that
  // villages appear too.
  const areasPerPlace = new Map<string, number>();
  for (const a of areas) areasPerPlace.set(a.place, (areasPerPlace.get(a.place) ?? 0) + 1);
  const weights = areas.map((a, i) => Math.max(800, (population[i] as number) / (areasPerPlace.get(a.place) as number)));

  const byRayon = new Map<RayonName, { areas: Area[]; cumulative: Float64Array }>();
  for (const r of RAYONS) {
    const idx = areas.map((a, i) => (a.rayon === r.name ? i : -1)).filter((i) => i >= 0);
    byRayon.set(r.name, { areas: idx.map((i) => areas[i] as Area), cumulative: cumulativeOf(idx.map((i) => weights[i] as number)) });
  }
  return { areas, cumulative: cumulativeOf(weights), byRayon };
}

let cached: Geography | null = null;

/** The geography, read from resources/ once per process. */
export function geography(): Geography {
  cached ??= buildGeography();
  return cached;
}
