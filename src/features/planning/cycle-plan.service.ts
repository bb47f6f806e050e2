// Use cases of cycle plans: check a request, make the plan (in the planning.cycle job), read plans,
// accept one (its visits become appointments through the agenda's service) or discard it. Who may
// plan for whom follows the acting-for policy (domain/acting.ts); who reads a plan follows its rep's
// agenda scope (domain/access.ts). The one writer of planning_plans, _days and _visits.
import { agendaScope, type Viewer } from "../../domain/access.js";
import { mayActFor } from "../../domain/acting.js";
import { isAccountClass } from "../../domain/account-class.js";
import { NORM_VISIT_KINDS } from "../../domain/contact-moment.js";
import { addDays, daysBetween, isIsoDate } from "../../domain/calendar.js";
import { minutesOfDay } from "../../domain/working-hours.js";
import { type Db, inTransaction } from "../../db/kysely.js";
import { type CycleDay, type CyclePlan, type CycleRelation, cycleSlot, cycleSlots, type FixedVisit, planCycle } from "../../planning/cycle-plan.js";
import type { DayTravel } from "../../planning/day-route.js";
import type { TravelModel, TravelPoint } from "../../planning/travel-model.js";
import { AppError, fieldProblem, invalid, notFound } from "../../server/errors.js";
import { amsterdamInstant, startOfAmsterdamDay } from "../../server/time.js";
import type { AuthUser } from "../auth/auth-user.js";
import { createAppointment, lastAppointmentDates, listAppointments } from "../appointments/appointment.service.js";
import { readCrmSettings } from "../followups/crm-settings.service.js";
import { visitCounts } from "../reports/report.repository.js";
import { getTerritory, subAreaCount, subAreaCounts } from "../territories/territory.service.js";
import { activeFieldReps, actorOf, type Home, homeOf } from "../users/user.service.js";
import { daysOf, findPlan, listPlans, type PlanRow, type PlanVisitRow, visitsOf } from "./plan.repository.js";

/** Minutes of a visit per visit type unless the request says otherwise. */
export const DEFAULT_VISIT_MINUTES = { first_visit: 60, follow_up: 45 } as const;
/** Latest start of a visit unless the request says otherwise ("plan the last one late"). */
export const DEFAULT_LAST_START = "16:00";
/** Visits a day at most, fixed appointments included (days of up to 12 stops are ordered exactly). */
const MAX_STOPS = 10;
/** Minutes after the start of the working day by which the first visit begins (DOMAIN.md: 08:30–09:00). */
export const FIRST_VISIT_SLACK = 30;
/** Week 1 of every cycle: cycles are counted in whole weeks from Monday 5 January 1970. */
const CYCLE_ANCHOR = "1970-01-05";
const PLANNED_STATUSES = ["suspect", "prospect", "customer", "former_customer"];

export interface CycleRequest {
  userId?: number | undefined;
  startDate?: string | undefined;
  weeks: number;
  lastStart?: string | undefined;
  visitMinutes?: { first_visit?: number | undefined; follow_up?: number | undefined } | undefined;
  daysOff?: string[] | undefined;
}

/** A checked request, as the job gets it. */
export interface CycleParams {
  forUserId: number;
  startDate: string;
  weeks: number;
  lastStart: string;
  visitMinutes: { first_visit: number; follow_up: number };
  daysOff: string[];
}

export interface PlanSummary {
  dueVisits: number;
  plannedVisits: number;
  unplaced: { relation: { id: number; name: string }; reason: string; due: string; tried: string[] }[];
  withoutLocation: { id: number; name: string; postcode: string | null; city: string | null }[];
  normConflicts: { relation: { id: number; name: string }; norm: number; possible: number }[];
  /** Dates on which sub-areas of different rayons have their day (their visits share the day); absent in plans made before. */
  dayClashes?: { date: string; subAreas: { id: number; rayon: { id: number; name: string }; cycleWeeks: number; week: number; weekday: number }[] }[];
  travelNote: string | null;
}

/** The Monday on or after `date`. */
function nextMonday(date: string): string {
  const weekday = (daysBetween(CYCLE_ANCHOR, date) % 7 + 7) % 7;
  return weekday === 0 ? date : addDays(date, 7 - weekday);
}

export { cycleSlot };

