// The exact route of one working day with few visits (a rep's day: ≤ 12 stops): Held–Karp dynamic
// programming over subsets with time windows. A label (cost so far, clock after the last service)
// at state (visited set, last visit) survives unless another label there is no costlier and no
// later — waiting is free and the cost does not depend on the clock, so these two numbers decide
// everything that can still happen. With time-dependent delays (rush hour) the earlier label must
// also be cheaper by the minutes it is ahead (see `DayProblem.delay`). Optimal by construction;
// tested against brute force, with and without delays.
import { err, ok, type Result } from "../domain/result.js";

/** Above this many visits the state space (2^n · n labels) is no longer "a day". */
export const MAX_EXACT_VISITS = 15;

export interface DayProblem {
  /** Visits are nodes 1..n, node 0 is home (start and end). */
  readonly visits: number;
  /** (n+1)² row-major travel times, e.g. minutes: time[i * (n + 1) + j] from i to j. */
  readonly time: Float64Array;
  /** (n+1)² row-major cost to minimise (travel time, kilometres …); defaults to `time`. */
  readonly cost?: Float64Array;
  /** Per node: earliest / latest start of the visit; home: earliest departure / latest return. */
  readonly ready: Float64Array;
  readonly due: Float64Array;
  /** Per node: visit duration (0 for home). */
  readonly service: Float64Array;
  /**
   * Extra minutes of the trip i → j when it leaves at `depart` (a rush-hour jam, see
   * peak-traffic.ts), added to its time and to its cost (so use it with a cost in minutes). It must
   * be ≥ 0 and fall no faster than the clock runs — delay(a) − delay(b) ≤ b − a for a ≤ b — so that
   * leaving later never arrives earlier, and a label that is ahead by g minutes can lose at most g
   * minutes of cost on the rest of the day (the dominance rule below relies on it). The trip from
   * home counts as leaving just in time for the first visit's earliest start (`firstLeg`).
   */
  readonly delay?: (from: number, to: number, depart: number) => number;
}

/**
 * The first trip of a day to node j: the rep leaves home just in time to start at j's earliest
 * start (never before home's earliest departure), earlier by the jam when there is one; what the
 * jam adds is returned as `extra`.
 */
export function firstLeg(problem: DayProblem, j: number): { start: number; extra: number } {
  const base = problem.time[j] as number;
  const ready0 = problem.ready[0] as number;
  const readyJ = problem.ready[j] as number;
  const extra = problem.delay ? problem.delay(0, j, Math.max(ready0, readyJ - base)) : 0;
  return { start: Math.max(ready0 + base + extra, readyJ), extra };
}

export interface DayPlan {
  /** Visits in order (node numbers 1..n). */
  readonly order: number[];
  readonly cost: number;
  /** Departure from home: the latest that keeps every window (no needless waiting at a visit). */
  readonly departure: number;
  /** Per stop in `order`: arrival and start of the visit. */
  readonly arrivals: number[];
  readonly starts: number[];
  readonly returnTime: number;
}

export type DayProblemError = { readonly code: "too_many_visits"; readonly visits: number } | { readonly code: "no_feasible_order" };

