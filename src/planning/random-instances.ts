// Generated instances for property tests and benchmarks (deterministic from a seed).
import type { DayProblem } from "./exact-day.js";
import { euclideanMatrix, type PvrpInstance, type VrptwInstance } from "./instance.js";
import { createRandom } from "./random.js";

/**
 * A VRPTW instance with n customers on a 100 × 100 square around a central depot, windows of
 * random width, and a fleet of n, so that serving each customer alone is always feasible.
 */
export function randomVrptw(seed: number, n: number, fleet = n): VrptwInstance {
  const random = createRandom(seed);
  const size = n + 1;
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  const demand = new Float64Array(size);
  const ready = new Float64Array(size);
  const due = new Float64Array(size);
  const service = new Float64Array(size);
  x[0] = 50;
  y[0] = 50;
  for (let i = 1; i < size; i++) {
    x[i] = random.int(101);
    y[i] = random.int(101);
    demand[i] = 1 + random.int(10);
    service[i] = random.int(11);
  }
  const horizon = 400;
  ready[0] = 0;
  due[0] = horizon;
  const distance = euclideanMatrix(x, y);
  for (let i = 1; i < size; i++) {
    const out = distance[i] as number;
    const latest = horizon - out - (service[i] as number);
    const width = random.next() < 0.3 ? latest - out : 10 + random.next() * 80;
    const start = out + random.next() * Math.max(0, latest - out - width);
    ready[i] = Math.floor(start);
    due[i] = Math.max(ready[i] as number, Math.min(latest, start + width));
    if ((due[i] as number) < out) due[i] = out;
  }
  const labels = Int32Array.from({ length: size }, (_, i) => i);
  return { name: `random-${seed}-${n}`, vehicles: fleet, capacity: 25 + random.int(30), x, y, demand, ready, due, service, labels, distance, time: distance };
}

/** A PVRP with n customers over `days` days; combinations drawn from all masks of the frequency. */
export function randomPvrp(seed: number, n: number, days: number): PvrpInstance {
  const random = createRandom(seed);
  const size = n + 1;
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  const demand = new Float64Array(size);
  const service = new Float64Array(size);
  const frequency = new Int32Array(size);
  const combinations: number[][] = [[]];
  x[0] = 50;
  y[0] = 50;
  const all = Array.from({ length: (1 << days) - 1 }, (_, k) => k + 1);
  const bits = (mask: number) => {
    let count = 0;
    for (let m = mask; m !== 0; m &= m - 1) count++;
    return count;
  };
  for (let i = 1; i < size; i++) {
    x[i] = random.int(101);
    y[i] = random.int(101);
    demand[i] = 1 + random.int(9);
    const f = 1 + random.int(Math.min(days, 3));
    frequency[i] = f;
    const masks = all.filter((mask) => bits(mask) === f && random.next() < 0.6);
    combinations.push(masks.length > 0 ? masks : [all.find((mask) => bits(mask) === f) as number]);
  }
  const capacity = new Float64Array(days).fill(40);
  const maxDuration = new Float64Array(days).fill(Number.POSITIVE_INFINITY);
  const labels = Int32Array.from({ length: size }, (_, i) => i);
  return { name: `random-pvrp-${seed}`, days, vehiclesPerDay: n, capacity, maxDuration, x, y, demand, service, frequency, combinations, labels, distance: euclideanMatrix(x, y) };
}

/**
 * A rep's working day in minutes after midnight: home at the centre, visits within about 60 km
 * (speed 1 km/min), leave from 08:00, back by 18:00, visits of 20–60 minutes, open 08:30–17:00,
 * and about a third of them fixed appointments (a 15-minute window). The appointments are set
 * along one order that is feasible, so every generated day has a feasible plan.
 */
export function randomDay(seed: number, visits: number): DayProblem {
  const random = createRandom(seed);
  const size = visits + 1;
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  for (let i = 1; i < size; i++) {
    x[i] = (random.next() - 0.5) * 80;
    y[i] = (random.next() - 0.5) * 80;
  }
  const time = euclideanMatrix(x, y);
  const ready = new Float64Array(size).fill(510);
  const due = new Float64Array(size).fill(1020);
  const service = new Float64Array(size);
  ready[0] = 480;
  due[0] = 1080;
  for (let i = 1; i < size; i++) service[i] = 20 + random.int(41);
  // A nearest-neighbour order from home; shorten visits and distances until it fits the day,
  // then pin about a third of its stops as appointments.
  const order: number[] = [];
  const left = new Set(Array.from({ length: visits }, (_, k) => k + 1));
  for (let at = 0; left.size > 0; ) {
    let nearest = -1;
    for (const j of left) if (nearest < 0 || (time[at * size + j] as number) < (time[at * size + nearest] as number)) nearest = j;
    order.push(nearest);
    left.delete(nearest);
    at = nearest;
  }
  for (;;) {
    let clock = ready[0] as number;
    let at = 0;
    let fits = true;
    const starts: number[] = [];
    for (const node of order) {
      const start = Math.max(clock + (time[at * size + node] as number), ready[node] as number);
      if (start > (due[node] as number)) fits = false;
      starts.push(start);
      clock = start + (service[node] as number);
      at = node;
    }
    if (fits && clock + (time[at * size] as number) <= (due[0] as number)) {
      order.forEach((node, k) => {
        if (random.next() < 1 / 3) {
          ready[node] = Math.floor(starts[k] as number);
          due[node] = (ready[node] as number) + 15;
        }
      });
      return { visits, time, ready, due, service };
    }
    for (let k = 0; k < time.length; k++) time[k] = (time[k] as number) * 0.9;
    for (let i = 1; i < size; i++) service[i] = Math.max(5, (service[i] as number) * 0.8);
  }
}
