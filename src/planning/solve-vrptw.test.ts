import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { VrptwInstance } from "./instance.js";
import { randomVrptw } from "./random-instances.js";
import { solveVrptw } from "./solve-vrptw.js";
import { validateVrptw } from "./validate.js";

/** A clock that advances 1 ms per reading: searches stop after a known number of clock reads. */
function tickingClock(): () => number {
  let t = 0;
  return () => t++;
}

/**
 * Optimum by brute force: every permutation of the customers, cut optimally into feasible routes
 * of consecutive customers (any plan is some permutation cut into pieces), at most `vehicles` of them.
 */
function bruteForceDistance(instance: VrptwInstance): number {
  const n = instance.x.length - 1;
  const clients = Array.from({ length: n }, (_, k) => k + 1);
  let best = Number.POSITIVE_INFINITY;
  const permute = (k: number): void => {
    if (k === n) {
      best = Math.min(best, bestCut(instance, clients));
      return;
    }
    for (let i = k; i < n; i++) {
      [clients[k], clients[i]] = [clients[i] as number, clients[k] as number];
      permute(k + 1);
      [clients[k], clients[i]] = [clients[i] as number, clients[k] as number];
    }
  };
  permute(0);
  return best;
}

function bestCut(instance: VrptwInstance, order: readonly number[]): number {
  const n = order.length;
  // cost[k][j]: first j customers in k routes.
  let layer = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  layer[0] = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 1; k <= instance.vehicles; k++) {
    const next = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < n; i++) {
      if (layer[i] === Number.POSITIVE_INFINITY) continue;
      for (let j = i + 1; j <= n; j++) {
        const check = validateVrptw({ ...instance, vehicles: 1 }, [order.slice(i, j)]);
        const feasible = check.violations.every((v) => v.kind === "customer_missing");
        if (feasible) next[j] = Math.min(next[j] as number, (layer[i] as number) + check.cost);
      }
    }
    best = Math.min(best, next[n] as number);
    layer = next;
  }
  return best;
}

describe("solveVrptw", () => {
  it("finds the brute-force optimum of small instances", () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const instance = randomVrptw(seed, 6, 3);
      const optimum = bruteForceDistance(instance);
      const result = solveVrptw(instance, { seed, timeLimitMs: 1e9, now: tickingClock(), maxIterations: 150 });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      if (optimum === Number.POSITIVE_INFINITY) {
        expect(result.value.check.valid).toBe(false);
      } else {
        expect(result.value.check.valid).toBe(true);
        expect(result.value.check.cost).toBeCloseTo(optimum, 6);
      }
    }
  });

  it("returns plans that pass the validator", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 25 }), (seed, n) => {
        const instance = randomVrptw(seed, n);
        const result = solveVrptw(instance, { seed, timeLimitMs: 1e9, now: tickingClock(), maxIterations: 20 });
        expect(result.ok && result.value.check.violations).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it("returns a valid construction for a time limit of 0", () => {
    const instance = randomVrptw(7, 40);
    const result = solveVrptw(instance, { seed: 1, timeLimitMs: 0, now: () => 0 });
    expect(result.ok && result.value).toMatchObject({ iterations: 0, check: { valid: true } });
  });

  it("gives the same plan for the same seed", () => {
    const instance = randomVrptw(8, 30);
    const run = (seed: number) => solveVrptw(instance, { seed, timeLimitMs: 1e9, now: tickingClock(), maxIterations: 30 });
    expect(run(5)).toEqual(run(5));
  });

  it("rejects a negative time limit as data", () => {
    const result = solveVrptw(randomVrptw(1, 5), { seed: 1, timeLimitMs: -1, now: () => 0 });
    expect(result).toEqual({ ok: false, error: { code: "time_limit_invalid", message: expect.stringContaining("-1") } });
  });

  it("says when the fleet is too small for any feasible plan", () => {
    const instance = randomVrptw(3, 12, 1);
    const result = solveVrptw(instance, { seed: 1, timeLimitMs: 1e9, now: tickingClock(), maxIterations: 10 });
    expect(result.ok && result.value.check.valid).toBe(false);
  });
});
