// One working day of a rep: the stops of the day in an order from home and back, with their clock
// times. Used by the cycle planner (which visits fit on a day) and by the daily route (the best order
// of a day's appointments). Times are minutes since midnight on the Amsterdam wall clock; travel comes
// in as a minutes matrix over points (point 0 is home), parking and walking already included.
import { solveDayExactly } from "./exact-day.js";

/** A day of at most this many stops is ordered exactly (Held–Karp); a longer one keeps its insertion order. */
export const EXACT_DAY_STOPS = 12;

export interface DayStop {
  /** Caller's key (a relation id, an appointment id …). */
  readonly key: number;
  /** Index into the travel matrix. */
  readonly point: number;
  /** Minutes the visit lasts. */
  readonly service: number;
  /** Earliest and latest start of the visit (a fixed appointment: both its start). */
  readonly ready: number;
  readonly due: number;
}

export interface DayTravel {
  /** Number of points; `minutes[i * size + j]` is the trip from point i to point j. */
  readonly size: number;
  readonly minutes: Float64Array;
  /**
   * Latest start of the day's first visit when the day has a visit that may move (DOMAIN.md: the
   * first visit at 08:30–09:00, not a late start before a fixed appointment); none when absent.
   */
  readonly firstStartLatest?: number;
  /**
   * Extra minutes of the trip between two points when it leaves at a clock time (travel against the
   * traffic: `peakDelays` of peak-traffic.ts); none when absent. The trip from home leaves just in
   * time for the first visit, earlier by its delay.
   */
  readonly delay?: (from: number, to: number, depart: number) => number;
}

export interface TimedStop {
  readonly stop: DayStop;
  /** Minutes driven from the previous stop (home for the first). */
  readonly travel: number;
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
}

export interface DaySchedule {
  readonly stops: TimedStop[];
  /** Leaving home and coming back (0 and 0 on a day without stops). */
  readonly leaveHome: number;
  readonly returnHome: number;
  /** Minutes driven, home legs included, and minutes spent with customers. */
  readonly travelMinutes: number;
  readonly sellingMinutes: number;
  /** Whether the order is proven the one with least travel. */
  readonly exact: boolean;
}

const trip = (travel: DayTravel, from: number, to: number): number => travel.minutes[from * travel.size + to] as number;
/** Minutes of the trip when it leaves at `depart`, its rush-hour delay included. */
const tripAt = (travel: DayTravel, from: number, to: number, depart: number): number => trip(travel, from, to) + (travel.delay ? travel.delay(from, to, depart) : 0);

/**
 * The times of `order` when every visit starts as early as it may: home is left so that the first
 * visit starts at its earliest time (DOMAIN.md: the first visit at 08:30, the drive there in own
 * time); later visits start on arrival or at their earliest. Null when a visit would start late.
 */
export function scheduleOrder(order: readonly DayStop[], travel: DayTravel, exact = false): DaySchedule | null {
  if (order.length === 0) return { stops: [], leaveHome: 0, returnHome: 0, travelMinutes: 0, sellingMinutes: 0, exact: true };
  const first = order[0] as DayStop;
  const freeFlow = trip(travel, 0, first.point);
  const firstTrip = tripAt(travel, 0, first.point, first.ready - freeFlow);
  const leaveHome = first.ready - firstTrip;
  const stops: TimedStop[] = [];
  let clock = leaveHome;
  let at = 0;
  let travelMinutes = 0;
  let sellingMinutes = 0;
  for (const stop of order) {
    const t = tripAt(travel, at, stop.point, clock);
    const arrival = clock + t;
    const start = Math.max(arrival, stop.ready);
    if (start > stop.due + 1e-9) return null;
    const end = start + stop.service;
    stops.push({ stop, travel: t, arrival, start, end });
    travelMinutes += t;
    sellingMinutes += stop.service;
    clock = end;
    at = stop.point;
  }
  const back = tripAt(travel, at, 0, clock);
  const latest = travel.firstStartLatest ?? Number.POSITIVE_INFINITY;
  if ((stops[0] as TimedStop).start > latest + 1e-9 && order.some((s) => s.ready < s.due)) return null;
  return { stops, leaveHome, returnHome: clock + back, travelMinutes: travelMinutes + back, sellingMinutes, exact };
}

