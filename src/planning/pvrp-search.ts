// Periodic planning search: every customer gets one of its allowed day combinations and a place in
// the routes of those days; then ruin and recreate across days with simulated annealing.
//
//   construction  customers with the fewest options and the most visits first; each takes the
//                 combination whose days give the cheapest sum of insertion costs.
//   ruin          a seed customer and its nearest neighbours (in space) leave all their days
//                 (up to n/4 customers, at most 20).
//   recreate      in random, demand or distance order, each chooses its combination again by the
//                 summed insertion cost, with SISR "blinks" (each position skipped with a small
//                 probability), so combinations change as freely as positions; half of the
//                 time the first one back takes a random combination (a cluster shift).
//   descent       the granular local search (with SWAP*) on every day that changed.
//   acceptance    simulated annealing on the penalised cost; the temperature falls geometrically
//                 over the time (or iteration) budget, from 3 average arcs to 1.5 % of one.
// Capacity and duration excesses are penalised during the search (weights adapt to the share of
// infeasible candidates); only feasible plans are kept as the best.
import type { PvrpInstance } from "./instance.js";
import type { Insertion } from "./insertion.js";
import { DaySearch, dayModel } from "./pvrp-days.js";
import { createRandom, type Random, shuffle } from "./random.js";
import type { Penalties } from "./route-state.js";
import { granularNeighbours } from "./routing-model.js";
import type { SearchLimits } from "./genetic-search.js";

export interface PvrpSearchResult {
  /** days[d]: the routes of day d + 1 (non-empty ones), client indices. */
  readonly days: number[][][];
  readonly feasible: boolean;
  readonly iterations: number;
}

const FEASIBLE = 1e-9;

export interface PvrpParameters {
  /** Granular neighbours per customer in the day searches. */
  granular: number;
  /** Most customers removed by one ruin: this share of n, between 4 and maxRemoved. */
  removedShare: number;
  maxRemoved: number;
  /** Start and end temperature as shares of the average arc of the construction. */
  hot: number;
  cold: number;
  /** Penalty factors after an infeasible / a feasible candidate. */
  penaltyUp: number;
  penaltyDown: number;
  /** Share of recreates whose first customer takes a random allowed combination. */
  clusterShift: number;
}

export const DEFAULT_PVRP_PARAMETERS: PvrpParameters = {
  granular: 40,
  removedShare: 0.25,
  maxRemoved: 20,
  hot: 3,
  cold: 0.015,
  penaltyUp: 1.05,
  penaltyDown: 0.99,
  clusterShift: 0.5,
};

interface Totals {
  distance: number;
  timeWarp: number;
  excessLoad: number;
}

