// Hybrid genetic search for routing with time windows (after Vidal et al. 2013, 2022): parents
// by binary tournament, ordered crossover (OX) on giant tours, Split into routes, then the granular
// local search as education. A share of the offspring is made instead by SISR ruin and recreate of
// one parent (Christiaens & Vanden Berghe 2020): with a few thousand offspring in a 5-second
// budget, crossover of a converging population alone stalls. Time-window and capacity violations are allowed during the search and
// paid for with penalties that adapt so that about `targetFeasible` of the educated offspring are
// feasible; an infeasible offspring is, half of the time, repaired by a second descent with ten
// times the penalties. Stops at the time limit (anytime) or after `maxIterations` offspring.
import { constructRoutes } from "./construction.js";
import { type Individual, makeIndividual } from "./individual.js";
import { LocalSearch } from "./local-search.js";
import { Subpopulation, selectParent } from "./population.js";
import { createRandom, type Random, shuffle } from "./random.js";
import type { Penalties } from "./route-state.js";
import { granularNeighbours, type RoutingModel } from "./routing-model.js";
import { split } from "./split.js";
import { clientsByDistance, StringRemoval } from "./string-removal.js";

export interface SearchLimits {
  /** Wall-clock budget in milliseconds, measured with `now`. */
  readonly timeLimitMs: number;
  /** Milliseconds from any fixed origin (injected: the search reads no clock itself). */
  readonly now: () => number;
  /** Offspring limit; with it and an ample time limit a run is the same on every machine. */
  readonly maxIterations?: number;
}

export interface SearchParameters {
  /** Neighbours per client in the local search. */
  granular: number;
  /** Subpopulation size after survivor selection, and offspring added before it runs. */
  mu: number;
  lambda: number;
  /** Individuals protected by cost rank in the biased fitness; neighbours averaged for diversity. */
  elite: number;
  close: number;
  /** Share of educated offspring that should meet each constraint (load, time). */
  targetFeasible: number;
  /** Offspring without a new best before the population restarts. */
  restartAfter: number;
  /** Share of offspring made by ruin and recreate (SISR) of one parent instead of crossover. */
  mutation: number;
}

export const DEFAULT_PARAMETERS: SearchParameters = {
  granular: 40,
  mu: 12,
  lambda: 20,
  elite: 4,
  close: 5,
  targetFeasible: 0.2,
  restartAfter: 20_000,
  mutation: 0.3,
};

export interface SearchResult {
  /** Best feasible solution found, else the least-penalised one. */
  readonly routes: number[][];
  readonly feasible: boolean;
  readonly iterations: number;
  /** Iteration at which the returned solution was found (0 = initial population). */
  readonly bestIteration: number;
}

