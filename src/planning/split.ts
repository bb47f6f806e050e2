// Split (Prins 2004; Vidal 2016): the optimal cutting of a giant tour (a permutation of the
// clients) into consecutive routes, by shortest path over "route from tour[i] to tour[j-1]" arcs,
// priced with the same penalties as the search (time warp, excess load). Arcs stop growing at 1.5 ×
// capacity of load. When the best cutting needs more routes than the fleet has, a second pass
// bounds the number of routes (Bellman–Ford by route count).
import type { Penalties } from "./route-state.js";
import type { RoutingModel } from "./routing-model.js";

/** Routes of the giant tour; at most `maxRoutes` of them. */
export function split(model: RoutingModel, tour: Int32Array, penalties: Penalties, maxRoutes: number): number[][] {
  const n = tour.length;
  const arcs = buildArcs(model, tour, penalties);
  // cost[j]: best cost of the first j clients; from[j]: where the last route starts.
  const cost = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(n + 1);
  const count = new Int32Array(n + 1);
  cost[0] = 0;
  for (let i = 0; i < n; i++) {
    const base = cost[i] as number;
    if (base === Number.POSITIVE_INFINITY) continue;
    const ends = arcs.ends[i] as number;
    for (let j = i + 1; j <= ends; j++) {
      const c = base + (arcs.cost[i]?.[j - i - 1] as number);
      if (c < (cost[j] as number)) {
        cost[j] = c;
        from[j] = i;
        count[j] = (count[i] as number) + 1;
      }
    }
  }
  if ((count[n] as number) <= maxRoutes) return cut(tour, from);
  // Bounded: layer k holds the best cost of the first j clients in exactly k routes.
  let layer = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  layer[0] = 0;
  const fromByLayer: Int32Array[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestK = 0;
  for (let k = 1; k <= maxRoutes; k++) {
    const nextLayer = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
    const back = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const base = layer[i] as number;
      if (base === Number.POSITIVE_INFINITY) continue;
      const ends = arcs.ends[i] as number;
      for (let j = i + 1; j <= ends; j++) {
        const c = base + (arcs.cost[i]?.[j - i - 1] as number);
        if (c < (nextLayer[j] as number)) {
          nextLayer[j] = c;
          back[j] = i;
        }
      }
    }
    fromByLayer.push(back);
    if ((nextLayer[n] as number) < best) {
      best = nextLayer[n] as number;
      bestK = k;
    }
    layer = nextLayer;
  }
  if (bestK === 0) {
    // Even the longest arcs cannot cover the tour in maxRoutes routes: one route per tour stretch.
    const per = Math.ceil(n / maxRoutes);
    const routes: number[][] = [];
    for (let i = 0; i < n; i += per) routes.push(Array.from(tour.subarray(i, Math.min(n, i + per))));
    return routes;
  }
  const routes: number[][] = [];
  let j = n;
  for (let k = bestK; k >= 1; k--) {
    const i = (fromByLayer[k - 1] as Int32Array)[j] as number;
    routes.push(Array.from(tour.subarray(i, j)));
    j = i;
  }
  return routes.reverse();
}

function cut(tour: Int32Array, from: Int32Array): number[][] {
  const routes: number[][] = [];
  for (let j = tour.length; j > 0; j = from[j] as number) routes.push(Array.from(tour.subarray(from[j] as number, j)));
  return routes.reverse();
}

/** cost[i][k]: penalised cost of one route visiting tour[i..i+k]; ends[i]: last j with an arc i → j. */
function buildArcs(model: RoutingModel, tour: Int32Array, penalties: Penalties): { cost: Float64Array[]; ends: Int32Array } {
  const n = tour.length;
  const size = model.n + 1;
  const { distance, time, demand, ready, due, service, capacity } = model;
  const cost: Float64Array[] = [];
  const ends = new Int32Array(n);
  const scratch = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Segment data (see route-state.ts) of depot → tour[i] → … → tour[j].
    let d = 0;
    let tw = 0;
    let e = ready[0] as number;
    let l = due[0] as number;
    let q = 0;
    let c = 0;
    let last = 0;
    let k = 0;
    for (let j = i; j < n; j++) {
      const node = tour[j] as number;
      const t = time[last * size + node] as number;
      const delta = d - tw + t;
      const wait = Math.max((ready[node] as number) - delta - l, 0);
      const warp = Math.max(e + delta - (due[node] as number), 0);
      d += (service[node] as number) + t + wait;
      tw += warp;
      const ne = Math.max((ready[node] as number) - delta, e) - wait;
      l = Math.min((due[node] as number) - delta, l) + warp;
      e = ne;
      q += demand[node] as number;
      c += distance[last * size + node] as number;
      last = node;
      if (q > 1.5 * capacity && j > i) break;
      // Close at the depot: arrival must not pass its closing time.
      const back = time[last * size] as number;
      const endWarp = Math.max(e + (d - tw + back) - (due[0] as number), 0);
      const excess = q - capacity;
      scratch[k++] = c + (distance[last * size] as number) + penalties.timeWarp * (tw + endWarp) + (excess > 0 ? penalties.load * excess : 0);
    }
    cost.push(scratch.slice(0, k));
    ends[i] = i + k;
  }
  return { cost, ends };
}
