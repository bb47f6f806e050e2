// The route of one day (planning.route job): a rep's appointments of a date in the order with least
// travel from home and back, with arrival and departure times. Appointments made by an accepted cycle
// plan may move within the working day; every other appointment keeps its time (a hard window).
// Cancelled appointments are left out, so running it again after a cancellation re-plans the day.
import type { Viewer } from "../../domain/access.js";
import { addDays, isIsoDate } from "../../domain/calendar.js";
import { minutesOfDay } from "../../domain/working-hours.js";
import { type Db, inTransaction } from "../../db/kysely.js";
import { bestDayOrder, type DayStop, restOfDay } from "../../planning/day-route.js";
import { peakDelays } from "../../planning/peak-traffic.js";
import type { TravelModel, TravelPoint } from "../../planning/travel-model.js";
import { AppError, type FieldProblem, fieldProblem, invalid } from "../../server/errors.js";
import { amsterdamInstant, startOfAmsterdamDay } from "../../server/time.js";
import type { AuthUser } from "../auth/auth-user.js";
import { listAppointments, updateAppointment } from "../appointments/appointment.service.js";
import { DEFAULT_NEARBY_STATUSES, nearbyRelations } from "../nearby/nearby.service.js";
import { DEFAULT_LAST_START, FIRST_VISIT_SLACK, getCyclePlan, hhmm, plannedAppointmentIds, repHome, targetOf, travelMinutes } from "./cycle-plan.service.js";

export interface RouteRequest {
  userId?: number | undefined;
  date: string;
  lastStart?: string | undefined;
  planId?: number | undefined;
  againstTraffic?: boolean | undefined;
  replanFrom?: string | undefined;
}

export interface RouteParams {
  forUserId: number;
  date: string;
  lastStart: string;
  /** A draft plan whose visits of the date join the route (before they are in the agenda). */
  planId: number | null;
  /** Rush-hour delays into and out of the big Randstad cities (planning/peak-traffic.ts). */
  againstTraffic?: boolean;
  /** HH:MM: re-plan the rest of the day from then (planning/day-route.ts restOfDay). */
  replanFrom?: string | null;
}

export async function checkRouteRequest(db: Db, viewer: Viewer, input: RouteRequest): Promise<RouteParams> {
  if (viewer.id === null && input.userId === undefined) throw invalid(fieldProblem("userId", "required"));
  const forUserId = input.userId ?? (viewer.id as number);
  await targetOf(db, viewer, forUserId);
  const problems = [];
  if (!isIsoDate(input.date)) problems.push(fieldProblem("date", "date_invalid"));
  const lastStart = input.lastStart ?? DEFAULT_LAST_START;
  if (minutesOfDay(lastStart) === null) problems.push(fieldProblem("lastStart", "time_invalid"));
  if (input.replanFrom !== undefined && minutesOfDay(input.replanFrom) === null) problems.push(fieldProblem("replanFrom", "time_invalid"));
  const home = await repHome(db, forUserId);
  if (home.lat === null || home.lon === null) problems.push(fieldProblem("userId", "home_missing"));
  if (input.planId !== undefined) {
    const plan = await getCyclePlan(db, viewer, input.planId);
    if (plan.forUser.id !== forUserId) problems.push(fieldProblem("planId", "plan_other_user"));
  }
  if (problems.length > 0) throw invalid(...problems);
  return { forUserId, date: input.date, lastStart, planId: input.planId ?? null, againstTraffic: input.againstTraffic === true, replanFrom: input.replanFrom ?? null };
}

