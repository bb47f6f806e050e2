import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { solveDayExactly } from "./exact-day.js";
import { exhaustiveDayCost } from "./exhaustive-day.js";
import { euclideanMatrix } from "./instance.js";
import { randomDay } from "./random-instances.js";

/** Every start inside its window, the return before home closes, the cost recomputed. */
function checkPlan(problem: ReturnType<typeof randomDay>, plan: { order: number[]; cost: number; starts: number[]; returnTime: number }): void {
  const size = problem.visits + 1;
  expect([...plan.order].sort((a, b) => a - b)).toEqual(Array.from({ length: problem.visits }, (_, k) => k + 1));
  let cost = 0;
  let at = 0;
  plan.order.forEach((node, k) => {
    cost += problem.time[at * size + node] as number;
    expect(plan.starts[k]).toBeGreaterThanOrEqual(problem.ready[node] as number);
    expect(plan.starts[k]).toBeLessThanOrEqual((problem.due[node] as number) + 1e-9);
    at = node;
  });
  cost += problem.time[at * size] as number;
  expect(plan.cost).toBeCloseTo(cost, 9);
  expect(plan.returnTime).toBeLessThanOrEqual((problem.due[0] as number) + 1e-9);
}

describe("solveDayExactly", () => {
  it("finds the optimum of generated days, the same as exhaustive search", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 8 }), (seed, visits) => {
        const problem = randomDay(seed, visits);
        const result = solveDayExactly(problem);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        checkPlan(problem, result.value);
        expect(result.value.cost).toBeCloseTo(exhaustiveDayCost(problem), 9);
      }),
      { numRuns: 60 },
    );
  });

  it("says when no order fits the windows, as exhaustive search does", () => {
    // Two visits 10 apart, both only at time 10–11: they cannot both be served.
    const x = Float64Array.from([0, 10, -10]);
    const problem = { visits: 2, time: euclideanMatrix(x, new Float64Array(3)), ready: Float64Array.from([0, 10, 10]), due: Float64Array.from([100, 11, 11]), service: new Float64Array(3) };
    expect(solveDayExactly(problem)).toEqual({ ok: false, error: { code: "no_feasible_order" } });
    expect(exhaustiveDayCost(problem)).toBe(Infinity);
  });

  it("leaves home as late as the first window allows", () => {
    const x = Float64Array.from([0, 30]);
    const problem = { visits: 1, time: euclideanMatrix(x, new Float64Array(2)), ready: Float64Array.from([480, 510]), due: Float64Array.from([1080, 540]), service: Float64Array.from([0, 30]) };
    const result = solveDayExactly(problem);
    expect(result.ok && result.value).toMatchObject({ order: [1], departure: 510, arrivals: [540], starts: [540], returnTime: 600 });
  });

  it("refuses a day too large to solve exactly", () => {
    expect(solveDayExactly(randomDay(1, 16)).ok).toBe(false);
  });

  // Its speed (≤ 11 ms a day here) is measured by `npm run bench -- --only planning`, not timed here.
  it("solves a day of 12 visits optimally: the same cost as trying every order", () => {
    for (const seed of [1, 2, 3]) {
      const problem = randomDay(seed, 12);
      const result = solveDayExactly(problem);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      checkPlan(problem, result.value);
      expect(result.value.cost).toBeCloseTo(exhaustiveDayCost(problem), 9);
    }
  }, 60_000);
});
