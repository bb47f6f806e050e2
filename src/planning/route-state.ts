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

  /** Replaces the solution: `routes[r]` are the clients of slot r in order; unlisted clients are out. */
  load(routes: readonly (readonly number[])[]): void {
    if (routes.length > this.slots) throw new Error(`${routes.length} routes for ${this.slots} slots`);
    // A new solution: every route counts as changed for the move-skipping stamps.
    this.moves++;
    this.route.fill(-1);
    for (let r = 0; r < this.slots; r++) {
      let at = this.startDepot(r);
      this.route[at] = r;
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
      this.prev[this.startDepot(r)] = -1;
      this.update(r);
    }
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

/**
 * Accumulates the segment data of a sequence being priced: a prefix, single nodes or stretches of
 * a route, then a suffix. Reused (no allocation in the search loops).
 */
export class Segment {
  d = 0;
  tw = 0;
  e = 0;
  l = 0;
  q = 0;
  c = 0;
  /** Model node of the last visit. */
  last = 0;
  private readonly s: RouteState;

  constructor(state: RouteState) {
    this.s = state;
  }

  /** Starts with the prefix of a route that ends at `node`. */
  prefix(node: number): this {
    const s = this.s;
    this.d = s.fD[node] as number;
    this.tw = s.fTW[node] as number;
    this.e = s.fE[node] as number;
    this.l = s.fL[node] as number;
    this.q = s.fQ[node] as number;
    this.c = s.fC[node] as number;
    this.last = s.loc(node);
    return this;
  }

  /** Appends one visit. */
  add(node: number): this {
    const m = this.s.model;
    const i = node <= this.s.n ? node : 0;
    const t = m.time[this.last * this.s.size + i] as number;
    const delta = this.d - this.tw + t;
    const ready = m.ready[i] as number;
    const due = m.due[i] as number;
    const wait = Math.max(ready - delta - this.l, 0);
    const warp = Math.max(this.e + delta - due, 0);
    this.c += m.distance[this.last * this.s.size + i] as number;
    this.q += m.demand[i] as number;
    this.d += (m.service[i] as number) + t + wait;
    this.tw += warp;
    const e = Math.max(ready - delta, this.e) - wait;
    this.l = Math.min(due - delta, this.l) + warp;
    this.e = e;
    this.last = i;
    return this;
  }

  /** Appends the stretch from `from` to `to` (same route, `from` not after `to`) in route order. */
  addRange(from: number, to: number): this {
    const next = this.s.next;
    for (let at = from; ; at = next[at] as number) {
      this.add(at);
      if (at === to) return this;
    }
  }

  /** Appends the stretch from `from` back to `to` (same route, `to` not after `from`) in reverse order. */
  addReversed(from: number, to: number): this {
    const prev = this.s.prev;
    for (let at = from; ; at = prev[at] as number) {
      this.add(at);
      if (at === to) return this;
    }
  }

  /** Appends the suffix of a route that starts at `node`: c, q and tw then describe the whole route. */
  close(node: number): this {
    const s = this.s;
    const m = s.model;
    const j = s.loc(node);
    const t = m.time[this.last * s.size + j] as number;
    const delta = this.d - this.tw + t;
    const warp = Math.max(this.e + delta - (s.bL[node] as number), 0);
    this.c += (m.distance[this.last * s.size + j] as number) + (s.bC[node] as number);
    this.tw += (s.bTW[node] as number) + warp;
    this.q += s.bQ[node] as number;
    return this;
  }

  /** Appends the suffix of a route that starts at `node` and returns the penalised cost of the whole. */
  suffixCost(node: number): number {
    this.close(node);
    return this.s.penalised(this.c, this.tw, this.q);
  }
}
