// The data every route search works on: one depot (node 0) and clients 1..n with time windows.
// VRPTW instances map onto it one to one; a PVRP day is the same model with the day's route
// duration as the depot's closing time and no customer windows (see pvrp-solver.ts).
import type { VrptwInstance } from "./instance.js";

export interface RoutingModel {
  /** Clients are nodes 1..n; node 0 is the depot. */
  readonly n: number;
  /** Upper bound on the number of routes. */
  readonly vehicles: number;
  readonly capacity: number;
  /** (n+1)² row-major: distance[i * (n + 1) + j] from node i to node j (the objective). */
  readonly distance: Float64Array;
  /** (n+1)² row-major travel times (may be the same array as `distance`). */
  readonly time: Float64Array;
  readonly demand: Float64Array;
  /** Earliest / latest start of service per node; depot: earliest departure / latest return. */
  readonly ready: Float64Array;
  readonly due: Float64Array;
  readonly service: Float64Array;
  /** Coordinates for the polar sectors of SWAP* and the angular order of routes. */
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export function modelFromVrptw(instance: VrptwInstance): RoutingModel {
  return {
    n: instance.x.length - 1,
    vehicles: instance.vehicles,
    capacity: instance.capacity,
    distance: instance.distance,
    time: instance.time,
    demand: instance.demand,
    ready: instance.ready,
    due: instance.due,
    service: instance.service,
    x: instance.x,
    y: instance.y,
  };
}

/**
 * Granular neighbourhoods: for each client, the `count` other clients most likely to sit next to it
 * in a good route. Closeness is distance plus the waiting (weight 0.2) and the time warp (weight 1)
 * that visiting one straight after the other would cause, in the better of the two orders (after
 * Vidal et al. 2013). Index: neighbours[i] lists clients for client i (neighbours[0] is empty).
 */
export function granularNeighbours(model: RoutingModel, count: number): Int32Array[] {
  const size = model.n + 1;
  const { distance, time, ready, due, service } = model;
  const lists: Int32Array[] = [new Int32Array(0)];
  const keys = new Float64Array(size);
  const order: number[] = [];
  for (let i = 1; i < size; i++) {
    order.length = 0;
    for (let j = 1; j < size; j++) {
      if (j === i) continue;
      const proximity = (a: number, b: number) => {
        const arrive = (ready[a] as number) + (service[a] as number) + (time[a * size + b] as number);
        const wait = Math.max((ready[b] as number) - ((due[a] as number) + (service[a] as number) + (time[a * size + b] as number)), 0);
        const warp = Math.max(arrive - (due[b] as number), 0);
        return (distance[a * size + b] as number) + 0.2 * wait + warp;
      };
      keys[j] = Math.min(proximity(i, j), proximity(j, i));
      order.push(j);
    }
    order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
    lists.push(Int32Array.from(order.slice(0, Math.min(count, order.length))));
  }
  return lists;
}
