// The solution a route search edits: doubly linked routes over typed arrays, with the time-window
// segment data of Vidal et al. (2013) for every prefix and suffix, so that any move that joins a
// prefix, a few nodes and a suffix is priced in O(1).
//
// Node numbering: clients keep their model index 1..n; route r (0 ≤ r < R) has a start-depot node
// n + 1 + r and an end-depot node n + 1 + R + r; every depot node stands for model node 0.
//
// Segment data of a sequence σ of visits (all in the model's time unit):
//   D  = duration: travel + service + waiting when σ starts at its earliest good start time
//   TW = time warp: how much service would have to start late (summed over σ); 0 = feasible
//   E  = earliest start time of σ's first visit that achieves duration D
//   L  = latest start time of σ's first visit that adds no time warp
//   Q  = load, C = distance.
import type { RoutingModel } from "./routing-model.js";

export interface Penalties {
  /** Cost per unit of time warp. */
  timeWarp: number;
  /** Cost per unit of load above capacity. */
  load: number;
}

export class RouteState {
  readonly model: RoutingModel;
  readonly n: number;
  /** Route slots (the fleet). */
  readonly slots: number;
  /** Row length of the model's matrices. */
  readonly size: number;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** Route slot of a node, -1 for a client not in the solution (PVRP days hold a subset). */
  readonly route: Int32Array;
  /** Position in the route: 0 = start depot. */
  readonly pos: Int32Array;
  // Forward data: the segment from the route's start depot up to and including the node.
  readonly fD: Float64Array;
  readonly fTW: Float64Array;
  readonly fE: Float64Array;
  readonly fL: Float64Array;
  readonly fQ: Float64Array;
  readonly fC: Float64Array;
  // Backward data: the segment from the node up to and including the route's end depot.
  readonly bD: Float64Array;
  readonly bTW: Float64Array;
  readonly bE: Float64Array;
  readonly bL: Float64Array;
  readonly bQ: Float64Array;
  readonly bC: Float64Array;
  /** Per route slot: penalised cost, clients, and the move counter value when it last changed. */
  readonly routeCost: Float64Array;
  readonly routeSize: Int32Array;
  readonly routeChanged: Float64Array;
  penalties: Penalties = { timeWarp: 1, load: 1 };
  /** Counts applied moves; routeChanged compares against it. */
  moves = 0;

  constructor(model: RoutingModel, slots = model.vehicles) {
    this.model = model;
    this.n = model.n;
    this.slots = slots;
    this.size = model.n + 1;
    const nodes = model.n + 1 + 2 * slots;
    this.next = new Int32Array(nodes);
    this.prev = new Int32Array(nodes);
    this.route = new Int32Array(nodes).fill(-1);
    this.pos = new Int32Array(nodes);
    this.fD = new Float64Array(nodes);
    this.fTW = new Float64Array(nodes);
    this.fE = new Float64Array(nodes);
    this.fL = new Float64Array(nodes);
    this.fQ = new Float64Array(nodes);
    this.fC = new Float64Array(nodes);
    this.bD = new Float64Array(nodes);
    this.bTW = new Float64Array(nodes);
    this.bE = new Float64Array(nodes);
    this.bL = new Float64Array(nodes);
    this.bQ = new Float64Array(nodes);
    this.bC = new Float64Array(nodes);
    this.routeCost = new Float64Array(slots);
    this.routeSize = new Int32Array(slots);
    this.routeChanged = new Float64Array(slots);
  }

  startDepot(r: number): number {
    return this.n + 1 + r;
  }

  endDepot(r: number): number {
    return this.n + 1 + this.slots + r;
  }

  /** Model node of a state node (depot nodes → 0). */
  loc(node: number): number {
    return node <= this.n ? node : 0;
  }

  isDepot(node: number): boolean {
    return node > this.n;
  }

  /**
   * Replaces the solution: `routes[r]` are the clients of slot r in order; unlisted clients are
   * out. Slots whose route is unchanged keep their data and change stamp (so an incremental
   * search does not test them again); the others count as changed.
   */
  load(routes: readonly (readonly number[])[]): void {
    if (routes.length > this.slots) throw new Error(`${routes.length} routes for ${this.slots} slots`);
    this.moves++;
    const changed: number[] = [];
    for (let r = 0; r < this.slots; r++) {
      const route = routes[r] ?? [];
      if (this.loaded && this.holds(r, route)) continue;
      changed.push(r);
      if (this.loaded) for (let at = this.next[this.startDepot(r)] as number; at <= this.n; at = this.next[at] as number) this.route[at] = -1;
    }
    for (const r of changed) {
      let at = this.startDepot(r);
      this.route[at] = r;
      this.prev[at] = -1;
      for (const client of routes[r] ?? []) {
        this.next[at] = client;
        this.prev[client] = at;
        this.route[client] = r;
        at = client;
      }
      const end = this.endDepot(r);
      this.next[at] = end;
      this.prev[end] = at;
      this.route[end] = r;
      this.next[end] = -1;
      this.update(r);
    }
    this.loaded = true;
  }

  /** False until the first load (the links hold nothing before). */
  private loaded = false;

  /** True when slot r holds exactly `route`. */
  private holds(r: number, route: readonly number[]): boolean {
    let at = this.next[this.startDepot(r)] as number;
    for (const client of route) {
      if (at !== client) return false;
      at = this.next[at] as number;
    }
    return at === this.endDepot(r);
  }

