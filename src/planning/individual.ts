// One solution in the genetic search: its routes, its giant tour (the routes concatenated in the
// angular order of their centres around the depot, the chromosome that crossover works on), and the
// successor/predecessor of every client for the broken-pairs distance.
import type { Penalties } from "./route-state.js";
import type { RoutingModel } from "./routing-model.js";

export interface Individual {
  readonly routes: readonly (readonly number[])[];
  readonly tour: Int32Array;
  /** succ[i] / pred[i]: client after / before client i in its route, 0 at either end. */
  readonly succ: Int32Array;
  readonly pred: Int32Array;
  readonly distance: number;
  readonly timeWarp: number;
  readonly excessLoad: number;
  readonly feasible: boolean;
  /** Penalised cost under the penalties last applied (see reprice). */
  cost: number;
  /** Others in the same subpopulation by increasing broken-pairs distance. */
  readonly close: { distance: number; other: Individual }[];
  biasedFitness: number;
}

/** Violations below this are rounding noise of double-precision sums. */
const FEASIBLE = 1e-9;

export function makeIndividual(model: RoutingModel, routes: readonly (readonly number[])[], penalties: Penalties): Individual {
  const size = model.n + 1;
  const { distance, time, demand, ready, due, service, capacity } = model;
  const nonEmpty = routes.filter((r) => r.length > 0);
  const angle = (route: readonly number[]) => {
    let sx = 0;
    let sy = 0;
    for (const c of route) {
      sx += (model.x[c] as number) - (model.x[0] as number);
      sy += (model.y[c] as number) - (model.y[0] as number);
    }
    return Math.atan2(sy, sx);
  };
  const angles = new Map(nonEmpty.map((r) => [r, angle(r)]));
  nonEmpty.sort((a, b) => (angles.get(a) as number) - (angles.get(b) as number));
  const tour = new Int32Array(model.n);
  const succ = new Int32Array(size);
  const pred = new Int32Array(size);
  let k = 0;
  let totalDistance = 0;
  let totalWarp = 0;
  let totalExcess = 0;
  for (const route of nonEmpty) {
    // Forward simulation (earliest departure, wait when early, time warp when late).
    let clock = ready[0] as number;
    let last = 0;
    let load = 0;
    for (let p = 0; p < route.length; p++) {
      const c = route[p] as number;
      tour[k++] = c;
      pred[c] = p > 0 ? (route[p - 1] as number) : 0;
      succ[c] = p + 1 < route.length ? (route[p + 1] as number) : 0;
      totalDistance += distance[last * size + c] as number;
      clock = Math.max(clock + (time[last * size + c] as number), ready[c] as number);
      if (clock > (due[c] as number)) {
        totalWarp += clock - (due[c] as number);
        clock = due[c] as number;
      }
      clock += service[c] as number;
      load += demand[c] as number;
      last = c;
    }
    totalDistance += distance[last * size] as number;
    clock += time[last * size] as number;
    if (clock > (due[0] as number)) totalWarp += clock - (due[0] as number);
    totalExcess += Math.max(0, load - capacity);
  }
  const individual: Individual = {
    routes: nonEmpty,
    tour: k === model.n ? tour : tour.slice(0, k),
    succ,
    pred,
    distance: totalDistance,
    timeWarp: totalWarp,
    excessLoad: totalExcess,
    feasible: totalWarp <= FEASIBLE && totalExcess <= FEASIBLE,
    cost: 0,
    close: [],
    biasedFitness: 0,
  };
  reprice(individual, penalties);
  return individual;
}

export function reprice(individual: Individual, penalties: Penalties): void {
  individual.cost = individual.distance + penalties.timeWarp * individual.timeWarp + penalties.load * individual.excessLoad;
}

/** Share of clients whose neighbours differ between the two solutions (0 = same edges, 1 = none shared). */
export function brokenPairsDistance(a: Individual, b: Individual): number {
  let differences = 0;
  const n = a.succ.length - 1;
  for (let i = 1; i <= n; i++) {
    const s = a.succ[i] as number;
    if (s !== b.succ[i] && s !== b.pred[i]) differences++;
    if (a.pred[i] === 0 && b.pred[i] !== 0 && b.succ[i] !== 0) differences++;
  }
  return differences / Math.max(1, n);
}
