// Relinking edits of a RouteState that the local search applies once a move is chosen. They only
// rewire next/prev (and route for swapped nodes); the caller then updates the changed routes.
import type { RouteState } from "./route-state.js";

/** Swaps clients u and v, which are not next to each other. */
export function swapNodes(s: RouteState, u: number, v: number): void {
  const pu = s.prev[u] as number;
  const x = s.next[u] as number;
  const pv = s.prev[v] as number;
  const y = s.next[v] as number;
  const ru = s.route[u] as number;
  s.next[pu] = v;
  s.prev[v] = pu;
  s.next[v] = x;
  s.prev[x] = v;
  s.next[pv] = u;
  s.prev[u] = pv;
  s.next[u] = y;
  s.prev[y] = u;
  s.route[u] = s.route[v] as number;
  s.route[v] = ru;
}

/** Reverses the stretch from first's successor up to `last` (same route, last after first). */
export function reverseAfter(s: RouteState, first: number, last: number): void {
  const x = s.next[first] as number;
  const y = s.next[last] as number;
  let at = x;
  let before = y;
  while (at !== y) {
    const following = s.next[at] as number;
    s.next[at] = before;
    s.prev[before] = at;
    before = at;
    at = following;
  }
  s.next[first] = last;
  s.prev[last] = first;
}

/** 2-opt* between two routes: what followed u now follows v and the other way round. */
export function exchangeTails(s: RouteState, u: number, v: number): void {
  const ru = s.route[u] as number;
  const rv = s.route[v] as number;
  const x = s.next[u] as number;
  const y = s.next[v] as number;
  const endU = s.endDepot(ru);
  const endV = s.endDepot(rv);
  const lastU = s.prev[endU] as number;
  const lastV = s.prev[endV] as number;
  // Tails: x … lastU (empty when x is the end depot) and y … lastV.
  if (y !== endV) {
    s.next[u] = y;
    s.prev[y] = u;
    s.next[lastV] = endU;
    s.prev[endU] = lastV;
  } else {
    s.next[u] = endU;
    s.prev[endU] = u;
  }
  if (x !== endU) {
    s.next[v] = x;
    s.prev[x] = v;
    s.next[lastU] = endV;
    s.prev[endV] = lastU;
  } else {
    s.next[v] = endV;
    s.prev[endV] = v;
  }
}
