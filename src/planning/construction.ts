// A quick feasible start (and the answer for a time limit of 0): routes are filled one at a time,
// Solomon I1 style. A route opens with the unrouted client farthest from the depot; then the
// client whose cheapest feasible insertion (detour d(i,u) + d(u,j) − d(i,j)) minus its distance
// from the depot is lowest joins it, until no client fits. Clients left when the fleet is used up
// go to their least-penalised position, so the result can then be infeasible (the caller's
// validator says so).
import { RouteState } from "./route-state.js";
import { Segment } from "./segment.js";
import type { RoutingModel } from "./routing-model.js";

/** Capacity and time-window violations are "infeasible" above this (sums of square roots). */
const FEASIBLE = 1e-9;

export function constructRoutes(model: RoutingModel, clients: readonly number[] = range(model.n)): number[][] {
  const state = new RouteState(model);
  state.load([]);
  state.penalties = { timeWarp: 1000, load: 1000 };
  const seg = new Segment(state);
  const unrouted = new Set(clients);
  for (let r = 0; r < state.slots && unrouted.size > 0; r++) {
    let seed = -1;
    for (const u of unrouted) if (seed < 0 || (model.distance[u] as number) > (model.distance[seed] as number)) seed = u;
    state.insert(seed, state.startDepot(r));
    unrouted.delete(seed);
    for (;;) {
      let best = -1;
      let bestAfter = -1;
      let bestScore = Number.POSITIVE_INFINITY;
      const end = state.endDepot(r);
      for (const u of unrouted) {
        if ((state.fQ[end] as number) + (model.demand[u] as number) > model.capacity + FEASIBLE) continue;
        for (let p = state.startDepot(r); p !== end; p = state.next[p] as number) {
          const q = state.next[p] as number;
          seg.prefix(p).add(u).close(q);
          if (seg.tw > FEASIBLE) continue;
          const detour = seg.c - (state.fC[end] as number);
          const score = detour - (model.distance[u] as number);
          if (score < bestScore) {
            bestScore = score;
            best = u;
            bestAfter = p;
          }
        }
      }
      if (best < 0) break;
      state.insert(best, bestAfter);
      unrouted.delete(best);
    }
  }
  // Fleet used up: cheapest penalised insertion anywhere.
  for (const u of unrouted) {
    let bestAfter = -1;
    let bestDelta = Number.POSITIVE_INFINITY;
    for (let r = 0; r < state.slots; r++) {
      const end = state.endDepot(r);
      for (let p = state.startDepot(r); p !== end; p = state.next[p] as number) {
        const delta = seg.prefix(p).add(u).suffixCost(state.next[p] as number) - (state.routeCost[r] as number);
        if (delta < bestDelta) {
          bestDelta = delta;
          bestAfter = p;
        }
      }
    }
    state.insert(u, bestAfter);
  }
  return state.routes().filter((route) => route.length > 0);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
