// The cycle plan of one rep (DOMAIN.md, rayon management): which relations to visit on which day of
// the coming weeks. Every relation belongs to a sub-area with a fixed day of a 2- or 3-week cycle, so
// its possible days are known; what is decided is *which* of them — the visit norm says when a
// relation is due — and whether a day still has room. A visit whose day is full (or a day off) moves
// to the same day of the next cycle; what never finds room in the plan's weeks is returned with the
// reason. Each day is ordered with day-route.ts (exactly for up to 12 stops). Pure: dates are
// 'YYYY-MM-DD' strings passed in, times are minutes since midnight (Amsterdam wall clock).
import { addDays, daysBetween } from "../domain/calendar.js";
import { bestDayOrder, type DaySchedule, type DayStop, type DayTravel, EXACT_DAY_STOPS, insertCheapest, scheduleOrder } from "./day-route.js";

export interface CycleDay {
  readonly date: string;
  /**
   * The cycle day it is in each cycle length the rep's rayons use: cycle weeks → "w-d" ("2-3" =
   * week 2, Wednesday); a length is missing on a weekend. A rep may have a 2-week and a 3-week rayon.
   */
  readonly slots: Readonly<Record<number, string>>;
  readonly off: boolean;
  /** Appointments already in the agenda that day: hard time windows. */
  readonly fixed: readonly FixedVisit[];
}

export interface FixedVisit {
  readonly appointmentId: number;
  readonly relationId: number;
  /** Point in the travel matrix; null when the place is unknown (then no travel is counted to it). */
  readonly point: number | null;
  readonly start: number;
  readonly minutes: number;
}

export interface CycleRelation {
  readonly id: number;
  readonly point: number;
  /** Its sub-area (the id): two sub-areas whose days fall on one date share that day. */
  readonly subArea: number;
  /** Its sub-area's cycle length in weeks (2 or 3): its rayon's, not necessarily the rep's other rayons'. */
  readonly cycleWeeks: number;
  /** The sub-area's cycle day, as CycleDay.slots[cycleWeeks]. */
  readonly slot: string;
  /** Visits a year by its class (> 0). */
  readonly norm: number;
  /** Last visit before the plan (or null: never visited, so due now). */
  readonly lastVisit: string | null;
  readonly minutes: number;
  readonly visitType: string;
}

export interface CycleSettings {
  /** The cycle length in weeks (2 or 3) whose cycle day each planned day shows (PlannedDay.slot): the longest of the rep's. */
  readonly cycleWeeks: number;
  /** Earliest start of a visit (the first visit of the day starts here): minutes, e.g. 510 = 08:30. */
  readonly dayStart: number;
  /** Latest start of the first visit of a day with planned visits (e.g. 540 = 09:00). */
  readonly firstStartLatest: number;
  /** Latest start of a visit. */
  readonly lastStart: number;
  /** At most this many visits a day, fixed ones included (≤ EXACT_DAY_STOPS keeps every day exact). */
  readonly maxStops: number;
}

export type UnplacedReason = "day_full" | "day_off";

export interface PlannedVisit {
  readonly relationId: number;
  /** null for a planned visit, the appointment's id for a fixed one. */
  readonly appointmentId: number | null;
  readonly visitType: string | null;
  readonly travel: number;
  readonly arrival: number;
  readonly start: number;
  readonly minutes: number;
  /** When the norm made it due, for a planned visit; a later date means it waited for its day. */
  readonly due: string | null;
  /** The earlier day it should have had but which was full or off (it moved a cycle). */
  readonly movedFrom: string | null;
}

export interface PlannedDay {
  readonly date: string;
  /** Its cycle day in the cycle of settings.cycleWeeks, null at the weekend. */
  readonly slot: string | null;
  readonly off: boolean;
  readonly visits: PlannedVisit[];
  readonly leaveHome: number | null;
  readonly returnHome: number | null;
  readonly travelMinutes: number;
  readonly sellingMinutes: number;
  readonly exact: boolean;
}

export interface Unplaced {
  readonly relationId: number;
  readonly reason: UnplacedReason;
  readonly due: string;
  /** The days it was tried on. */
  readonly tried: string[];
}

export interface NormConflict {
  readonly relationId: number;
  readonly norm: number;
  /** Most visits a year the cycle allows on one sub-area day: 365 ÷ cycle days. */
  readonly possible: number;
}

/**
 * A date on which the fixed days of two or more sub-areas fall (sub-areas of different rayons: a
 * 2-week rayon's Monday of week 1 and a 3-week rayon's Monday of week 1 meet every 6 weeks). Their
 * due visits share that one day's route, so no two visits overlap; what no longer fits moves to
 * its own sub-area's next day, as on any full day.
 */
export interface DayClash {
  readonly date: string;
  /** The sub-areas (ids, ascending) whose day it is. */
  readonly subAreas: number[];
}