export async function makeDayRoute(db: Db, viewer: Viewer, params: RouteParams, model: TravelModel) {
  const target = await targetOf(db, viewer, params.forUserId);
  const home = await repHome(db, params.forUserId);
  if (home.lat === null || home.lon === null) throw invalid(fieldProblem("userId", "home_missing"));
  const agenda = await listAppointments(db, viewer, {
    from: params.date,
    to: params.date,
    fromIso: startOfAmsterdamDay(params.date),
    toIso: startOfAmsterdamDay(addDays(params.date, 1)),
    userId: params.forUserId,
    includeCancelled: false,
  });
  const movable = await plannedAppointmentIds(db, agenda.map((a) => a.id));
  // A draft's visits of the day, not yet in the agenda, as movable stops with keys −1, −2, …
  const plan = params.planId === null ? null : await getCyclePlan(db, viewer, params.planId);
  const drafts = plan?.state === "draft" ? (plan.days.find((d) => d.date === params.date)?.visits ?? []).filter((v) => v.kind === "planned") : [];
  const relationIds = [...new Set([...agenda.map((a) => a.relation.id), ...drafts.map((v) => v.relation.id)])];
  const coords = relationIds.length === 0 ? [] : await db.selectFrom("relations").select(["id", "lat", "lon", "visit_city"]).where("id", "in", relationIds).execute();
  const points: TravelPoint[] = [{ lat: home.lat, lon: home.lon }];
  const pointOf = new Map<number, number>();
  for (const c of coords) {
    if (c.lat === null || c.lon === null) continue;
    pointOf.set(c.id, points.length);
    points.push({ lat: c.lat, lon: c.lon });
  }
  const { travel: freeFlow, model: modelName, note } = await travelMinutes(model, points);
  const travel = params.againstTraffic === true ? { ...freeFlow, delay: peakDelays(points, freeFlow.minutes) } : freeFlow;
  const dayStart = minutesOfDay(home.workStart) ?? 510;
  const lastStart = minutesOfDay(params.lastStart) as number;
  const located = agenda.filter((a) => pointOf.has(a.relation.id));
  const planned = located.map((a) => {
    const start = minutesOfDay(a.startTime) ?? dayStart;
    const free = movable.has(a.id);
    return { key: a.id, point: pointOf.get(a.relation.id) as number, service: a.durationMinutes, ready: free ? dayStart : start, due: free ? Math.max(lastStart, dayStart) : start, plannedStart: start };
  });
  for (const [i, v] of drafts.entries()) {
    const point = pointOf.get(v.relation.id);
    if (point !== undefined) planned.push({ key: -(i + 1), point, service: v.durationMinutes, ready: dayStart, due: Math.max(lastStart, dayStart), plannedStart: minutesOfDay(v.start) ?? dayStart });
  }
  const replanFrom = params.replanFrom ? minutesOfDay(params.replanFrom) : null;
  const stops: DayStop[] = replanFrom === null ? planned.map(({ plannedStart: _, ...s }) => s) : restOfDay(planned, replanFrom);
  const schedule = bestDayOrder(stops, { ...travel, firstStartLatest: dayStart + FIRST_VISIT_SLACK }) ?? bestDayOrder(stops, travel);
  const byId = new Map(agenda.map((a) => [a.id, a]));
  const routed = new Set<number>(located.map((a) => a.relation.id));
  for (const v of drafts) routed.add(v.relation.id);
  const city = new Map(coords.map((c) => [c.id, c.visit_city]));
  const routeStops = (schedule?.stops ?? []).map((s, i, all) => {
      const from = i === 0 ? 0 : (all[i - 1] as (typeof all)[number]).stop.point;
      const point = points[s.stop.point] as TravelPoint;
      const a = byId.get(s.stop.key);
      const draft = s.stop.key < 0 ? drafts[-s.stop.key - 1] : undefined;
      const relation = a ? { id: a.relation.id, name: a.relation.name } : { id: draft?.relation.id as number, name: draft?.relation.name as string };
      return {
        appointmentId: a ? a.id : null,
        // The appointment's version, to cancel it from the route (If-Match).
        appointmentVersion: a ? a.version : null,
        relation,
        city: city.get(relation.id) ?? null,
        lat: point.lat,
        lon: point.lon,
        movable: a ? movable.has(a.id) : true,
        agendaStart: a ? a.startTime : null,
        travelMinutes: Math.round(s.travel),
        // Minutes of that drive spent in a rush-hour jam (travel against the traffic only).
        peakDelayMinutes: Math.round(s.travel - (travel.minutes[from * travel.size + s.stop.point] as number)),
        arrival: hhmm(s.arrival),
        start: hhmm(s.start),
        departure: hhmm(s.end),
      };
    });
  return {
    user: { id: target.id, name: target.name },
    date: params.date,
    travelModel: modelName,
    travelNote: note,
    againstTraffic: params.againstTraffic === true,
    replanFrom: params.replanFrom ?? null,
    feasible: schedule !== null,
    exact: schedule?.exact ?? false,
    leaveHome: schedule && schedule.stops.length > 0 ? hhmm(schedule.leaveHome) : null,
    returnHome: schedule && schedule.stops.length > 0 ? hhmm(schedule.returnHome) : null,
    travelMinutes: Math.round(schedule?.travelMinutes ?? 0),
    sellingMinutes: Math.round(schedule?.sellingMinutes ?? 0),
    home: { lat: home.lat, lon: home.lon },
    stops: routeStops,
    gaps: await gapsOf(db, routeStops, routed),
    // Appointments in the agenda whose place is unknown: listed, not routed.
    withoutLocation: agenda.filter((a) => !pointOf.has(a.relation.id)).map((a) => ({ appointmentId: a.id, relation: { id: a.relation.id, name: a.relation.name }, start: a.startTime })),
    // A day whose fixed appointments leave no drive between them: listed as they are.
    unrouted: schedule === null ? located.map((a) => ({ appointmentId: a.id, relation: { id: a.relation.id, name: a.relation.name }, start: a.startTime })) : [],
  };
}

/** Waiting of at least this many minutes between two stops is a gap worth filling. */
export const GAP_MINUTES = 45;

/**
 * The gaps of a routed day (a visit cancelled, or waiting for a fixed appointment) with the nearest
 * customers and prospects to the stop before each gap, not already on the route (DOMAIN.md:
 * alternative addresses nearby in case a visit falls through or ends early).
 */