  /** The clients of every slot in order (empty slots included). */
  routes(): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.slots; r++) {
      const route: number[] = [];
      for (let at = this.next[this.startDepot(r)] as number; at <= this.n; at = this.next[at] as number) route.push(at);
      out.push(route);
    }
    return out;
  }

  /** Sum of the penalised route costs. */
  cost(): number {
    let total = 0;
    for (let r = 0; r < this.slots; r++) total += this.routeCost[r] as number;
    return total;
  }

  /** Unpenalised distance, total time warp and total excess load. */
  totals(): { distance: number; timeWarp: number; excessLoad: number } {
    let distance = 0;
    let timeWarp = 0;
    let excessLoad = 0;
    for (let r = 0; r < this.slots; r++) {
      const end = this.endDepot(r);
      distance += this.fC[end] as number;
      timeWarp += this.fTW[end] as number;
      excessLoad += Math.max(0, (this.fQ[end] as number) - this.model.capacity);
    }
    return { distance, timeWarp, excessLoad };
  }

  /** Recomputes positions, prefix and suffix data and the cost of route slot r. */
  update(r: number): void {
    const { distance, time, demand, ready, due, service } = this.model;
    const size = this.size;
    const { next, prev, pos, fD, fTW, fE, fL, fQ, fC, bD, bTW, bE, bL, bQ, bC } = this;
    const start = this.startDepot(r);
    const end = this.endDepot(r);
    fD[start] = 0;
    fTW[start] = 0;
    fE[start] = ready[0] as number;
    fL[start] = due[0] as number;
    fQ[start] = 0;
    fC[start] = 0;
    pos[start] = 0;
    let p = start;
    let count = 0;
    for (let at = next[start] as number; at !== -1; at = next[at] as number) {
      const i = at <= this.n ? at : 0;
      const last = p <= this.n ? p : 0;
      const t = time[last * size + i] as number;
      const delta = (fD[p] as number) - (fTW[p] as number) + t;
      const wait = Math.max((ready[i] as number) - delta - (fL[p] as number), 0);
      const warp = Math.max((fE[p] as number) + delta - (due[i] as number), 0);
      fD[at] = (fD[p] as number) + (service[i] as number) + t + wait;
      fTW[at] = (fTW[p] as number) + warp;
      fE[at] = Math.max((ready[i] as number) - delta, fE[p] as number) - wait;
      fL[at] = Math.min((due[i] as number) - delta, fL[p] as number) + warp;
      fQ[at] = (fQ[p] as number) + (demand[i] as number);
      fC[at] = (fC[p] as number) + (distance[last * size + i] as number);
      pos[at] = (pos[p] as number) + 1;
      this.route[at] = r;
      if (at <= this.n) count++;
      p = at;
    }
    bD[end] = 0;
    bTW[end] = 0;
    bE[end] = ready[0] as number;
    bL[end] = due[0] as number;
    bQ[end] = 0;
    bC[end] = 0;
    let nx = end;
    for (let at = prev[end] as number; at !== -1; at = prev[at] as number) {
      const i = at <= this.n ? at : 0;
      const j = nx <= this.n ? nx : 0;
      const t = time[i * size + j] as number;
      const delta = (service[i] as number) + t;
      const wait = Math.max((bE[nx] as number) - delta - (due[i] as number), 0);
      const warp = Math.max((ready[i] as number) + delta - (bL[nx] as number), 0);
      bD[at] = (service[i] as number) + (bD[nx] as number) + t + wait;
      bTW[at] = (bTW[nx] as number) + warp;
      bE[at] = Math.max((bE[nx] as number) - delta, ready[i] as number) - wait;
      bL[at] = Math.min((bL[nx] as number) - delta, due[i] as number) + warp;
      bQ[at] = (demand[i] as number) + (bQ[nx] as number);
      bC[at] = (distance[i * size + j] as number) + (bC[nx] as number);
      nx = at;
    }
    this.routeSize[r] = count;
    this.routeCost[r] = this.penalised(fC[end] as number, fTW[end] as number, fQ[end] as number);
    this.routeChanged[r] = this.moves;
  }

  /** Recomputes every route's penalised cost after a change of penalties (route data do not depend on them). */
  reprice(): void {
    for (let r = 0; r < this.slots; r++) {
      const end = this.endDepot(r);
      this.routeCost[r] = this.penalised(this.fC[end] as number, this.fTW[end] as number, this.fQ[end] as number);
    }
  }

  penalised(distance: number, timeWarp: number, load: number): number {
    const excess = load - this.model.capacity;
    return distance + this.penalties.timeWarp * timeWarp + (excess > 0 ? this.penalties.load * excess : 0);
  }

  /** Takes node u out of its route (route data not updated). */
  unlink(u: number): void {
    const p = this.prev[u] as number;
    const x = this.next[u] as number;
    this.next[p] = x;
    this.prev[x] = p;
  }

  /** Puts an unlinked node u right after node v (route data not updated). */
  linkAfter(u: number, v: number): void {
    const y = this.next[v] as number;
    this.next[v] = u;
    this.prev[u] = v;
    this.next[u] = y;
    this.prev[y] = u;
    this.route[u] = this.route[v] as number;
  }

  /** Removes client u from the solution and updates its route. */
  remove(u: number): void {
    const r = this.route[u] as number;
    this.unlink(u);
    this.route[u] = -1;
    this.moves++;
    this.update(r);
  }

  /** Inserts client u (not in the solution) after node v and updates the route. */
  insert(u: number, v: number): void {
    this.linkAfter(u, v);
    this.moves++;
    this.update(this.route[v] as number);
  }
}
