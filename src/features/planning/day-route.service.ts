// The route of one day (planning.route job): a rep's appointments of a date in the order with least
// travel from home and back, with arrival and departure times. Appointments made by an accepted cycle
// plan may move within the working day; every other appointment keeps its time (a hard window).
// Cancelled appointments are left out, so running it again after a cancellation re-plans the day.
import type { Viewer } from "../../domain/access.js";
import { addDays, isIsoDate } from "../../domain/calendar.js";
import { minutesOfDay } from "../../domain/working-hours.js";
import type { Db } from "../../db/kysely.js";
import { bestDayOrder, type DayStop } from "../../planning/day-route.js";
import type { TravelModel, TravelPoint } from "../../planning/travel-model.js";
import { fieldProblem, invalid } from "../../server/errors.js";
import { startOfAmsterdamDay } from "../../server/time.js";
import { listAppointments } from "../appointments/appointment.service.js";
import { DEFAULT_LAST_START, hhmm, homeOf, plannedAppointmentIds, targetOf, travelMinutes } from "./cycle-plan.service.js";

export interface RouteRequest {
  userId?: number | undefined;
  date: string;
  lastStart?: string | undefined;
}

export interface RouteParams {
  forUserId: number;
  date: string;
  lastStart: string;
}

export async function checkRouteRequest(db: Db, viewer: Viewer, input: RouteRequest): Promise<RouteParams> {
  if (viewer.id === null && input.userId === undefined) throw invalid(fieldProblem("userId", "required"));
  const forUserId = input.userId ?? (viewer.id as number);
  await targetOf(db, viewer, forUserId);
  const problems = [];
  if (!isIsoDate(input.date)) problems.push(fieldProblem("date", "date_invalid"));
  const lastStart = input.lastStart ?? DEFAULT_LAST_START;
  if (minutesOfDay(lastStart) === null) problems.push(fieldProblem("lastStart", "time_invalid"));
  const home = await homeOf(db, forUserId);
  if (home.home_lat === null || home.home_lon === null) problems.push(fieldProblem("userId", "home_missing"));
  if (problems.length > 0) throw invalid(...problems);
  return { forUserId, date: input.date, lastStart };
}

export async function makeDayRoute(db: Db, viewer: Viewer, params: RouteParams, model: TravelModel) {
  const target = await targetOf(db, viewer, params.forUserId);
  const home = await homeOf(db, params.forUserId);
  if (home.home_lat === null || home.home_lon === null) throw invalid(fieldProblem("userId", "home_missing"));
  const agenda = await listAppointments(db, viewer, {
    from: params.date,
    to: params.date,
    fromIso: startOfAmsterdamDay(params.date),
    toIso: startOfAmsterdamDay(addDays(params.date, 1)),
    userId: params.forUserId,
    includeCancelled: false,
  });
  const movable = await plannedAppointmentIds(db, agenda.map((a) => a.id));
  const coords = agenda.length === 0 ? [] : await db.selectFrom("relations").select(["id", "lat", "lon", "visit_city"]).where("id", "in", [...new Set(agenda.map((a) => a.relation.id))]).execute();
  const points: TravelPoint[] = [{ lat: home.home_lat, lon: home.home_lon }];
  const pointOf = new Map<number, number>();
  for (const c of coords) {
    if (c.lat === null || c.lon === null) continue;
    pointOf.set(c.id, points.length);
    points.push({ lat: c.lat, lon: c.lon });
  }
  const { travel, model: modelName, note } = await travelMinutes(model, points);
  const dayStart = minutesOfDay(home.work_start) ?? 510;
  const lastStart = minutesOfDay(params.lastStart) as number;
  const located = agenda.filter((a) => pointOf.has(a.relation.id));
  const stops: DayStop[] = located.map((a) => {
    const start = minutesOfDay(a.startTime) ?? dayStart;
    const free = movable.has(a.id);
    return { key: a.id, point: pointOf.get(a.relation.id) as number, service: a.durationMinutes, ready: free ? dayStart : start, due: free ? Math.max(lastStart, dayStart) : start };
  });
  const schedule = bestDayOrder(stops, travel);
  const byId = new Map(agenda.map((a) => [a.id, a]));
  const city = new Map(coords.map((c) => [c.id, c.visit_city]));
  return {
    user: { id: target.id, name: target.name },
    date: params.date,
    travelModel: modelName,
    travelNote: note,
    feasible: schedule !== null,
    exact: schedule?.exact ?? false,
    leaveHome: schedule && schedule.stops.length > 0 ? hhmm(schedule.leaveHome) : null,
    returnHome: schedule && schedule.stops.length > 0 ? hhmm(schedule.returnHome) : null,
    travelMinutes: Math.round(schedule?.travelMinutes ?? 0),
    sellingMinutes: Math.round(schedule?.sellingMinutes ?? 0),
    home: { lat: home.home_lat, lon: home.home_lon },
    stops: (schedule?.stops ?? []).map((s) => {
      const a = byId.get(s.stop.key) as (typeof agenda)[number];
      const point = points[s.stop.point] as TravelPoint;
      return {
        appointmentId: a.id,
        relation: { id: a.relation.id, name: a.relation.name },
        city: city.get(a.relation.id) ?? null,
        lat: point.lat,
        lon: point.lon,
        movable: movable.has(a.id),
        agendaStart: a.startTime,
        travelMinutes: Math.round(s.travel),
        arrival: hhmm(s.arrival),
        start: hhmm(s.start),
        departure: hhmm(s.end),
      };
    }),
    // Appointments in the agenda whose place is unknown: listed, not routed.
    withoutLocation: agenda.filter((a) => !pointOf.has(a.relation.id)).map((a) => ({ appointmentId: a.id, relation: { id: a.relation.id, name: a.relation.name }, start: a.startTime })),
    // A day whose fixed appointments leave no drive between them: listed as they are.
    unrouted: schedule === null ? located.map((a) => ({ appointmentId: a.id, relation: { id: a.relation.id, name: a.relation.name }, start: a.startTime })) : [],
  };
}

export type DayRouteDto = Awaited<ReturnType<typeof makeDayRoute>>;
