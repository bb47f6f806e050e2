// The drive before each of a day's appointments, for "Mijn dag" (issue 9: today's appointments in
// time order with the travel between them): from home to the first, then from one to the next, by
// the planner's travel model (OSRM when configured, else the straight-line estimate, said as such).
// An appointment whose relation (or the one before it) has no known place gets no leg.
import type { Config } from "../../config.js";
import type { TravelPoint } from "../../planning/travel-model.js";
import type { Db } from "../../db/kysely.js";
import { homeOf } from "../users/user.service.js";
import { travelModelFor } from "./travel.js";

export interface DayLeg {
  appointmentId: number;
  from: "home" | "previous";
  /** Driving minutes, with the parking and walking allowance of the model. */
  minutes: number;
  km: number;
  /** true: the straight-line model answered (a detour factor, not a road route). */
  estimate: boolean;
}

export async function dayLegs(db: Db, config: Pick<Config, "osrmUrl">, userId: number, appointments: readonly { id: number; relation: { id: number } }[]): Promise<DayLeg[]> {
  if (appointments.length === 0) return [];
  const ids = [...new Set(appointments.map((a) => a.relation.id))];
  const rows = await db.selectFrom("relations").select(["id", "lat", "lon"]).where("id", "in", ids).execute();
  const placeOf = new Map(rows.flatMap((r) => (r.lat !== null && r.lon !== null ? [[r.id, { lat: r.lat, lon: r.lon }] as const] : [])));
  const home = await homeOf(db, userId);
  const homePoint = home && home.lat !== null && home.lon !== null ? { lat: home.lat, lon: home.lon } : null;
  // One matrix for the whole day: home (when known) and every located appointment, in order.
  const points: TravelPoint[] = [];
  const indexOf = (p: TravelPoint | null) => (p === null ? -1 : points.push(p) - 1);
  const homeIndex = indexOf(homePoint);
  const stops = appointments.map((a) => ({ id: a.id, index: indexOf(placeOf.get(a.relation.id) ?? null) }));
  if (points.length < 2) return [];
  const model = travelModelFor(config);
  const matrix = await model.matrix(points);
  const legs: DayLeg[] = [];
  stops.forEach((stop, i) => {
    const from = i === 0 ? homeIndex : (stops[i - 1]?.index ?? -1);
    if (from < 0 || stop.index < 0 || from === stop.index) return;
    const seconds = (matrix.durations[from * points.length + stop.index] ?? 0) + model.stopSeconds;
    legs.push({
      appointmentId: stop.id,
      from: i === 0 ? "home" : "previous",
      minutes: Math.round(seconds / 60),
      km: Math.round((matrix.distances[from * points.length + stop.index] ?? 0) / 100) / 10,
      estimate: matrix.model === "haversine",
    });
  });
  return legs;
}