export interface CyclePlan {
  readonly days: PlannedDay[];
  readonly unplaced: Unplaced[];
  /** Relations whose norm asks more visits than their sub-area's day comes round. */
  readonly normConflicts: NormConflict[];
  /** Dates on which sub-areas of different rayons both have their day. */
  readonly clashes: DayClash[];
  readonly dueVisits: number;
  readonly plannedVisits: number;
}

interface Pending {
  readonly relation: CycleRelation;
  /** When the next visit is due. */
  due: string;
  tried: string[];
  reason: UnplacedReason | null;
  /** The first day it should have had. */
  movedFrom: string | null;
}

/** Week 1 of every cycle: cycles are counted in whole weeks from Monday 5 January 1970. */
const CYCLE_ANCHOR = "1970-01-05";

/**
 * "w-d" for a weekday of a cycle of `cycleWeeks` weeks (week 1..cycleWeeks, Monday 1 … Friday 5);
 * null at the weekend. Counted from a fixed Monday, so a date's cycle day never depends on when a
 * plan starts.
 */
export function cycleSlot(date: string, cycleWeeks: number): string | null {
  const days = daysBetween(CYCLE_ANCHOR, date);
  const weekday = ((days % 7) + 7) % 7;
  if (weekday > 4) return null;
  const week = ((Math.floor(days / 7) % cycleWeeks) + cycleWeeks) % cycleWeeks;
  return `${week + 1}-${weekday + 1}`;
}

/** A date's cycle day in each of the cycle lengths (CycleDay.slots). */
export function cycleSlots(date: string, cycleLengths: readonly number[]): Record<number, string> {
  const slots: Record<number, string> = {};
  for (const weeks of cycleLengths) {
    const slot = cycleSlot(date, weeks);
    if (slot !== null) slots[weeks] = slot;
  }
  return slots;
}

/** The later of two 'YYYY-MM-DD' dates (text order is date order). */
function laterOf(a: string, b: string): string {
  if (a < b) return b;
  return a;
}

/** Days between two visits for a norm of `norm` a year (rounded: 6 a year → every 61 days). */
export const intervalDays = (norm: number): number => Math.max(1, Math.round(365 / norm));

