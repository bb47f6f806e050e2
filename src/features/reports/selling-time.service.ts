// The selling-time report: per field rep and ISO week, hours with customers and hours driving
// between visits, from the agenda's planned appointments and the built-in travel model, and the
// yearly gain of starting at 08:30 and of route discipline (planning/selling-time.ts). The travel
// model is the haversine estimate (docs/planning.md), never a routing server: a report over a
// quarter asks hundreds of day matrices, which is no work for a request to send out.
import type { Viewer } from "../../domain/access.js";
import { addDays, daysBetween } from "../../domain/calendar.js";
import { isoWeekOf } from "../../domain/iso-week.js";
import type { Db } from "../../db/kysely.js";
import { DEFAULT_WEEKS_PER_YEAR, type RepDay, weeksOf, yearlyGain } from "../../planning/selling-time.js";
import { haversineTravelModel, type TravelPoint } from "../../planning/travel-model.js";
import { fieldProblem, invalid } from "../../server/errors.js";
import { startOfAmsterdamDay } from "../../server/time.js";
import { listAppointments } from "../appointments/appointment.service.js";

/** About a quarter: enough weeks for an average, few enough day routes for one request. */
export const MAX_SELLING_TIME_DAYS = 92;

const model = haversineTravelModel();
const tripMinutes = (a: TravelPoint, b: TravelPoint) => model.trip(a, b).seconds / 60;
const STOP_MINUTES = model.stopSeconds / 60;
const round1 = (minutes: number) => Math.round(minutes * 10) / 10;

/** `repIds`: null = every active field rep, else only these (the viewer's team scope). */
export async function sellingTimeReport(db: Db, viewer: Viewer, q: { from: string; to: string; daysPerWeek?: number }, repIds: readonly number[] | null) {
  if (q.to < q.from) throw invalid(fieldProblem("to", "period_reversed"));
  if (daysBetween(q.from, q.to) >= MAX_SELLING_TIME_DAYS) throw invalid(fieldProblem("to", "range_too_long"));
  const daysPerWeek = q.daysPerWeek ?? 4;
  const reps = await db
    .selectFrom("users")
    .select(["id", "name", "home_lat", "home_lon"])
    .where("active", "=", 1)
    .$if(repIds === null, (w) => w.where("role", "=", "field_sales"))
    .$if(repIds !== null, (w) => w.where("id", "in", [...(repIds ?? []), -1]))
    .orderBy("name")
    .execute();

  const rows = [];
  let dayCount = 0;
  let late = 0;
  let saving = 0;
  let activeReps = 0;
  for (const rep of reps) {
    const appointments = (await listAppointments(db, viewer, { from: q.from, to: q.to, fromIso: startOfAmsterdamDay(q.from), toIso: startOfAmsterdamDay(addDays(q.to, 1)), userId: rep.id, includeCancelled: false })).filter(
      (a) => a.forUser.id === rep.id && a.status === "planned",
    );
    const points = await visitPoints(db, [...new Set(appointments.map((a) => a.relation.id))]);
    const home = rep.home_lat !== null && rep.home_lon !== null ? { lat: rep.home_lat, lon: rep.home_lon } : null;
    const byDate = new Map<string, RepDay>();
    for (const a of appointments) {
      const day = byDate.get(a.date) ?? { date: a.date, week: isoWeekOf(a.date), home, visits: [] };
      const [hh, mm] = a.startTime.split(":").map(Number);
      // Only a visit at the relation's visiting address has a known place; elsewhere travel is unknown.
      const point = a.placeKind === "visit_address" ? (points.get(a.relation.id) ?? null) : null;
      (day.visits as RepDay["visits"][number][]).push({ startMinutes: (hh ?? 0) * 60 + (mm ?? 0), durationMinutes: a.durationMinutes, point });
      byDate.set(a.date, day);
    }
    const weeks = weeksOf([...byDate.values()], tripMinutes, STOP_MINUTES);
    const total = weeks.reduce(
      (t, w) => ({
        days: t.days + w.days,
        visits: t.visits + w.visits,
        sellingMinutes: t.sellingMinutes + w.sellingMinutes,
        travelMinutes: t.travelMinutes + w.travelMinutes,
        homeMinutes: t.homeMinutes + w.homeMinutes,
        lateStartMinutes: t.lateStartMinutes + w.lateStartMinutes,
        routeSavingMinutes: t.routeSavingMinutes + w.routeSavingMinutes,
        unlocated: t.unlocated + w.unlocated,
      }),
      { days: 0, visits: 0, sellingMinutes: 0, travelMinutes: 0, homeMinutes: 0, lateStartMinutes: 0, routeSavingMinutes: 0, unlocated: 0 },
    );
    if (total.days > 0) activeReps += 1;
    dayCount += total.days;
    late += total.lateStartMinutes;
    saving += total.routeSavingMinutes;
    const rounded = <T extends { travelMinutes: number; homeMinutes: number; routeSavingMinutes: number }>(w: T) => ({ ...w, travelMinutes: round1(w.travelMinutes), homeMinutes: round1(w.homeMinutes), routeSavingMinutes: round1(w.routeSavingMinutes) });
    rows.push({ user: { id: rep.id, name: rep.name }, homeKnown: home !== null, weeks: weeks.map(rounded), total: rounded(total) });
  }
  const perDay = (minutes: number) => (dayCount === 0 ? 0 : round1(minutes / dayCount));
  return {
    from: q.from,
    to: q.to,
    travelModel: model.name,
    reps: rows,
    gain: {
      reps: activeReps,
      daysPerWeek,
      weeksPerYear: DEFAULT_WEEKS_PER_YEAR,
      lateStartMinutesPerDay: perDay(late),
      routeSavingMinutesPerDay: perDay(saving),
      ...yearlyGain({ reps: activeReps, daysPerWeek, weeksPerYear: DEFAULT_WEEKS_PER_YEAR, lateStartMinutesPerDay: perDay(late), routeSavingMinutesPerDay: perDay(saving) }),
    },
  };
}

/** The visiting-address coordinates of relations (a read; relations are written by their feature). */
async function visitPoints(db: Db, ids: readonly number[]): Promise<Map<number, TravelPoint>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("relations").select(["id", "lat", "lon"]).where("id", "in", [...ids]).execute();
  return new Map(rows.flatMap((r) => (r.lat !== null && r.lon !== null ? [[r.id, { lat: r.lat, lon: r.lon }] as const] : [])));
}
