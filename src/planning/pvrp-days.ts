// A PVRP plan as one route search per day. Every day is a RoutingModel over all customers (those
// not visited that day are simply absent), with the day's capacity, no customer windows and the
// route duration limit as the depot's closing time: starting at 0 with no waiting, the return time
// is travel + service, so the time warp of a route is exactly its excess duration.
import type { PvrpInstance } from "./instance.js";
import { bestInsertion, type Insertion } from "./insertion.js";
import { LocalSearch } from "./local-search.js";
import type { Penalties } from "./route-state.js";
import { Segment } from "./segment.js";
import type { RoutingModel } from "./routing-model.js";

export function dayModel(instance: PvrpInstance, day: number): RoutingModel {
  const size = instance.x.length;
  const due = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  due[0] = instance.maxDuration[day] as number;
  return {
    n: size - 1,
    vehicles: instance.vehiclesPerDay,
    capacity: instance.capacity[day] as number,
    distance: instance.distance,
    time: instance.distance,
    demand: instance.demand,
    ready: new Float64Array(size),
    due,
    service: instance.service,
    x: instance.x,
    y: instance.y,
  };
}

export class DaySearch {
  readonly search: LocalSearch;
  private readonly seg: Segment;

  constructor(model: RoutingModel, neighbours: readonly Int32Array[], seed: number) {
    this.search = new LocalSearch(model, neighbours, seed);
    this.seg = new Segment(this.search.state);
  }

  get state() {
    return this.search.state;
  }

  /** Cheapest insertion of client u on this day (see insertion.ts). */
  bestInsertion(u: number, out: Insertion, skip = 0, random?: () => number): Insertion {
    return bestInsertion(this.search.state, this.seg, u, out, skip, random);
  }

  setPenalties(penalties: Penalties): void {
    const s = this.search.state;
    s.penalties = penalties;
    s.reprice();
  }
}
