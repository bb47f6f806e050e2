// The reference the exact day solver is checked against: depth-first enumeration of every visiting
// order, cutting a branch only when a window is already missed or it already costs at least the
// best complete order (neither cut can lose an optimum). Exponential; for tests and benchmarks.
import { type DayProblem, firstLeg } from "./exact-day.js";

/** Lowest cost over all feasible orders, or Infinity when none is feasible. */
export function exhaustiveDayCost(problem: DayProblem): number {
  const n = problem.visits;
  const size = n + 1;
  const { time, ready, due, service } = problem;
  const cost = problem.cost ?? time;
  let best = Number.POSITIVE_INFINITY;
  const used = new Uint8Array(size);
  const delay = problem.delay ?? (() => 0);
  const visit = (at: number, clock: number, spent: number, depth: number): void => {
    if (spent >= best) return;
    if (depth === n) {
      const extra = delay(at, 0, clock);
      if (clock + (time[at * size] as number) + extra <= (due[0] as number)) best = Math.min(best, spent + (cost[at * size] as number) + extra);
      return;
    }
    for (let j = 1; j <= n; j++) {
      if (used[j]) continue;
      const leg = depth === 0 ? firstLeg(problem, j) : null;
      const extra = leg ? leg.extra : delay(at, j, clock);
      const start = leg ? leg.start : Math.max(clock + (time[at * size + j] as number) + extra, ready[j] as number);
      if (start > (due[j] as number)) continue;
      used[j] = 1;
      visit(j, start + (service[j] as number), spent + (cost[at * size + j] as number) + extra, depth + 1);
      used[j] = 0;
    }
  };
  visit(0, ready[0] as number, 0, 0);
  return best;
}