export async function targetOf(db: Db, viewer: Viewer, userId: number) {
  const target = await actorOf(db, userId);
  if (!target) throw invalid(fieldProblem("userId", "user_unknown"));
  if (!mayActFor(viewer, target)) throw new AppError("forbidden", `You may not plan for ${target.name}`);
  return target;
}

/**
 * The field reps the viewer may plan for (acting-for policy), by name, with whether planning can
 * start for them: three queries however many reps there are.
 */
export async function planningReps(db: Db, viewer: Viewer) {
  const reps = (await activeFieldReps(db)).filter((rep) => mayActFor(viewer, rep));
  const areas = await subAreaCounts(db, reps.map((rep) => rep.rayonIds));
  return reps.map((rep, i) => ({ id: rep.id, name: rep.name, hasHome: rep.hasHome, subAreas: areas[i]?.count ?? 0, cycleWeeks: areas[i]?.cycleWeeks ?? null }));
}

// The users table's defaults (migration 0001) for the hours.
const NO_HOME: Home = { city: null, lat: null, lon: null, workStart: "08:30", workEnd: "17:00" };

/** The rep's home and hours (users service); a user that is gone has none ("home_missing"). */
export async function repHome(db: Db, userId: number): Promise<Home> {
  return (await homeOf(db, userId)) ?? NO_HOME;
}

/** The sub-areas of the rep's rayons, each with its relations and cycle length. */
async function subAreasOf(db: Db, rayonIds: readonly number[]) {
  const territories = await Promise.all(rayonIds.map((id) => getTerritory(db, id)));
  return {
    areas: territories.flatMap((t) => t.subAreas.map((a) => ({ ...a, rayon: { id: t.rayon.id, name: t.rayon.name } }))),
    withoutLocation: territories.flatMap((t) => t.withoutCoordinates),
  };
}

/** Checks a request before a job is started (and again in the job): a bad one is a 400/403/422 now. */
export async function checkCycleRequest(db: Db, viewer: Viewer, input: CycleRequest, today: string): Promise<CycleParams> {
  if (viewer.id === null && input.userId === undefined) throw invalid(fieldProblem("userId", "required"));
  const forUserId = input.userId ?? (viewer.id as number);
  const target = await targetOf(db, viewer, forUserId);
  const problems = [];
  if (!Number.isInteger(input.weeks) || input.weeks < 1 || input.weeks > 12) problems.push(fieldProblem("weeks", "weeks_invalid"));
  const startDate = input.startDate ?? nextMonday(addDays(today, 1));
  if (!isIsoDate(startDate)) problems.push(fieldProblem("startDate", "date_invalid"));
  else if (startDate < today || daysBetween(today, startDate) > 366) problems.push(fieldProblem("startDate", "date_out_of_range"));
  const lastStart = input.lastStart ?? DEFAULT_LAST_START;
  if (minutesOfDay(lastStart) === null) problems.push(fieldProblem("lastStart", "time_invalid"));
  const daysOff = [...new Set(input.daysOff ?? [])].sort();
  for (const [i, d] of daysOff.entries()) if (!isIsoDate(d)) problems.push(fieldProblem(`daysOff.${i}`, "date_invalid"));
  const home = await repHome(db, forUserId);
  if (home.lat === null || home.lon === null) problems.push(fieldProblem("userId", "home_missing"));
  const start = minutesOfDay(home.workStart) ?? 510;
  if ((minutesOfDay(lastStart) ?? 0) <= start) problems.push(fieldProblem("lastStart", "work_hours_order"));
  if ((await subAreaCount(db, target.rayonIds)).count === 0) problems.push(fieldProblem("userId", "no_sub_areas"));
  if (problems.length > 0) throw invalid(...problems);
  return {
    forUserId,
    startDate,
    weeks: input.weeks,
    lastStart,
    visitMinutes: { ...DEFAULT_VISIT_MINUTES, ...stripUndefined(input.visitMinutes ?? {}) },
    daysOff,
  };
}

function stripUndefined<T extends Record<string, number | undefined>>(o: T): Record<string, number> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, number>;
}