export function solveDayExactly(problem: DayProblem): Result<DayPlan, DayProblemError> {
  const n = problem.visits;
  if (n > MAX_EXACT_VISITS) return err({ code: "too_many_visits", visits: n } as const);
  const size = n + 1;
  const { time, ready, due, service } = problem;
  const cost = problem.cost ?? time;
  if (n === 0) {
    return ok({ order: [], cost: 0, departure: ready[0] as number, arrivals: [], starts: [], returnTime: ready[0] as number });
  }
  // Labels live in a growing pool of typed arrays; the labels of state (mask, last) form a linked
  // list from head[mask * n + last - 1] through nextLabel (−1 ends it, dead labels are unlinked).
  let capacity = 1024;
  let labelCost = new Float64Array(capacity);
  let labelClock = new Float64Array(capacity);
  let labelParent = new Int32Array(capacity);
  let labelNode = new Int32Array(capacity);
  let nextLabel = new Int32Array(capacity);
  let labels = 0;
  const full = (1 << n) - 1;
  const head = new Int32Array((full + 1) * n).fill(-1);
  const grow = (): void => {
    capacity *= 2;
    const more = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (length: number) => T)(capacity);
      b.set(a);
      return b;
    };
    labelCost = more(labelCost);
    labelClock = more(labelClock);
    labelParent = more(labelParent);
    labelNode = more(labelNode);
    nextLabel = more(nextLabel);
  };
  // Without delays a label no costlier and no later dominates. With delays the earlier label may
  // still meet a jam the later one misses, but it loses at most the minutes it is ahead (see
  // `delay`), so it dominates only when it is cheaper by at least that much.
  const delay = problem.delay;
  const slack = delay ? 1 : 0;
  const offer = (mask: number, last: number, c: number, clock: number, parent: number): void => {
    const key = mask * n + (last - 1);
    let before = -1;
    for (let l = head[key] as number; l >= 0; l = nextLabel[l] as number) {
      const lc = labelCost[l] as number;
      const lt = labelClock[l] as number;
      if (lt <= clock && lc + slack * (clock - lt) <= c) return;
      if (clock <= lt && c + slack * (lt - clock) <= lc) {
        // Dominated by the new label: unlink it.
        if (before < 0) head[key] = nextLabel[l] as number;
        else nextLabel[before] = nextLabel[l] as number;
      } else {
        before = l;
      }
    }
    if (labels === capacity) grow();
    labelCost[labels] = c;
    labelClock[labels] = clock;
    labelParent[labels] = parent;
    labelNode[labels] = last;
    nextLabel[labels] = head[key] as number;
    head[key] = labels++;
  };
  // With travel times that obey the triangle inequality, a label from which some remaining visit
  // can no longer be reached in time is dead: no detour reaches it earlier.
  const metric = obeysTriangleInequality(time, size);
  const hopeless = (mask: number, at: number, clock: number): boolean => {
    if (!metric) return false;
    for (let j = 1; j <= n; j++) if (!(mask & (1 << (j - 1))) && clock + (time[at * size + j] as number) > (due[j] as number)) return true;
    return clock + (time[at * size] as number) > (due[0] as number);
  };
  for (let j = 1; j <= n; j++) {
    const { start, extra } = firstLeg(problem, j);
    if (start <= (due[j] as number)) offer(1 << (j - 1), j, (cost[j] as number) + extra, start + (service[j] as number), -1);
  }
  for (let mask = 1; mask < full; mask++) {
    for (let last = 1; last <= n; last++) {
      for (let label = head[mask * n + (last - 1)] as number; label >= 0; label = nextLabel[label] as number) {
        const c = labelCost[label] as number;
        const clock = labelClock[label] as number;
        if (hopeless(mask, last, clock)) continue;
        const row = last * size;
        for (let j = 1; j <= n; j++) {
          const bit = 1 << (j - 1);
          if (mask & bit) continue;
          const extra = delay ? delay(last, j, clock) : 0;
          const start = Math.max(clock + (time[row + j] as number) + extra, ready[j] as number);
          if (start > (due[j] as number)) continue;
          offer(mask | bit, j, c + (cost[row + j] as number) + extra, start + (service[j] as number), label);
        }
      }
    }
  }
  let best = -1;
  let bestCost = Number.POSITIVE_INFINITY;
  let bestReturn = Number.POSITIVE_INFINITY;
  for (let last = 1; last <= n; last++) {
    for (let label = head[full * n + (last - 1)] as number; label >= 0; label = nextLabel[label] as number) {
      const clock = labelClock[label] as number;
      const extra = delay ? delay(last, 0, clock) : 0;
      const back = clock + (time[last * size] as number) + extra;
      if (back > (due[0] as number)) continue;
      const total = (labelCost[label] as number) + (cost[last * size] as number) + extra;
      if (total < bestCost || (total === bestCost && back < bestReturn)) {
        best = label;
        bestCost = total;
        bestReturn = back;
      }
    }
  }
  if (best < 0) return err({ code: "no_feasible_order" } as const);
  const order: number[] = [];
  for (let label = best; label >= 0; label = labelParent[label] as number) order.push(labelNode[label] as number);
  order.reverse();
  return ok({ ...(delay ? scheduleForward(problem, order) : schedule(problem, order)), order, cost: bestCost });
}

function obeysTriangleInequality(time: Float64Array, size: number): boolean {
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++)
      for (let k = 0; k < size; k++) if ((time[i * size + j] as number) > (time[i * size + k] as number) + (time[k * size + j] as number) + 1e-9) return false;
  return true;
}

/** Times of a feasible order when leaving home as late as the windows allow. */
function schedule(problem: DayProblem, order: readonly number[]): Omit<DayPlan, "order" | "cost"> {
  const size = problem.visits + 1;
  const { time, ready, due, service } = problem;
  // Latest start of each stop that still lets every later stop and the return be on time.
  let latest = due[0] as number;
  let after = 0;
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k] as number;
    latest = Math.min(due[node] as number, latest - (time[node * size + after] as number) - (service[node] as number));
    after = node;
  }
  const departure = Math.max(ready[0] as number, latest - (time[after] as number));
  const arrivals: number[] = [];
  const starts: number[] = [];
  let clock = departure;
  let at = 0;
  for (const node of order) {
    const arrival = clock + (time[at * size + node] as number);
    const start = Math.max(arrival, ready[node] as number);
    arrivals.push(arrival);
    starts.push(start);
    clock = start + (service[node] as number);
    at = node;
  }
  return { departure, arrivals, starts, returnTime: clock + (time[at * size] as number) };
}

/** Times of a feasible order with delays: the first visit at its earliest start, the rest as early as they can. */
function scheduleForward(problem: DayProblem, order: readonly number[]): Omit<DayPlan, "order" | "cost"> {
  const size = problem.visits + 1;
  const { time, ready, service } = problem;
  const delay = problem.delay ?? (() => 0);
  const first = order[0] as number;
  const leg = firstLeg(problem, first);
  const departure = leg.start - (time[first] as number) - leg.extra;
  const arrivals: number[] = [leg.start];
  const starts: number[] = [leg.start];
  let clock = leg.start + (service[first] as number);
  let at = first;
  for (const node of order.slice(1)) {
    const arrival = clock + (time[at * size + node] as number) + delay(at, node, clock);
    const start = Math.max(arrival, ready[node] as number);
    arrivals.push(arrival);
    starts.push(start);
    clock = start + (service[node] as number);
    at = node;
  }
  return { departure, arrivals, starts, returnTime: clock + (time[at * size] as number) + delay(at, 0, clock) };
}
