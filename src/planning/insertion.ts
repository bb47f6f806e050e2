// Cheapest insertion of one client into a RouteState, used by recreate steps and constructions.
import type { RouteState } from "./route-state.js";
import type { Segment } from "./segment.js";

/** Where a client goes: penalised cost increase and the node to insert it after. */
export interface Insertion {
  cost: number;
  after: number;
}

/**
 * Cheapest penalised insertion of client u over every position of every route (one empty route
 * included). With `skip` > 0 each position is ignored with that probability: the "blinks" of SISR
 * (Christiaens & Vanden Berghe), a little noise that lets recreate build different solutions.
 */
export function bestInsertion(state: RouteState, seg: Segment, u: number, out: Insertion, skip = 0, random?: () => number): Insertion {
  const s = state;
  const dist = s.model.distance;
  const size = s.size;
  out.cost = Number.POSITIVE_INFINITY;
  out.after = -1;
  let triedEmpty = false;
  for (let r = 0; r < s.slots; r++) {
    if (s.routeSize[r] === 0) {
      if (triedEmpty) continue;
      triedEmpty = true;
    }
    const end = s.endDepot(r);
    const base = s.routeCost[r] as number;
    for (let p = s.startDepot(r); p !== end; p = s.next[p] as number) {
      const q = s.next[p] as number;
      const lp = p <= s.n ? p : 0;
      const lq = q <= s.n ? q : 0;
      // Inserting never lowers time warp or load, so the detour alone bounds the cost increase.
      const detour = (dist[lp * size + u] as number) + (dist[u * size + lq] as number) - (dist[lp * size + lq] as number);
      if (detour >= out.cost) continue;
      if (skip > 0 && random !== undefined && random() < skip) continue;
      const cost = seg.prefix(p).add(u).suffixCost(q) - base;
      if (cost < out.cost) {
        out.cost = cost;
        out.after = p;
      }
    }
  }
  // Every position blinked: take the plain cheapest one.
  if (out.after < 0 && skip > 0) return bestInsertion(state, seg, u, out);
  return out;
}
