import { describe, expect, it } from "vitest";
import { euclideanMatrix, type PvrpInstance, type VrptwInstance } from "./instance.js";
import { validatePvrp, validateVrptw } from "./validate.js";

// Depot at (0,0); customers on the x axis at 10, 20, 30 (times = distances).
function line(overrides: Partial<VrptwInstance> = {}): VrptwInstance {
  const x = Float64Array.from([0, 10, 20, 30]);
  const y = new Float64Array(4);
  const distance = euclideanMatrix(x, y);
  return {
    name: "line",
    vehicles: 2,
    capacity: 10,
    x,
    y,
    demand: Float64Array.from([0, 4, 4, 4]),
    ready: Float64Array.from([0, 0, 0, 0]),
    due: Float64Array.from([100, 100, 100, 100]),
    service: Float64Array.from([0, 1, 1, 1]),
    labels: Int32Array.from([0, 1, 2, 3]),
    distance,
    time: distance,
    ...overrides,
  };
}

const kinds = (check: { violations: readonly { kind: string }[] }) => check.violations.map((v) => v.kind);

describe("validateVrptw", () => {
  it("accepts a feasible plan and recomputes its distance", () => {
    const check = validateVrptw(line(), [[1, 2], [3]]);
    expect(check).toEqual({ valid: true, cost: 40 + 60, vehicles: 2, violations: [] });
  });

  it("finds a missing, a repeated and an unknown customer", () => {
    expect(kinds(validateVrptw(line(), [[1, 1]]))).toEqual(expect.arrayContaining(["customer_missing", "customer_repeated"]));
    expect(kinds(validateVrptw(line(), [[1, 2, 3, 9]]))).toContain("unknown_customer");
  });

  it("finds an overloaded route and too many routes", () => {
    expect(kinds(validateVrptw(line(), [[1, 2, 3]]))).toEqual(["capacity"]);
    expect(kinds(validateVrptw(line(), [[1], [2], [3]]))).toEqual(["fleet"]);
  });

  it("finds a missed time window, also when waiting earlier pushes it late", () => {
    // Customer 1 opens at 50: service 50–51, customer 2 reached at 61 but due at 60.
    const late = line({ ready: Float64Array.from([0, 50, 0, 0]), due: Float64Array.from([200, 100, 60, 100]) });
    expect(kinds(validateVrptw(late, [[1, 2], [3]]))).toEqual(["time_window"]);
    expect(validateVrptw(late, [[2, 1], [3]]).valid).toBe(true);
  });

  it("finds a return after the depot closes", () => {
    expect(kinds(validateVrptw(line({ due: Float64Array.from([60, 100, 100, 100]) }), [[1, 2], [3]]))).toEqual(["depot_closed"]);
  });
});

function periodic(): PvrpInstance {
  const x = Float64Array.from([0, 10, 20]);
  const y = new Float64Array(3);
  return {
    name: "periodic",
    days: 2,
    vehiclesPerDay: 1,
    capacity: Float64Array.from([10, 10]),
    maxDuration: Float64Array.from([50, Infinity]),
    x,
    y,
    demand: Float64Array.from([0, 5, 5]),
    service: Float64Array.from([0, 2, 2]),
    frequency: Int32Array.from([0, 2, 1]),
    // Customer 1 on both days (mask 3); customer 2 on day 2 only (mask 2).
    combinations: [[], [3], [2]],
    labels: Int32Array.from([0, 1, 2]),
    distance: euclideanMatrix(x, y),
  };
}

describe("validatePvrp", () => {
  it("accepts a plan that meets frequencies and combinations", () => {
    const check = validatePvrp(periodic(), [[[1]], [[1, 2]]]);
    expect(check).toMatchObject({ valid: true, cost: 20 + 40, vehicles: 2 });
  });

  it("finds a wrong frequency, a forbidden combination and a repeat on one day", () => {
    expect(kinds(validatePvrp(periodic(), [[[1]], [[2]]]))).toEqual(["frequency"]);
    expect(kinds(validatePvrp(periodic(), [[[1, 2]], [[1]]]))).toEqual(["combination"]);
    expect(kinds(validatePvrp(periodic(), [[[1, 1]], [[1, 2]]]))).toEqual(expect.arrayContaining(["customer_repeated"]));
  });

  it("finds a route over its duration, over capacity, too many routes and a wrong number of days", () => {
    const p = { ...periodic(), maxDuration: Float64Array.from([20, Infinity]) };
    expect(kinds(validatePvrp(p, [[[1]], [[1, 2]]]))).toEqual(["duration"]);
    const small = { ...periodic(), capacity: Float64Array.from([10, 8]) };
    expect(kinds(validatePvrp(small, [[[1]], [[1, 2]]]))).toEqual(["capacity"]);
    expect(kinds(validatePvrp(periodic(), [[[1]], [[1], [2]]]))).toEqual(["fleet"]);
    expect(kinds(validatePvrp(periodic(), [[[1]]]))).toEqual(expect.arrayContaining(["days"]));
  });
});