/** Travel minutes between the points, parking and walking counted on every arrival at a visit. */
export async function travelMinutes(model: TravelModel, points: readonly TravelPoint[]): Promise<{ travel: DayTravel; model: string; note: string | null }> {
  const matrix = await model.matrix(points);
  const size = matrix.size;
  const minutes = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i === j) continue;
      minutes[i * size + j] = ((matrix.durations[i * size + j] as number) + (j === 0 ? 0 : model.stopSeconds)) / 60;
    }
  }
  return { travel: { size, minutes }, model: matrix.model, note: matrix.note ?? null };
}

export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(Math.round(minutes) % 60).padStart(2, "0")}`;

/**
 * Makes the plan for a checked request: reads the rep's sub-areas, their relations, when each was
 * last visited and the agenda of the weeks, and runs the pure planner. Nothing is written here.
 */
export async function makeCyclePlan(db: Db, viewer: Viewer, params: CycleParams, model: TravelModel, onProgress: (note: string) => Promise<void>) {
  const target = await targetOf(db, viewer, params.forUserId);
  const home = await repHome(db, params.forUserId);
  if (home.lat === null || home.lon === null) throw invalid(fieldProblem("userId", "home_missing"));
  const { areas, withoutLocation } = await subAreasOf(db, target.rayonIds);
  if (areas.length === 0) throw invalid(fieldProblem("userId", "no_sub_areas"));
  // Each rayon has its own cycle length (a rep may have a 2-week and a 3-week rayon); a plan's days
  // show the longest, and every relation is planned on its own sub-area's cycle.
  const cycleLengths = [...new Set(areas.map((a) => a.cycleWeeks))].sort((a, b) => a - b);
  const cycleWeeks = cycleLengths[cycleLengths.length - 1] ?? 2;
  const areaOf = new Map<number, (typeof areas)[number]>();
  for (const a of areas) for (const id of a.relationIds) areaOf.set(id, a);
  const endDate = addDays(params.startDate, params.weeks * 7 - 1);
  const startIso = startOfAmsterdamDay(params.startDate);
  const endIso = startOfAmsterdamDay(addDays(endDate, 1));

  await onProgress("relaties");
  const { visitNorms } = await readCrmSettings(db);
  const ids = [...areaOf.keys()];
  const rows: { id: number; name: string; status: string; account_class: string | null; lat: number | null; lon: number | null; visit_postcode: string | null; visit_city: string | null }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom("relations")
        .select(["id", "name", "status", "account_class", "lat", "lon", "visit_postcode", "visit_city"])
        .where("id", "in", ids.slice(i, i + 500))
        .where("status", "in", PLANNED_STATUSES)
        .execute()),
    );
  }
  const lastAppointment = await lastAppointmentDates(db, ids, startIso);
  const lastReport = new Map((await visitCounts(db, NORM_VISIT_KINDS, addDays(params.startDate, -400), addDays(params.startDate, -1))).map((v) => [v.relation_id, String(v.last)]));

  await onProgress("agenda");
  const agenda = await listAppointments(db, viewer, { from: params.startDate, to: endDate, fromIso: startIso, toIso: endIso, userId: params.forUserId, includeCancelled: false });
  const fixedRelationIds = [...new Set(agenda.map((a) => a.relation.id))].filter((id) => !rows.some((r) => r.id === id));
  const fixedRows = fixedRelationIds.length === 0 ? [] : await db.selectFrom("relations").select(["id", "lat", "lon"]).where("id", "in", fixedRelationIds).execute();

  // Points: 0 = home, then every located relation of the sub-areas, then other relations met in the agenda.
  const points: TravelPoint[] = [{ lat: home.lat, lon: home.lon }];
  const pointOf = new Map<number, number>();
  const located = rows.filter((r): r is typeof r & { lat: number; lon: number } => r.lat !== null && r.lon !== null);
  for (const r of [...located, ...fixedRows.filter((r): r is typeof r & { lat: number; lon: number } => r.lat !== null && r.lon !== null)]) {
    pointOf.set(r.id, points.length);
    points.push({ lat: r.lat, lon: r.lon });
  }
  await onProgress("reistijden");
  const { travel, model: modelName, note } = await travelMinutes(model, points);

  const relations: CycleRelation[] = [];
  for (const r of located) {
    const norm = r.account_class && isAccountClass(r.account_class) ? visitNorms[r.account_class] : 0;
    if (norm <= 0) continue;
    const last = [lastAppointment.get(r.id), lastReport.get(r.id)].filter((d): d is string => d !== undefined).sort().pop() ?? null;
    const visitType = r.status === "customer" || r.status === "former_customer" ? "follow_up" : "first_visit";
    const area = areaOf.get(r.id) as (typeof areas)[number];
    relations.push({
      id: r.id,
      point: pointOf.get(r.id) as number,
      subArea: area.id,
      cycleWeeks: area.cycleWeeks,
      slot: `${area.week}-${area.weekday}`,
      norm,
      // Never visited: the first visit is spread over one interval (by id), so that a new plan
      // starts at the norm's pace instead of all relations at once in its first week.
      lastVisit: last ?? addDays(params.startDate, -((r.id * 7919) % Math.max(1, Math.round(365 / norm)))),
      minutes: params.visitMinutes[visitType],
      visitType,
    });
  }
  const dayStart = minutesOfDay(home.workStart) ?? 510;
  const days: CycleDay[] = [];
  for (let d = 0; d < params.weeks * 7; d++) {
    const date = addDays(params.startDate, d);
    const fixed: FixedVisit[] = agenda
      .filter((a) => a.date === date)
      .map((a) => ({ appointmentId: a.id, relationId: a.relation.id, point: pointOf.get(a.relation.id) ?? null, start: minutesOfDay(a.startTime) ?? dayStart, minutes: a.durationMinutes }));
    days.push({ date, slots: cycleSlots(date, cycleLengths), off: params.daysOff.includes(date), fixed });
  }
  await onProgress("plannen");
  const plan = planCycle(days, relations, travel, { cycleWeeks, dayStart, firstStartLatest: dayStart + FIRST_VISIT_SLACK, lastStart: minutesOfDay(params.lastStart) as number, maxStops: MAX_STOPS });
  const names = new Map<number, string>([...rows.map((r) => [r.id, r.name] as const)]);
  const summary: PlanSummary = {
    dueVisits: plan.dueVisits,
    plannedVisits: plan.plannedVisits,
    unplaced: plan.unplaced.map((u) => ({ relation: { id: u.relationId, name: names.get(u.relationId) ?? `#${u.relationId}` }, reason: u.reason, due: u.due, tried: u.tried })),
    withoutLocation: [
      ...withoutLocation,
      ...rows.filter((r) => r.lat === null || r.lon === null).map((r) => ({ id: r.id, name: r.name, postcode: r.visit_postcode, city: r.visit_city })),
    ].filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i),
    normConflicts: plan.normConflicts.map((c) => ({ relation: { id: c.relationId, name: names.get(c.relationId) ?? `#${c.relationId}` }, norm: c.norm, possible: c.possible })),
    dayClashes: plan.clashes.map((c) => ({
      date: c.date,
      subAreas: c.subAreas.map((id) => {
        const a = areas.find((x) => x.id === id) as (typeof areas)[number];
        return { id, rayon: a.rayon, cycleWeeks: a.cycleWeeks, week: a.week, weekday: a.weekday };
      }),
    })),
    travelNote: note,
  };
  return { params, endDate, cycleWeeks, plan, summary, travelModel: modelName };
}