export function pvrpSearch(
  instance: PvrpInstance,
  seed: number,
  limits: SearchLimits & { constructionOnly?: boolean },
  parameters: PvrpParameters = DEFAULT_PVRP_PARAMETERS,
): PvrpSearchResult {
  const started = limits.now();
  const random = createRandom(seed);
  const n = instance.x.length - 1;
  const T = instance.days;
  const models = Array.from({ length: T }, (_, d) => dayModel(instance, d));
  const neighbours = granularNeighbours(models[0] as (typeof models)[0], parameters.granular);
  const days = models.map((m) => new DaySearch(m, neighbours, random.nextUint32()));
  const penalties: Penalties = initialPenalties(instance);
  for (const day of days) day.state.load([]);
  const assign = new Int32Array(n + 1);
  const insertions: Insertion[] = Array.from({ length: T }, () => ({ cost: 0, after: -1 }));
  const nearest = spatialOrder(instance);

  /** Puts c on the days of its cheapest combination, or of a random one when `anyCombination`. */
  const place = (c: number, skip: number, anyCombination = false): void => {
    for (let d = 0; d < T; d++) (days[d] as DaySearch).bestInsertion(c, insertions[d] as Insertion, skip, random.next);
    const combinations = instance.combinations[c] as readonly number[];
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    if (anyCombination) best = combinations[random.int(combinations.length)] as number;
    else {
      for (const mask of combinations) {
        let cost = 0;
        for (let d = 0; d < T; d++) if ((mask >>> d) & 1) cost += (insertions[d] as Insertion).cost;
        if (cost < bestCost) {
          bestCost = cost;
          best = mask;
        }
      }
    }
    assign[c] = best;
    for (let d = 0; d < T; d++) if ((best >>> d) & 1) (days[d] as DaySearch).state.insert(c, (insertions[d] as Insertion).after);
  };
  const unplace = (c: number): void => {
    for (let d = 0; d < T; d++) if (((assign[c] as number) >>> d) & 1) (days[d] as DaySearch).state.remove(c);
    assign[c] = 0;
  };
  const totals = (): Totals => {
    const t = { distance: 0, timeWarp: 0, excessLoad: 0 };
    for (const day of days) {
      const x = day.state.totals();
      t.distance += x.distance;
      t.timeWarp += x.timeWarp;
      t.excessLoad += x.excessLoad;
    }
    return t;
  };
  const priced = (t: Totals) => t.distance + penalties.timeWarp * t.timeWarp + penalties.load * t.excessLoad;
  const feasible = (t: Totals) => t.timeWarp <= FEASIBLE && t.excessLoad <= FEASIBLE;
  const snapshot = () => days.map((day) => day.state.routes());
  const descend = (changed: number): void => {
    for (let d = 0; d < T; d++) if ((changed >>> d) & 1) (days[d] as DaySearch).search.run(penalties, true, true);
  };

  // Construction: hardest customers first.
  const order = Array.from({ length: n }, (_, k) => k + 1);
  order.sort((a, b) => (instance.combinations[a] as readonly number[]).length - (instance.combinations[b] as readonly number[]).length || (instance.frequency[b] as number) - (instance.frequency[a] as number) || (instance.demand[b] as number) - (instance.demand[a] as number) || a - b);
  // Construction under steep penalties, so that it stays feasible where it can; the descent that
  // follows is part of the construction (a time limit of 0 still gets it).
  const steep: Penalties = { load: penalties.load * 1000, timeWarp: penalties.timeWarp * 1000 };
  for (const day of days) day.setPenalties(steep);
  for (const c of order) place(c, 0);
  for (const day of days) day.search.run(steep);
  for (const day of days) day.setPenalties(penalties);
  if (!limits.constructionOnly) for (const day of days) day.search.run(penalties);

  let current = totals();
  let currentRoutes = snapshot();
  let currentAssign = assign.slice();
  let best = feasible(current) ? { routes: currentRoutes, distance: current.distance } : undefined;
  let fallback = { routes: currentRoutes, cost: priced(current) };
  let iterations = 0;
  const visits = instance.frequency.reduce((a, b) => a + b, 0);
  const arc = current.distance / Math.max(1, visits);
  const hot = parameters.hot * arc;
  const cold = parameters.cold * arc;
  const maxRemoved = Math.max(4, Math.min(parameters.maxRemoved, Math.round(n * parameters.removedShare)));
  const removed: number[] = [];

  const outOfTime = () => limits.constructionOnly === true || limits.now() - started >= limits.timeLimitMs;
  while (!outOfTime() && (limits.maxIterations === undefined || iterations < limits.maxIterations)) {
    iterations++;
    const progress = Math.min(1, Math.max((limits.now() - started) / Math.max(1, limits.timeLimitMs), limits.maxIterations === undefined ? 0 : iterations / limits.maxIterations));
    const temperature = hot * (cold / hot) ** progress;

    // Ruin: a seed and its nearest customers.
    const seedCustomer = 1 + random.int(n);
    const count = 2 + random.int(maxRemoved - 1);
    removed.length = 0;
    const around = nearest[seedCustomer] as Int32Array;
    removed.push(seedCustomer);
    for (let k = 0; k < around.length && removed.length < count; k++) if (random.next() < 0.8) removed.push(around[k] as number);
    let changed = 0;
    for (const c of removed) {
      changed |= assign[c] as number;
      unplace(c);
    }
    // Recreate. Half of the time the first customer back takes a random combination: its
    // neighbours then tend to follow it, so a whole cluster can move to other days.
    sortForRecreate(removed, instance, random);
    const shift = random.next() < parameters.clusterShift;
    for (let k = 0; k < removed.length; k++) {
      const c = removed[k] as number;
      place(c, 0.01, shift && k === 0);
      changed |= assign[c] as number;
    }
    descend(changed);

    const candidate = totals();
    const delta = priced(candidate) - priced(current);
    if (delta < -FEASIBLE || random.next() < Math.exp(-delta / temperature)) {
      current = candidate;
      currentRoutes = snapshot();
      currentAssign = assign.slice();
      if (feasible(candidate) && (best === undefined || candidate.distance < best.distance - FEASIBLE)) best = { routes: currentRoutes, distance: candidate.distance };
      if (priced(candidate) < fallback.cost) fallback = { routes: currentRoutes, cost: priced(candidate) };
    } else {
      for (let d = 0; d < T; d++) if ((changed >>> d) & 1) (days[d] as DaySearch).state.load(currentRoutes[d] as number[][]);
      assign.set(currentAssign);
    }
    // Penalties follow the candidates: infeasible ones make violations dearer, feasible ones cheaper.
    const before = { ...penalties };
    penalties.load = Math.min(1e5, Math.max(0.01, penalties.load * (candidate.excessLoad > FEASIBLE ? parameters.penaltyUp : parameters.penaltyDown)));
    penalties.timeWarp = Math.min(1e5, Math.max(0.01, penalties.timeWarp * (candidate.timeWarp > FEASIBLE ? parameters.penaltyUp : parameters.penaltyDown)));
    if (before.load !== penalties.load || before.timeWarp !== penalties.timeWarp) for (const day of days) day.setPenalties(penalties);
  }
  const routes = best?.routes ?? fallback.routes;
  return { days: routes.map((day) => day.filter((r) => r.length > 0)), feasible: best !== undefined, iterations };
}