async function gapsOf(db: Db, stops: readonly { relation: { id: number; name: string }; departure: string; arrival: string; start: string; travelMinutes: number }[], routed: ReadonlySet<number>) {
  const gaps = [];
  for (let i = 1; i < stops.length; i++) {
    const before = stops[i - 1] as (typeof stops)[number];
    const after = stops[i] as (typeof stops)[number];
    const idle = (minutesOfDay(after.start) ?? 0) - (minutesOfDay(after.arrival) ?? 0);
    if (idle < GAP_MINUTES) continue;
    const near = await nearbyRelations(db, before.relation.id, DEFAULT_NEARBY_STATUSES, 3 + routed.size).catch(() => null);
    gaps.push({
      after: before.relation,
      from: before.departure,
      until: after.start,
      minutes: idle,
      alternatives: (near?.items ?? []).filter((r) => !routed.has(r.id)).slice(0, 3).map((r) => ({ id: r.id, name: r.name, city: r.city, distanceKm: r.distanceKm })),
    });
  }
  return gaps;
}

export type DayRouteDto = Awaited<ReturnType<typeof makeDayRoute>>;

export interface RouteAcceptInput {
  userId?: number | undefined;
  date: string;
  stops: { appointmentId: number; version: number; start: string }[];
}

/**
 * Accepts a (re-planned) route: the day's appointments get the route's start times, through the
 * agenda's service, all in one transaction. Each stop names the appointment's version the route was
 * made with; a change since (moved, cancelled, edited) is a 412 and nothing is written. Appointments
 * not made by an accepted cycle plan are fixed (hard time windows): a new time for one is refused.
 * An overlap with another appointment is not refused: as in the agenda, each moved appointment comes
 * back with the agenda's warnings at its new time (domain/agenda.ts overlappingAppointments).
 */
export async function acceptDayRoute(db: Db, user: AuthUser, input: RouteAcceptInput, now: Date) {
  if (user.id === null && input.userId === undefined) throw invalid(fieldProblem("userId", "required"));
  const forUserId = input.userId ?? (user.id as number);
  await targetOf(db, user, forUserId);
  if (!isIsoDate(input.date)) throw invalid(fieldProblem("date", "date_invalid"));
  const agenda = await listAppointments(db, user, {
    from: input.date,
    to: input.date,
    fromIso: startOfAmsterdamDay(input.date),
    toIso: startOfAmsterdamDay(addDays(input.date, 1)),
    userId: forUserId,
    includeCancelled: true,
  });
  const byId = new Map(agenda.map((a) => [a.id, a]));
  const movable = await plannedAppointmentIds(db, agenda.map((a) => a.id));
  const problems: FieldProblem[] = [];
  const seen = new Set<number>();
  const moves: { appointmentId: number; version: number; from: string; to: string; start: Date }[] = [];
  for (const [i, stop] of input.stops.entries()) {
    const a = byId.get(stop.appointmentId);
    const start = minutesOfDay(stop.start);
    if (!a || seen.has(stop.appointmentId)) problems.push(fieldProblem(`stops.${i}.appointmentId`, a ? "appointment_twice" : "appointment_not_on_day"));
    else if (start === null) problems.push(fieldProblem(`stops.${i}.start`, "time_invalid"));
    else if (a.status === "cancelled" || a.version !== stop.version) {
      // Changed since the route was made: the route no longer describes the day.
      throw new AppError("version_conflict", `${a.relation.name} at ${a.startTime} changed after the route was made (version ${stop.version}, now ${a.version}); plan the route again`);
    } else if (stop.start !== a.startTime) {
      if (!movable.has(a.id)) problems.push(fieldProblem(`stops.${i}.start`, "appointment_fixed"));
      else {
        const instant = amsterdamInstant(input.date, stop.start);
        if (!instant) problems.push(fieldProblem(`stops.${i}.start`, "time_invalid"));
        else moves.push({ appointmentId: a.id, version: a.version, from: a.startTime, to: stop.start, start: instant });
      }
    }
    seen.add(stop.appointmentId);
  }
  if (problems.some((p) => p.code !== "appointment_fixed")) throw invalid(...problems);
  if (problems.length > 0) throw new AppError("rule_violation", "An appointment that was not planned by an accepted cycle plan keeps its time", problems);
  const moved = await inTransaction(db, async (trx) => {
    const done = [];
    for (const m of moves) {
      const updated = await updateAppointment(trx, user, m.appointmentId, m.version, { start: m.start.toISOString() }, now);
      done.push({ appointmentId: m.appointmentId, from: m.from, to: m.to, version: updated.version });
    }
    return done;
  });
  // The overlap policy of the agenda (domain/agenda.ts overlappingAppointments): an overlap is a
  // warning, never a refusal — the same warnings the agenda shows, read once all moves are made.
  const after = moved.length === 0 ? [] : await listAppointments(db, user, { from: input.date, to: input.date, fromIso: startOfAmsterdamDay(input.date), toIso: startOfAmsterdamDay(addDays(input.date, 1)), userId: forUserId, includeCancelled: false });
  const warnings = new Map(after.map((a) => [a.id, a.warnings]));
  return { date: input.date, moved: moved.map((m) => ({ ...m, warnings: warnings.get(m.appointmentId) ?? [] })) };
}
