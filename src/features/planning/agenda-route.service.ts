// The day's route as the agenda has it (planning/agenda-route.ts) for "Mijn dag" and the field app:
// one travel table over home and the places of the given appointments, by the planner's travel
// model (OSRM when configured, else the straight-line estimate, said as such).
import type { Config } from "../../config.js";
import { addDays, isIsoDate } from "../../domain/calendar.js";
import type { Db } from "../../db/kysely.js";
import { type AgendaLeg, type AgendaRoute, agendaRoute, legsOfRoute, type RouteAppointment, type TravelTable } from "../../planning/agenda-route.js";
import type { AuthUser } from "../auth/auth-user.js";
import { fieldProblem, invalid } from "../../server/errors.js";
import { startOfAmsterdamDay } from "../../server/time.js";
import { listAppointments } from "../appointments/appointment.service.js";
import { homeOf } from "../users/user.service.js";
import { travelModelFor } from "./travel.js";

/** Home of `userId` (when known) and each located relation of `relationIds`, with the trips between them. */
export async function travelTable(db: Db, config: Pick<Config, "osrmUrl">, userId: number, relationIds: readonly number[]): Promise<TravelTable> {
  const ids = [...new Set(relationIds)];
  const rows = ids.length === 0 ? [] : await db.selectFrom("relations").select(["id", "lat", "lon"]).where("id", "in", ids).orderBy("id").execute();
  const home = await homeOf(db, userId);
  const points: TravelTable["points"] = [];
  if (home && home.lat !== null && home.lon !== null) points.push({ relationId: null, lat: home.lat, lon: home.lon });
  for (const r of rows) if (r.lat !== null && r.lon !== null) points.push({ relationId: r.id, lat: r.lat, lon: r.lon });
  const model = travelModelFor(config);
  if (points.length < 2) return { model: model.name, stopSeconds: model.stopSeconds, points, seconds: points.map(() => 0), meters: points.map(() => 0) };
  const matrix = await model.matrix(points);
  return { model: matrix.model, stopSeconds: model.stopSeconds, points, seconds: [...matrix.durations].map(Math.round), meters: [...matrix.distances].map(Math.round) };
}

/** The user's own planned appointments of `date` as a route (GET /api/my-day/route). */
export async function myDayRoute(db: Db, config: Pick<Config, "osrmUrl">, user: AuthUser, date: string): Promise<AgendaRoute> {
  if (!isIsoDate(date)) throw invalid(fieldProblem("date", "date_invalid"));
  const appointments = await listAppointments(db, user, {
    from: date,
    to: date,
    fromIso: startOfAmsterdamDay(date),
    toIso: startOfAmsterdamDay(addDays(date, 1)),
    userId: user.id,
    includeCancelled: false,
  });
  return agendaRoute(date, appointments, await travelTable(db, config, user.id, appointments.map((a) => a.relation.id)));
}

/** The drive before each of a day's appointments ("Mijn dag"), from the same travel table and route as above. */
export async function agendaLegs(db: Db, config: Pick<Config, "osrmUrl">, userId: number, date: string, appointments: readonly RouteAppointment[]): Promise<AgendaLeg[]> {
  if (appointments.length === 0) return [];
  return legsOfRoute(agendaRoute(date, appointments, await travelTable(db, config, userId, appointments.map((a) => a.relation.id))));
}