function initialPenalties(instance: PvrpInstance): Penalties {
  let maxDistance = 0;
  let maxDemand = 0;
  for (const d of instance.distance) if (d > maxDistance) maxDistance = d;
  for (const q of instance.demand) if (q > maxDemand) maxDemand = q;
  return { load: Math.max(0.1, Math.min(1000, maxDistance / Math.max(1e-9, maxDemand))), timeWarp: 1 };
}

/** nearest[i]: the other customers by increasing distance from customer i. */
function spatialOrder(instance: PvrpInstance): Int32Array[] {
  const size = instance.x.length;
  const out: Int32Array[] = [new Int32Array(0)];
  for (let i = 1; i < size; i++) {
    const others = Array.from({ length: size - 1 }, (_, k) => k + 1).filter((j) => j !== i);
    others.sort((a, b) => (instance.distance[i * size + a] as number) - (instance.distance[i * size + b] as number) || a - b);
    out.push(Int32Array.from(others));
  }
  return out;
}

/** SISR's recreate orders: random, largest demand first, farthest from the depot first, closest first. */
function sortForRecreate(removed: number[], instance: PvrpInstance, random: Random): void {
  const pick = random.int(10);
  if (pick < 4) shuffle(removed, random);
  else if (pick < 8) removed.sort((a, b) => (instance.demand[b] as number) * (instance.frequency[b] as number) - (instance.demand[a] as number) * (instance.frequency[a] as number) || a - b);
  else if (pick < 9) removed.sort((a, b) => (instance.distance[b] as number) - (instance.distance[a] as number) || a - b);
  else removed.sort((a, b) => (instance.distance[a] as number) - (instance.distance[b] as number) || a - b);
}