export function planCycle(days: readonly CycleDay[], relations: readonly CycleRelation[], matrix: DayTravel, settings: CycleSettings): CyclePlan {
  const travel: DayTravel = { ...matrix, firstStartLatest: settings.firstStartLatest };
  const first = days[0]?.date;
  const last = days[days.length - 1]?.date;
  const result: PlannedDay[] = [];
  if (first === undefined || last === undefined) return { days: [], unplaced: [], normConflicts: [], clashes: [], dueVisits: 0, plannedVisits: 0 };
  const normConflicts: NormConflict[] = [];
  const clashes: DayClash[] = [];
  const fixedBy = new Map<number, string[]>();
  for (const d of days) for (const f of d.fixed) fixedBy.set(f.relationId, [...(fixedBy.get(f.relationId) ?? []), d.date]);
  const pending: Pending[] = relations.map((relation) => {
    const interval = intervalDays(relation.norm);
    const cycleDays = relation.cycleWeeks * 7;
    if (interval < cycleDays) normConflicts.push({ relationId: relation.id, norm: relation.norm, possible: Math.floor(365 / cycleDays) });
    const due = relation.lastVisit === null ? first : addDays(relation.lastVisit, interval);
    return { relation, due: laterOf(due, first), tried: [], reason: null, movedFrom: null };
  });
  // Relations by "cycle weeks/slot": each sub-area comes round on its own rayon's cycle, so a day is
  // the day of every sub-area whose slot it is in that sub-area's cycle length.
  const bySlot = new Map<string, Pending[]>();
  const slotKey = (cycleWeeks: number, slot: string) => `${cycleWeeks}/${slot}`;
  for (const p of pending) {
    const key = slotKey(p.relation.cycleWeeks, p.relation.slot);
    bySlot.set(key, [...(bySlot.get(key) ?? []), p]);
  }
  const lengths = [...new Set(relations.map((r) => r.cycleWeeks))].sort((a, b) => a - b);
  let dueVisits = 0;
  let plannedVisits = 0;

  for (const day of days) {
    const fixedStops: DayStop[] = day.fixed.map((f) => ({ key: -f.appointmentId, point: f.point ?? 0, service: f.minutes, ready: f.start, due: f.start }));
    const ofDay = lengths.flatMap((weeks) => {
      const slot = day.slots[weeks];
      return slot === undefined ? [] : (bySlot.get(slotKey(weeks, slot)) ?? []);
    });
    const areasOfDay = [...new Set(ofDay.map((p) => p.relation.subArea))].sort((a, b) => a - b);
    if (areasOfDay.length > 1) clashes.push({ date: day.date, subAreas: areasOfDay });
    // Visits due within half a cycle after a day are made that day (the nearest of its sub-area's
    // days); an appointment in the agenda within the coming cycle stands for the visit. Both in the
    // relation's own cycle.
    const candidates = ofDay
      .filter((p) => {
        const cycleDays = p.relation.cycleWeeks * 7;
        const half = Math.floor(cycleDays / 2);
        return daysBetween(day.date, p.due) < half + 1 && !(fixedBy.get(p.relation.id) ?? []).some((f) => f >= day.date && daysBetween(day.date, f) < cycleDays);
      })
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) || b.relation.norm - a.relation.norm || a.relation.id - b.relation.id);
    const accepted: Pending[] = [];
    // Fixed appointments first, in time order. A day whose appointments already clash (no drive
    // fits between them) keeps them as they are and takes no more visits.
    let order: DayStop[] = [...fixedStops].sort((a, b) => a.ready - b.ready);
    const fixedFit = scheduleOrder(order, travel) !== null;
    if (!day.off) {
      for (const p of candidates) {
        const stop: DayStop = { key: p.relation.id, point: p.relation.point, service: p.relation.minutes, ready: settings.dayStart, due: settings.lastStart };
        const next = !fixedFit || order.length >= Math.min(settings.maxStops, EXACT_DAY_STOPS) ? null : insertCheapest(order, stop, travel);
        if (next === null) {
          p.tried.push(day.date);
          p.reason = "day_full";
          p.movedFrom ??= day.date;
          continue;
        }
        order = next;
        accepted.push(p);
      }
    } else {
      for (const p of candidates) {
        p.tried.push(day.date);
        p.reason = "day_off";
        p.movedFrom ??= day.date;
      }
    }
    const schedule: DaySchedule | null = day.off && order.length === 0 ? null : (bestDayOrder(order, travel) ?? scheduleOrder(order, travel) ?? asGiven(order, travel));
    const visits: PlannedVisit[] = [];
    for (const s of schedule?.stops ?? []) {
      const p = accepted.find((a) => a.relation.id === s.stop.key);
      const f = day.fixed.find((x) => -x.appointmentId === s.stop.key);
      visits.push({
        relationId: p ? p.relation.id : (f?.relationId as number),
        appointmentId: f ? f.appointmentId : null,
        visitType: p ? p.relation.visitType : null,
        travel: s.travel,
        arrival: s.arrival,
        start: s.start,
        minutes: s.stop.service,
        due: p ? p.due : null,
        movedFrom: p ? p.movedFrom : null,
      });
    }
    for (const f of day.fixed) {
      const p = pending.find((x) => x.relation.id === f.relationId);
      const next = p ? addDays(day.date, intervalDays(p.relation.norm)) : null;
      if (p && next !== null && next > p.due) p.due = next;
    }
    for (const p of accepted) {
      dueVisits++;
      plannedVisits++;
      p.due = addDays(day.date, intervalDays(p.relation.norm));
      p.tried = [];
      p.reason = null;
      p.movedFrom = null;
    }
    result.push({
      date: day.date,
      slot: day.slots[settings.cycleWeeks] ?? null,
      off: day.off,
      visits,
      leaveHome: schedule && schedule.stops.length > 0 ? schedule.leaveHome : null,
      returnHome: schedule && schedule.stops.length > 0 ? schedule.returnHome : null,
      travelMinutes: schedule?.travelMinutes ?? 0,
      sellingMinutes: schedule?.sellingMinutes ?? 0,
      exact: schedule?.exact ?? true,
    });
  }
  // A fixed appointment is a visit too: the next one is due an interval after it.
  const unplaced: Unplaced[] = [];
  for (const p of pending) {
    if (p.reason === null) continue;
    dueVisits++;
    unplaced.push({ relationId: p.relation.id, reason: p.reason, due: p.due, tried: p.tried });
  }
  return { days: result, unplaced, normConflicts, clashes, dueVisits, plannedVisits };
}

/** The stops at the times they were given, when their windows cannot all be kept (clashing appointments). */
function asGiven(order: readonly DayStop[], travel: DayTravel): DaySchedule {
  let at = 0;
  let travelMinutes = 0;
  let sellingMinutes = 0;
  const stops = order.map((stop) => {
    const t = travel.minutes[at * travel.size + stop.point] as number;
    at = stop.point;
    travelMinutes += t;
    sellingMinutes += stop.service;
    return { stop, travel: t, arrival: stop.ready - t, start: stop.ready, end: stop.ready + stop.service };
  });
  const back = travel.minutes[at * travel.size] as number;
  const firstStop = stops[0];
  const lastStop = stops[stops.length - 1];
  return {
    stops,
    leaveHome: firstStop ? firstStop.arrival : 0,
    returnHome: lastStop ? lastStop.end + back : 0,
    travelMinutes: travelMinutes + back,
    sellingMinutes,
    exact: false,
  };
}