/** Travel of an order, home to home. */
function travelOf(order: readonly DayStop[], travel: DayTravel): number {
  let total = 0;
  let at = 0;
  for (const s of order) {
    total += trip(travel, at, s.point);
    at = s.point;
  }
  return total + trip(travel, at, 0);
}

/**
 * `order` with `stop` added where it adds least travel and every visit still starts in time;
 * null when no position works.
 */
export function insertCheapest(order: readonly DayStop[], stop: DayStop, travel: DayTravel): DayStop[] | null {
  let best: DayStop[] | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= order.length; i++) {
    const candidate = [...order.slice(0, i), stop, ...order.slice(i)];
    const cost = travelOf(candidate, travel);
    if (cost >= bestCost) continue;
    if (scheduleOrder(candidate, travel) === null) continue;
    best = candidate;
    bestCost = cost;
  }
  return best;
}

/**
 * The order of `stops` with least travel that keeps every window: exact for up to EXACT_DAY_STOPS
 * stops, else the cheapest-insertion order (most constrained first). Null when no order is found.
 */
export function bestDayOrder(stops: readonly DayStop[], travel: DayTravel): DaySchedule | null {
  if (stops.length === 0) return scheduleOrder([], travel, true);
  if (stops.length <= EXACT_DAY_STOPS) {
    const n = stops.length;
    const size = n + 1;
    const time = new Float64Array(size * size);
    const points = [0, ...stops.map((s) => s.point)];
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) time[i * size + j] = i === j ? 0 : trip(travel, points[i] as number, points[j] as number);
    const ready = new Float64Array(size);
    const due = new Float64Array(size);
    const service = new Float64Array(size);
    // Home: any departure in the day, any return (the drive home is own time).
    ready[0] = 0;
    due[0] = 48 * 60;
    for (const [i, s] of stops.entries()) {
      ready[i + 1] = s.ready;
      due[i + 1] = s.due;
      service[i + 1] = s.service;
    }
    // The cost steers the first visit to one that can start early: a drive from home straight to a
    // visit that cannot start by firstStartLatest costs a day's worth of minutes more.
    const latest = travel.firstStartLatest ?? Number.POSITIVE_INFINITY;
    const movable = stops.some((s) => s.ready < s.due);
    let cost: Float64Array = time;
    if (movable && Number.isFinite(latest)) {
      cost = time.slice();
      for (const [i, s] of stops.entries()) if (s.ready > latest) cost[i + 1] = (cost[i + 1] as number) + 24 * 60;
    }
    const delay = travel.delay;
    const plan = solveDayExactly({ visits: n, time, cost, ready, due, service, ...(delay ? { delay: (i: number, j: number, depart: number) => delay(points[i] as number, points[j] as number, depart) } : {}) });
    if (plan.ok) {
      const order = plan.value.order.map((node) => stops[node - 1] as DayStop);
      const timed = scheduleOrder(order, travel, true);
      if (timed) return timed;
    }
    // The exact solver starts from home at any time; the forward schedule may still fail on a day
    // whose fixed appointments leave no room: fall through to the insertion order.
  }
  const sorted = [...stops].sort((a, b) => a.due - a.ready - (b.due - b.ready) || a.ready - b.ready || a.key - b.key);
  let order: DayStop[] = [];
  for (const s of sorted) {
    const next = insertCheapest(order, s, travel);
    if (next === null) return null;
    order = next;
  }
  return scheduleOrder(order, travel, false);
}

/**
 * The stops of a day re-planned from minute `from` on (a visit was cancelled at that time, DOMAIN.md:
 * alternative addresses in case a visit falls through): a stop whose planned start lies before
 * `from` has happened and stays where it was (fixed at its planned start); a movable stop after it
 * may start no earlier than `from`. Fixed stops keep their time either way.
 */
export function restOfDay(stops: readonly (DayStop & { readonly plannedStart: number })[], from: number): DayStop[] {
  return stops.map(({ plannedStart, ...stop }) => {
    if (plannedStart < from) return { ...stop, ready: plannedStart, due: plannedStart };
    if (stop.ready < stop.due) return { ...stop, ready: Math.max(stop.ready, from), due: Math.max(stop.due, from) };
    return stop;
  });
}