export function geneticSearch(model: RoutingModel, seed: number, limits: SearchLimits, parameters: SearchParameters = DEFAULT_PARAMETERS): SearchResult {
  const started = limits.now();
  const outOfTime = () => limits.now() - started >= limits.timeLimitMs;
  const random = createRandom(seed);
  const neighbours = granularNeighbours(model, parameters.granular);
  const search = new LocalSearch(model, neighbours, random.nextUint32());
  const ruin = new StringRemoval(search.state, clientsByDistance(model.distance, model.n), random);
  const penalties = initialPenalties(model);
  const feasible = new Subpopulation(parameters);
  const infeasible = new Subpopulation(parameters);
  let best: Individual | undefined;
  let bestAny: Individual | undefined;
  let iterations = 0;
  let bestIteration = 0;
  let sinceImprovement = 0;
  // Outcomes of the last offspring, for the penalty adaptation: was load / time feasible?
  let loadOk = 0;
  let timeOk = 0;
  let sampled = 0;

  /** Local search from `routes`, or from a ruined and recreated `routes` when `mutate`. */
  const educate = (routes: readonly (readonly number[])[], mutate = false): void => {
    search.state.load(routes);
    if (mutate) {
      search.state.penalties = penalties;
      search.state.reprice();
      ruin.apply();
    }
    search.run(penalties);
    let child = makeIndividual(model, search.state.routes(), penalties);
    sampled++;
    if (child.excessLoad <= 1e-9) loadOk++;
    if (child.timeWarp <= 1e-9) timeOk++;
    add(child);
    if (!child.feasible && random.next() < 0.5) {
      search.run({ timeWarp: penalties.timeWarp * 10, load: penalties.load * 10 });
      child = makeIndividual(model, search.state.routes(), penalties);
      if (child.feasible) add(child);
    }
    if (sampled >= 50) {
      adapt(penalties, loadOk / sampled, timeOk / sampled, parameters.targetFeasible);
      infeasible.reprice(penalties);
      loadOk = 0;
      timeOk = 0;
      sampled = 0;
    }
  };
  const add = (child: Individual): void => {
    (child.feasible ? feasible : infeasible).add(child);
    if (child.feasible && (best === undefined || child.distance < best.distance - 1e-9)) {
      best = child;
      bestIteration = iterations;
      sinceImprovement = 0;
    }
    if (bestAny === undefined || child.cost < bestAny.cost) bestAny = child;
  };
  const initialise = (): void => {
    const tour = new Int32Array(model.n);
    for (let i = 0; i < model.n; i++) tour[i] = i + 1;
    for (let k = 0; k < 4 * parameters.mu && !outOfTime(); k++) {
      shuffle(tour, random);
      educate(split(model, tour, penalties, model.vehicles));
    }
  };

  // The construction joins as it is (a feasible answer from the start when one exists) and educated.
  const start = constructRoutes(model);
  add(makeIndividual(model, start, penalties));
  educate(start);
  initialise();
  while (!outOfTime() && (limits.maxIterations === undefined || iterations < limits.maxIterations)) {
    iterations++;
    sinceImprovement++;
    feasible.updateFitness();
    infeasible.updateFitness();
    if (feasible.members.length + infeasible.members.length < 2) {
      initialise();
      continue;
    }
    const a = selectParent(feasible, infeasible, random);
    if (random.next() < parameters.mutation) {
      educate(a.routes, true);
    } else {
      const b = selectParent(feasible, infeasible, random);
      educate(split(model, orderedCrossover(a.tour, b.tour, random), penalties, model.vehicles));
    }
    if (sinceImprovement >= parameters.restartAfter) {
      feasible.clear();
      infeasible.clear();
      sinceImprovement = 0;
      initialise();
    }
  }
  const answer = (best ?? bestAny) as Individual;
  return { routes: answer.routes.map((r) => [...r]), feasible: answer.feasible, iterations, bestIteration };
}

/**
 * Starting penalties: one unit of excess load costs about one long arc (Vidal 2022); one unit of
 * time warp costs as much as INITIAL_TIME_WARP units of travel distance per unit of travel time.
 */
function initialPenalties(model: RoutingModel): Penalties {
  let maxDistance = 0;
  let maxTime = 0;
  let maxDemand = 0;
  for (const d of model.distance) if (d > maxDistance) maxDistance = d;
  for (const t of model.time) if (t > maxTime) maxTime = t;
  for (const q of model.demand) if (q > maxDemand) maxDemand = q;
  const perTime = maxTime > 0 ? maxDistance / maxTime : 1;
  return { load: Math.max(0.1, Math.min(1000, maxDistance / Math.max(1e-9, maxDemand))), timeWarp: INITIAL_TIME_WARP * perTime };
}

/** Distance per unit of time warp at the start, as in PyVRP's penalty manager. */
const INITIAL_TIME_WARP = 6;

function adapt(penalties: Penalties, loadFeasible: number, timeFeasible: number, target: number): void {
  const step = (value: number, share: number) => {
    if (share < target - 0.05) return Math.min(100_000, value * 1.2);
    if (share > target + 0.05) return Math.max(0.1, value * 0.85);
    return value;
  };
  penalties.load = step(penalties.load, loadFeasible);
  penalties.timeWarp = step(penalties.timeWarp, timeFeasible);
}

/** OX: a random stretch of the first parent stays in place; the rest follows the second parent's order. */
export function orderedCrossover(first: Int32Array, second: Int32Array, random: Random): Int32Array {
  const n = first.length;
  const child = new Int32Array(n);
  if (n < 2) return first.slice();
  const used = new Uint8Array(n + 1);
  const start = random.int(n);
  let end = random.int(n);
  while (end === start) end = random.int(n);
  for (let k = start; k !== (end + 1) % n; k = (k + 1) % n) {
    child[k] = first[k] as number;
    used[first[k] as number] = 1;
  }
  let at = (end + 1) % n;
  for (let k = 0; k < n; k++) {
    const c = second[(end + 1 + k) % n] as number;
    if (used[c]) continue;
    child[at] = c;
    at = (at + 1) % n;
  }
  return child;
}