/** Writes a made plan as a draft; returns its id. */
export async function storeCyclePlan(trx: Db, viewer: Viewer, jobId: number | null, made: Awaited<ReturnType<typeof makeCyclePlan>>, now: Date): Promise<number> {
  const stamp = now.toISOString();
  const row = await trx
    .insertInto("planning_plans")
    .values({
      for_user_id: made.params.forUserId,
      created_by: viewer.id,
      job_id: jobId,
      start_date: made.params.startDate,
      end_date: made.endDate,
      weeks: made.params.weeks,
      cycle_weeks: made.cycleWeeks,
      settings: JSON.stringify(made.params),
      summary: JSON.stringify(made.summary),
      travel_model: made.travelModel,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeDays(trx, row.id, made.plan);
  return row.id;
}

async function writeDays(trx: Db, planId: number, plan: CyclePlan) {
  if (plan.days.length > 0) {
    await trx
      .insertInto("planning_plan_days")
      .values(
        plan.days.map((d) => ({
          plan_id: planId,
          date: d.date,
          slot: d.slot,
          off: d.off ? 1 : 0,
          leave_home: d.leaveHome === null ? null : Math.round(d.leaveHome),
          return_home: d.returnHome === null ? null : Math.round(d.returnHome),
          travel_minutes: Math.round(d.travelMinutes),
          selling_minutes: Math.round(d.sellingMinutes),
          exact: d.exact ? 1 : 0,
        })),
      )
      .execute();
  }
  const visits = plan.days.flatMap((d) =>
    d.visits.map((v, seq) => ({
      plan_id: planId,
      date: d.date,
      seq,
      relation_id: v.relationId,
      kind: v.appointmentId === null ? "planned" : "fixed",
      appointment_id: v.appointmentId,
      visit_type: v.visitType,
      arrival: Math.round(v.arrival),
      start_minute: Math.round(v.start),
      duration_minutes: v.minutes,
      travel_minutes: Math.round(v.travel),
      due_date: v.due,
      moved_from: v.movedFrom,
    })),
  );
  for (let i = 0; i < visits.length; i += 200) await trx.insertInto("planning_plan_visits").values(visits.slice(i, i + 200)).execute();
}

function toDto(row: PlanRow, days: Awaited<ReturnType<typeof daysOf>>, visits: PlanVisitRow[]) {
  const summary = JSON.parse(row.summary) as PlanSummary;
  const settings = JSON.parse(row.settings) as CycleParams;
  return {
    id: row.id,
    forUser: { id: row.for_user_id, name: row.for_user_name },
    createdBy: row.created_by !== null && row.created_by_name !== null ? { id: row.created_by, name: row.created_by_name } : null,
    state: row.state as "draft" | "accepted" | "discarded",
    startDate: row.start_date,
    endDate: row.end_date,
    weeks: row.weeks,
    cycleWeeks: row.cycle_weeks,
    lastStart: settings.lastStart,
    visitMinutes: settings.visitMinutes,
    daysOff: settings.daysOff,
    travelModel: row.travel_model,
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by !== null && row.accepted_by_name !== null ? { id: row.accepted_by, name: row.accepted_by_name } : null,
    version: row.version,
    totals: {
      travelMinutes: days.reduce((s, d) => s + d.travel_minutes, 0),
      sellingMinutes: days.reduce((s, d) => s + d.selling_minutes, 0),
      plannedVisits: visits.filter((v) => v.kind === "planned").length,
      fixedVisits: visits.filter((v) => v.kind === "fixed").length,
    },
    summary: { ...summary, dayClashes: summary.dayClashes ?? [] },
    days: days.map((d) => ({
      date: d.date,
      slot: d.slot,
      off: d.off === 1,
      leaveHome: d.leave_home === null ? null : hhmm(d.leave_home),
      returnHome: d.return_home === null ? null : hhmm(d.return_home),
      travelMinutes: d.travel_minutes,
      sellingMinutes: d.selling_minutes,
      exact: d.exact === 1,
      visits: visits
        .filter((v) => v.date === d.date)
        .map((v) => ({
          relation: { id: v.relation_id, name: v.relation_name },
          city: v.visit_city,
          accountClass: v.account_class,
          kind: v.kind as "planned" | "fixed",
          appointmentId: v.appointment_id,
          visitType: v.visit_type,
          arrival: hhmm(v.arrival),
          start: hhmm(v.start_minute),
          end: hhmm(v.start_minute + v.duration_minutes),
          durationMinutes: v.duration_minutes,
          travelMinutes: v.travel_minutes,
          due: v.due_date,
          movedFrom: v.moved_from,
        })),
    })),
  };
}

export type CyclePlanDto = ReturnType<typeof toDto>;

export async function getCyclePlan(db: Db, viewer: Viewer, id: number): Promise<CyclePlanDto> {
  const row = await findPlan(db, id, agendaScope(viewer));
  if (!row) throw notFound(`Plan ${id}`);
  return toDto(row, await daysOf(db, id), await visitsOf(db, id));
}

export async function listCyclePlans(db: Db, viewer: Viewer, userId: number | undefined) {
  const rows = await listPlans(db, agendaScope(viewer), userId, 20);
  return rows.map((r) => ({
    id: r.id,
    forUser: { id: r.for_user_id, name: r.for_user_name },
    state: r.state,
    startDate: r.start_date,
    endDate: r.end_date,
    weeks: r.weeks,
    createdAt: r.created_at,
    version: r.version,
  }));
}

/** The plan for a write: in scope (404 otherwise), at the version edited (412), a draft, for someone the user may plan for (403). */
async function draftForWrite(db: Db, user: AuthUser, id: number, expectedVersion: number) {
  const row = await findPlan(db, id, agendaScope(user));
  if (!row) throw notFound(`Plan ${id}`);
  if (row.version !== expectedVersion) throw new AppError("version_conflict", `You saw version ${expectedVersion}, but the plan is now at version ${row.version}; reload it`);
  await targetOf(db, user, row.for_user_id);
  return row;
}

async function bumpVersion(trx: Db, id: number, expectedVersion: number, set: { state: string; accepted_at?: string; accepted_by?: number }, stamp: string) {
  const result = await trx
    .updateTable("planning_plans")
    .set({ ...set, updated_at: stamp, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .where("state", "=", "draft")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError("version_conflict");
}

/**
 * Accepts a draft: every planned visit becomes an appointment in the rep's agenda, in one
 * transaction with the state change. Accepting an accepted plan again changes nothing (idempotent);
 * a stale version is a 412 and creates nothing.
 */
export async function acceptCyclePlan(db: Db, user: AuthUser, id: number, expectedVersion: number, now: Date): Promise<CyclePlanDto> {
  const row = await draftForWrite(db, user, id, expectedVersion);
  if (row.state === "accepted") return getCyclePlan(db, user, id);
  if (row.state !== "draft") throw new AppError("rule_violation", "A discarded plan cannot be accepted; make a new one", [fieldProblem("state", "plan_not_draft")]);
  const stamp = now.toISOString();
  const visits = (await visitsOf(db, id)).filter((v) => v.kind === "planned" && v.appointment_id === null);
  await inTransaction(db, async (trx) => {
    // The state changes first: a second accept racing this one waits for the row and then finds
    // another version, so the appointments are made once.
    await bumpVersion(trx, id, expectedVersion, { state: "accepted", accepted_at: stamp, accepted_by: user.id }, stamp);
    for (const v of visits) {
      const start = amsterdamInstant(v.date, hhmm(v.start_minute)) ?? amsterdamInstant(v.date, hhmm(v.start_minute + 60));
      if (!start) continue;
      const appointment = await createAppointment(
        trx,
        user,
        {
          relationId: v.relation_id,
          forUserId: row.for_user_id,
          visitType: (v.visit_type ?? "follow_up") as "follow_up",
          start: start.toISOString(),
          durationMinutes: v.duration_minutes,
          notes: `Cyclusplanning ${row.start_date} – ${row.end_date}`,
        },
        now,
      );
      await trx.updateTable("planning_plan_visits").set({ appointment_id: appointment.id }).where("id", "=", v.id).execute();
    }
  });
  return getCyclePlan(db, user, id);
}

export async function discardCyclePlan(db: Db, user: AuthUser, id: number, expectedVersion: number, now: Date): Promise<CyclePlanDto> {
  const row = await draftForWrite(db, user, id, expectedVersion);
  if (row.state !== "draft") throw new AppError("rule_violation", "Only a draft can be discarded", [fieldProblem("state", "plan_not_draft")]);
  const stamp = now.toISOString();
  await inTransaction(db, (trx) => bumpVersion(trx, id, expectedVersion, { state: "discarded" }, stamp));
  return getCyclePlan(db, user, id);
}

/** The plan a job made, if it made one already (a job resumed after a crash). */
export async function planOfJob(db: Db, jobId: number): Promise<number | null> {
  const row = await db.selectFrom("planning_plans").select("id").where("job_id", "=", jobId).executeTakeFirst();
  return row?.id ?? null;
}

/** Appointment ids that came from accepted cycle plans: the daily route may move these, not the others. */
export async function plannedAppointmentIds(db: Db, appointmentIds: readonly number[]): Promise<Set<number>> {
  if (appointmentIds.length === 0) return new Set();
  const rows = await db.selectFrom("planning_plan_visits").select("appointment_id").where("kind", "=", "planned").where("appointment_id", "in", [...appointmentIds]).execute();
  return new Set(rows.map((r) => r.appointment_id as number));
}
