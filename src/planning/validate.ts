// Independent checks of solver output: every rule re-derived from the instance data and the plan
// alone (no solver state, no cached route data), and the cost recomputed from scratch. A plan the
// solvers return is always run through these before it reaches a caller.
import type { PvrpInstance, VrptwInstance } from "./instance.js";

/** Slack for floating-point sums of square roots (the solvers themselves keep 1e-9). */
const EPS = 1e-6;

export type ViolationKind =
  | "unknown_customer"
  | "customer_missing"
  | "customer_repeated"
  | "fleet"
  | "capacity"
  | "time_window"
  | "depot_closed"
  | "duration"
  | "frequency"
  | "combination"
  | "days";

export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
}

export interface Check {
  readonly valid: boolean;
  /** Total travel distance of the plan, recomputed. */
  readonly cost: number;
  /** Non-empty routes. */
  readonly vehicles: number;
  readonly violations: readonly Violation[];
}

/** Checks VRPTW routes (lists of node indices 1..n in visiting order). */
export function validateVrptw(instance: VrptwInstance, routes: readonly (readonly number[])[]): Check {
  const size = instance.x.length;
  const violations: Violation[] = [];
  const seen = new Int32Array(size);
  let cost = 0;
  let vehicles = 0;
  routes.forEach((route, r) => {
    if (route.length === 0) return;
    vehicles++;
    let load = 0;
    let at = 0;
    let clock = instance.ready[0] as number;
    for (const node of route) {
      if (!Number.isInteger(node) || node < 1 || node >= size) {
        violations.push({ kind: "unknown_customer", message: `route ${r + 1}: ${node} is not a customer` });
        return;
      }
      seen[node] = (seen[node] as number) + 1;
      load += instance.demand[node] as number;
      cost += instance.distance[at * size + node] as number;
      const arrival = clock + (instance.time[at * size + node] as number);
      const start = Math.max(arrival, instance.ready[node] as number);
      if (start > (instance.due[node] as number) + EPS) {
        violations.push({ kind: "time_window", message: `route ${r + 1}: customer ${instance.labels[node]} starts at ${start}, due ${instance.due[node]}` });
      }
      clock = start + (instance.service[node] as number);
      at = node;
    }
    cost += instance.distance[at * size] as number;
    const back = clock + (instance.time[at * size] as number);
    if (back > (instance.due[0] as number) + EPS) violations.push({ kind: "depot_closed", message: `route ${r + 1}: back at ${back}, depot closes at ${instance.due[0]}` });
    if (load > instance.capacity + EPS) violations.push({ kind: "capacity", message: `route ${r + 1}: load ${load} exceeds capacity ${instance.capacity}` });
  });
  if (vehicles > instance.vehicles) violations.push({ kind: "fleet", message: `${vehicles} routes, the fleet has ${instance.vehicles} vehicles` });
  for (let i = 1; i < size; i++) {
    if (seen[i] === 0) violations.push({ kind: "customer_missing", message: `customer ${instance.labels[i]} is not visited` });
    else if ((seen[i] as number) > 1) violations.push({ kind: "customer_repeated", message: `customer ${instance.labels[i]} is visited ${seen[i]} times` });
  }
  return { valid: violations.length === 0, cost, vehicles, violations };
}

/** Checks a PVRP plan: `days[d]` holds the routes of day d + 1 (lists of node indices 1..n). */
export function validatePvrp(instance: PvrpInstance, days: readonly (readonly (readonly number[])[])[]): Check {
  const size = instance.x.length;
  const violations: Violation[] = [];
  if (days.length !== instance.days) violations.push({ kind: "days", message: `${days.length} days planned, the period has ${instance.days}` });
  const visitedDays = new Int32Array(size);
  const visits = new Int32Array(size);
  let cost = 0;
  let vehicles = 0;
  days.forEach((routes, d) => {
    if (d >= instance.days) return;
    const onDay = new Int32Array(size);
    let used = 0;
    routes.forEach((route, r) => {
      if (route.length === 0) return;
      used++;
      let load = 0;
      let duration = 0;
      let at = 0;
      for (const node of route) {
        if (!Number.isInteger(node) || node < 1 || node >= size) {
          violations.push({ kind: "unknown_customer", message: `day ${d + 1} route ${r + 1}: ${node} is not a customer` });
          return;
        }
        onDay[node] = (onDay[node] as number) + 1;
        load += instance.demand[node] as number;
        duration += (instance.distance[at * size + node] as number) + (instance.service[node] as number);
        cost += instance.distance[at * size + node] as number;
        at = node;
      }
      cost += instance.distance[at * size] as number;
      duration += instance.distance[at * size] as number;
      if (load > (instance.capacity[d] as number) + EPS) violations.push({ kind: "capacity", message: `day ${d + 1} route ${r + 1}: load ${load} exceeds capacity ${instance.capacity[d]}` });
      if (duration > (instance.maxDuration[d] as number) + EPS) violations.push({ kind: "duration", message: `day ${d + 1} route ${r + 1}: duration ${duration} exceeds ${instance.maxDuration[d]}` });
    });
    vehicles += used;
    if (used > instance.vehiclesPerDay) violations.push({ kind: "fleet", message: `day ${d + 1}: ${used} routes, ${instance.vehiclesPerDay} vehicles a day` });
    for (let i = 1; i < size; i++) {
      if ((onDay[i] as number) > 1) violations.push({ kind: "customer_repeated", message: `customer ${instance.labels[i]} is visited ${onDay[i]} times on day ${d + 1}` });
      if ((onDay[i] as number) > 0) {
        visitedDays[i] = (visitedDays[i] as number) | (1 << d);
        visits[i] = (visits[i] as number) + 1;
      }
    }
  });
  for (let i = 1; i < size; i++) {
    const mask = visitedDays[i] as number;
    if (visits[i] !== instance.frequency[i]) {
      violations.push({ kind: "frequency", message: `customer ${instance.labels[i]} is visited on ${visits[i]} days, needs ${instance.frequency[i]}` });
    } else if (!(instance.combinations[i] as readonly number[]).includes(mask)) {
      violations.push({ kind: "combination", message: `customer ${instance.labels[i]}: days ${dayList(mask)} are not an allowed combination` });
    }
  }
  return { valid: violations.length === 0, cost, vehicles, violations };
}

function dayList(mask: number): string {
  const days: number[] = [];
  for (let d = 0; mask >>> d !== 0; d++) if ((mask >>> d) & 1) days.push(d + 1);
  return days.join(",") || "none";
}
