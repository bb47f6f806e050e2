// "Travel against the traffic" (DOMAIN.md, rayon management: from Utrecht the first visit lies east,
// not in the Randstad jam). A pure penalty on top of any travel model: a trip that drives into one of
// the four big Randstad cities in the morning peak, or out of one in the evening peak, takes longer.
// Times are minutes since midnight on the Europe/Amsterdam wall clock; distances in kilometres.
// The numbers and their reasons are in docs/planning.md ("Travel against the traffic").
import { haversineKm } from "../domain/distance.js";

export interface CityZone {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** Radius of the zone: about the ring road (A10, the Rotterdam ring, …), where the jams are. */
  readonly radiusKm: number;
}

/** The four big cities of the Randstad, centred on their historic centres. */
export const RANDSTAD_CITIES: readonly CityZone[] = [
  { name: "Amsterdam", lat: 52.3728, lon: 4.8936, radiusKm: 7 },
  { name: "Rotterdam", lat: 51.9225, lon: 4.4792, radiusKm: 7 },
  { name: "Den Haag", lat: 52.0799, lon: 4.3113, radiusKm: 6 },
  { name: "Utrecht", lat: 52.0907, lon: 5.1214, radiusKm: 5 },
];

/** Minutes since midnight: the peaks [from, to). */
export const MORNING_PEAK = { from: 7 * 60, to: 9 * 60 + 30 } as const;
export const EVENING_PEAK = { from: 16 * 60, to: 18 * 60 + 30 } as const;

/** Share of a trip's free-flow minutes that a peak adds, and its bounds in minutes. */
export const PEAK_DELAY_SHARE = 0.4;
export const PEAK_DELAY_MIN = 10;
export const PEAK_DELAY_MAX = 25;

/** Index into `cities` of the zone that holds the point, or −1 outside every zone. */
export function cityZoneOf(point: { lat: number; lon: number }, cities: readonly CityZone[] = RANDSTAD_CITIES): number {
  return cities.findIndex((c) => haversineKm(point, c) <= c.radiusKm);
}

/** The full delay of a peak trip of `baseMinutes` free-flow minutes. */
export function peakDelayFull(baseMinutes: number): number {
  return Math.min(PEAK_DELAY_MAX, Math.max(PEAK_DELAY_MIN, PEAK_DELAY_SHARE * baseMinutes));
}

/**
 * Extra minutes of a trip of `baseMinutes` that leaves at `depart` from zone `fromZone` to zone
 * `toZone` (−1 = outside every zone). Into a city (a different zone, or from outside) the jam is at
 * the end of the trip, so the morning peak counts at the free-flow arrival; out of a city it is at
 * the start, so the evening peak counts at departure. Within one city, between outside places and in
 * the other directions there is none. Near the end of a peak the delay shrinks to what is left of
 * it — min(full, peak end − moment) — so leaving later never arrives earlier, and the delay never
 * falls faster than the clock (what the exact day solver needs).
 */
export function peakDelayMinutes(fromZone: number, toZone: number, depart: number, baseMinutes: number): number {
  if (fromZone === toZone) return 0;
  let delay = 0;
  if (toZone >= 0) delay = Math.max(delay, inPeak(MORNING_PEAK, depart + baseMinutes, baseMinutes));
  if (fromZone >= 0) delay = Math.max(delay, inPeak(EVENING_PEAK, depart, baseMinutes));
  return delay;
}

function inPeak(peak: { from: number; to: number }, moment: number, baseMinutes: number): number {
  // The clock may run past midnight (a return after 24:00): the peak is that of the same day.
  const m = ((moment % 1440) + 1440) % 1440;
  if (m < peak.from || m >= peak.to) return 0;
  return Math.min(peakDelayFull(baseMinutes), peak.to - m);
}

/**
 * The delay function for a travel matrix over `points` with free-flow `minutes` (row-major, size²),
 * in the form DayTravel.delay and DayProblem.delay take.
 */
export function peakDelays(points: readonly { lat: number; lon: number }[], minutes: Float64Array, cities: readonly CityZone[] = RANDSTAD_CITIES) {
  const size = points.length;
  const zones = points.map((p) => cityZoneOf(p, cities));
  return (from: number, to: number, depart: number): number => peakDelayMinutes(zones[from] as number, zones[to] as number, depart, minutes[from * size + to] as number);
}
