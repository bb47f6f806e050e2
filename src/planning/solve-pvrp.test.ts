import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PvrpInstance } from "./instance.js";
import { randomPvrp } from "./random-instances.js";
import { solvePvrp } from "./solve-pvrp.js";
import { validatePvrp } from "./validate.js";

function tickingClock(): () => number {
  let t = 0;
  return () => t++;
}

/** Cheapest routes of one day by brute force: every order of the day's customers, cut optimally. */
function bestDay(instance: PvrpInstance, day: number, customers: number[]): number {
  if (customers.length === 0) return 0;
  let best = Number.POSITIVE_INFINITY;
  const permute = (k: number): void => {
    if (k === customers.length) {
      best = Math.min(best, bestCut(instance, day, customers));
      return;
    }
    for (let i = k; i < customers.length; i++) {
      [customers[k], customers[i]] = [customers[i] as number, customers[k] as number];
      permute(k + 1);
      [customers[k], customers[i]] = [customers[i] as number, customers[k] as number];
    }
  };
  permute(0);
  return best;
}

function bestCut(instance: PvrpInstance, day: number, order: readonly number[]): number {
  const n = order.length;
  let layer = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  layer[0] = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 1; k <= instance.vehiclesPerDay; k++) {
    const next = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < n; i++) {
      if (layer[i] === Number.POSITIVE_INFINITY) continue;
      for (let j = i + 1; j <= n; j++) {
        const route = order.slice(i, j);
        const size = instance.x.length;
        let load = 0;
        let length = 0;
        let duration = 0;
        let at = 0;
        for (const c of route) {
          load += instance.demand[c] as number;
          length += instance.distance[at * size + c] as number;
          duration += (instance.distance[at * size + c] as number) + (instance.service[c] as number);
          at = c;
        }
        length += instance.distance[at * size] as number;
        duration += instance.distance[at * size] as number;
        if (load <= (instance.capacity[day] as number) && duration <= (instance.maxDuration[day] as number)) next[j] = Math.min(next[j] as number, (layer[i] as number) + length);
      }
    }
    best = Math.min(best, next[n] as number);
    layer = next;
  }
  return best;
}

/** Optimum over every choice of combinations, each day routed by brute force. */
function bruteForceCost(instance: PvrpInstance): number {
  const n = instance.x.length - 1;
  const choice = new Array<number>(n + 1).fill(0);
  let best = Number.POSITIVE_INFINITY;
  const choose = (c: number): void => {
    if (c > n) {
      let total = 0;
      for (let d = 0; d < instance.days; d++) {
        const customers: number[] = [];
        for (let i = 1; i <= n; i++) if (((choice[i] as number) >>> d) & 1) customers.push(i);
        total += bestDay(instance, d, customers);
      }
      best = Math.min(best, total);
      return;
    }
    for (const mask of instance.combinations[c] as readonly number[]) {
      choice[c] = mask;
      choose(c + 1);
    }
  };
  choose(1);
  return best;
}

describe("solvePvrp", () => {
  it("finds the brute-force optimum of small periodic instances", () => {
    let feasible = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const instance = { ...randomPvrp(seed, 5, 3), vehiclesPerDay: 2, capacity: Float64Array.from([14, 14, 14]) };
      const optimum = bruteForceCost(instance);
      if (optimum < Number.POSITIVE_INFINITY) feasible++;
      const result = solvePvrp(instance, { seed, timeLimitMs: 1e9, now: tickingClock(), maxIterations: 400 });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      if (optimum === Number.POSITIVE_INFINITY) {
        expect(result.value.check.valid).toBe(false);
      } else {
        expect(result.value.check.valid).toBe(true);
        expect(result.value.check.cost).toBeCloseTo(optimum, 6);
      }
    }
    expect(feasible).toBeGreaterThanOrEqual(3);
  });

  it("returns plans that pass the validator", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), (seed, n, days) => {
        const instance = randomPvrp(seed, n, days);
        const result = solvePvrp(instance, { seed, timeLimitMs: 1e9, now: tickingClock(), maxIterations: 30 });
        expect(result.ok && result.value.check.violations).toEqual([]);
        if (result.ok) expect(validatePvrp(instance, result.value.days).cost).toBeCloseTo(result.value.check.cost, 9);
      }),
      { numRuns: 25 },
    );
  });

  it("returns a valid construction for a time limit of 0", () => {
    const instance = randomPvrp(11, 40, 5);
    const result = solvePvrp(instance, { seed: 1, timeLimitMs: 0, now: () => 0 });
    expect(result.ok && result.value).toMatchObject({ iterations: 0, check: { valid: true } });
  });

  it("gives the same plan for the same seed and rejects a negative time limit", () => {
    const instance = randomPvrp(12, 25, 4);
    const run = (seed: number) => solvePvrp(instance, { seed, timeLimitMs: 1e9, now: tickingClock(), maxIterations: 50 });
    expect(run(3)).toEqual(run(3));
    expect(solvePvrp(instance, { seed: 1, timeLimitMs: -5, now: () => 0 }).ok).toBe(false);
  });
});
