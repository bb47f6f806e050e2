// Travel between the places of a rep's day: one interface (TravelModel) for every provider of
// durations and distances, and the model that needs no routing server — the straight-line distance
// stretched by a detour factor and driven at a speed that both depend on how far the trip is
// (numbers and their sources in docs/planning.md, "Travel model"). Pure: no I/O, no clock.

export interface TravelPoint {
  lat: number;
  lon: number;
}

/** Row-major n × n tables: entry i · n + j is the trip from point i to point j. */
export interface TravelMatrix {
  /** The model that computed it ("haversine", "osrm"). */
  model: string;
  /** Why another model than the one asked for answered (a routing server down), else absent. */
  note?: string;
  size: number;
  /** Driving time in seconds (parking and walking not included: see TravelModel.stopSeconds). */
  durations: Float64Array;
  /** Road distance in metres. */
  distances: Float64Array;
}

export interface TravelModel {
  /** "haversine" or "osrm": said beside a plan, so a user knows what its times rest on. */
  readonly name: string;
  /** Seconds to park and walk to the door at each visit, added once per visit by the planner. */
  readonly stopSeconds: number;
  /** Durations and distances between every pair of `points` (the diagonal is 0). */
  matrix(points: readonly TravelPoint[]): Promise<TravelMatrix>;
}

/**
 * One band of a trip's straight-line length: the part of a trip that falls in [from, to) km is
 * stretched by `detour` and driven at `kmh`. Bands are cumulative (like tax brackets: a 30 km trip
 * has its first 3 km in the first band, the next 17 in the second, the rest in the third), so time
 * and distance grow continuously and never fall when a trip gets longer — which per-trip bands
 * would not do (a 20.1 km trip would be faster than a 19.9 km one).
 */
export interface DistanceBand {
  /** Upper end of the band in straight-line km; Infinity for the last. */
  toKm: number;
  /** Road distance ÷ straight-line distance for this part of the trip. */
  detour: number;
  /** Average speed on this part, km/h (the road type assumed: streets, regional roads, motorway). */
  kmh: number;
}

export interface HaversineModelParameters {
  bands: readonly DistanceBand[];
  stopSeconds: number;
}

/**
 * Defaults (docs/planning.md): detour 1.45 / 1.35 / 1.25 under 3 km, to 20 km and beyond
 * (PLANNING-NOTES.md, after the 1.34 European average, higher in city cores); speeds of 30 km/h in
 * town, 60 on regional roads, 100 on the motorway part; 4 minutes to park and walk per visit.
 */
export const DEFAULT_HAVERSINE_PARAMETERS: HaversineModelParameters = Object.freeze({
  bands: Object.freeze([
    { toKm: 3, detour: 1.45, kmh: 30 },
    { toKm: 20, detour: 1.35, kmh: 60 },
    { toKm: Number.POSITIVE_INFINITY, detour: 1.25, kmh: 100 },
  ]),
  stopSeconds: 240,
});

/** Mean earth radius in metres (IUGG). */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineMetres(a: TravelPoint, b: TravelPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road distance (m) and driving time (s) of a trip whose straight line is `straightMetres`. */
export function bandedTrip(straightMetres: number, bands: readonly DistanceBand[]): { metres: number; seconds: number } {
  let metres = 0;
  let seconds = 0;
  let from = 0;
  for (const band of bands) {
    if (straightMetres <= from) break;
    const to = band.toKm * 1000;
    const road = (Math.min(straightMetres, to) - from) * band.detour;
    metres += road;
    // km/h → m/s is ÷ 3.6.
    seconds += road / (band.kmh / 3.6);
    from = to;
  }
  return { metres, seconds };
}

export class TravelModelError extends Error {
  override name = "TravelModelError";
  constructor(
    readonly code: "parameters_invalid" | "point_invalid" | "too_many_points" | "unavailable" | "bad_answer",
    message: string,
  ) {
    super(message);
  }
}

/** Points with a latitude and longitude that exist (a missing coordinate must not become 0,0). */
export function checkPoints(points: readonly TravelPoint[]): void {
  points.forEach((p, i) => {
    const ok = Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
    if (!ok) throw new TravelModelError("point_invalid", `point ${i} has no valid latitude/longitude (${p.lat}, ${p.lon})`);
  });
}

function checkParameters(p: HaversineModelParameters): void {
  const bandsOk =
    p.bands.length > 0 &&
    p.bands.every((b, i) => b.detour >= 1 && b.kmh > 0 && Number.isFinite(b.kmh) && b.toKm > (i === 0 ? 0 : (p.bands[i - 1] as DistanceBand).toKm)) &&
    (p.bands[p.bands.length - 1] as DistanceBand).toKm === Number.POSITIVE_INFINITY;
  if (!bandsOk) throw new TravelModelError("parameters_invalid", "distance bands must rise, end at Infinity, have a detour ≥ 1 and a positive speed");
  if (!(p.stopSeconds >= 0 && Number.isFinite(p.stopSeconds))) throw new TravelModelError("parameters_invalid", "stopSeconds must be a number ≥ 0");
}

/** The travel model without a routing server. Symmetric; the matrix of n points costs n²/2 trips. */
export function haversineTravelModel(parameters: HaversineModelParameters = DEFAULT_HAVERSINE_PARAMETERS): TravelModel & { trip(a: TravelPoint, b: TravelPoint): { metres: number; seconds: number } } {
  checkParameters(parameters);
  const trip = (a: TravelPoint, b: TravelPoint) => bandedTrip(haversineMetres(a, b), parameters.bands);
  return {
    name: "haversine",
    stopSeconds: parameters.stopSeconds,
    trip,
    matrix: async (points) => {
      checkPoints(points);
      const n = points.length;
      const durations = new Float64Array(n * n);
      const distances = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const t = trip(points[i] as TravelPoint, points[j] as TravelPoint);
          durations[i * n + j] = durations[j * n + i] = t.seconds;
          distances[i * n + j] = distances[j * n + i] = t.metres;
        }
      }
      return { model: "haversine", size: n, durations, distances };
    },
  };
}
