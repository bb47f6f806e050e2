// SWAP* (Vidal 2022): exchange a client u of one route with a client v of another, where each goes
// to its best position in the other route rather than into the other's place. Candidates are
// ranked on distance and load (each client's three cheapest insertion positions per route are kept),
// and only the best-ranked exchange of a route pair is priced exactly with time windows.
import type { RouteState } from "./route-state.js";
import { Segment } from "./segment.js";

/** Three cheapest insertion points of a client into a route: positions are "after node". */
class TopThree {
  cost = new Float64Array(3);
  after = new Int32Array(3);

  reset(): void {
    this.cost.fill(Number.POSITIVE_INFINITY);
    this.after.fill(-1);
  }

  offer(cost: number, after: number): void {
    const c = this.cost;
    const a = this.after;
    if (cost >= (c[2] as number)) return;
    if (cost < (c[0] as number)) {
      c[2] = c[1] as number;
      a[2] = a[1] as number;
      c[1] = c[0] as number;
      a[1] = a[0] as number;
      c[0] = cost;
      a[0] = after;
    } else if (cost < (c[1] as number)) {
      c[2] = c[1] as number;
      a[2] = a[1] as number;
      c[1] = cost;
      a[1] = after;
    } else {
      c[2] = cost;
      a[2] = after;
    }
  }
}

export class SwapStar {
  private readonly s: RouteState;
  private readonly seg: Segment;
  /** Per client: its best insertion points into the other route of the pair being examined. */
  private readonly top: TopThree[];
  /** lastTried[r1 * slots + r2]: move counter when the pair was last examined. */
  private readonly lastTried: Float64Array;

  constructor(state: RouteState) {
    this.s = state;
    this.seg = new Segment(state);
    this.top = Array.from({ length: state.n + 1 }, () => new TopThree());
    this.lastTried = new Float64Array(state.slots * state.slots).fill(-1);
    this.nodes = new Int32Array(state.n + 2);
    this.locs = new Int32Array(state.n + 2);
    this.sectorStart = new Int32Array(state.slots);
    this.sectorWidth = new Int32Array(state.slots);
    const { x, y } = state.model;
    this.angle = new Int32Array(state.n + 1);
    for (let u = 1; u <= state.n; u++) {
      const turn = Math.atan2((y[u] as number) - (y[0] as number), (x[u] as number) - (x[0] as number)) / (2 * Math.PI);
      this.angle[u] = Math.floor((turn + 1) * 65536) & 65535;
    }
  }

  /** One pass over the pairs of routes whose polar sectors overlap; true when some exchange was applied. */
  run(): boolean {
    const s = this.s;
    let improved = false;
    for (let r = 0; r < s.slots; r++) this.updateSector(r);
    for (let r1 = 0; r1 < s.slots; r1++) {
      if (s.routeSize[r1] === 0) continue;
      for (let r2 = r1 + 1; r2 < s.slots; r2++) {
        if (s.routeSize[r2] === 0 || s.routeSize[r1] === 0) continue;
        const key = r1 * s.slots + r2;
        const tried = this.lastTried[key] as number;
        if (Math.max(s.routeChanged[r1] as number, s.routeChanged[r2] as number) <= tried) continue;
        if (!this.overlap(r1, r2)) continue;
        this.lastTried[key] = s.moves;
        if (this.tryPair(r1, r2)) {
          improved = true;
          this.updateSector(r1);
          this.updateSector(r2);
        }
      }
    }
    return improved;
  }

  /**
   * The smallest circle sector around the depot holding a route's clients, as angles in
   * 1/65536 of a turn: sectorStart[r] … sectorStart[r] + sectorWidth[r] (mod 65536).
   */
  private readonly sectorStart: Int32Array;
  private readonly sectorWidth: Int32Array;
  /** Per client: its polar angle around the depot in 1/65536 of a turn. */
  private readonly angle: Int32Array;

  private updateSector(r: number): void {
    const s = this.s;
    let start = -1;
    let width = 0;
    for (let u = s.next[s.startDepot(r)] as number; u <= s.n; u = s.next[u] as number) {
      const a = this.angle[u] as number;
      if (start < 0) {
        start = a;
        continue;
      }
      const offset = (a - start + 65536) & 65535;
      if (offset <= width) continue;
      // Extend on the side that needs less.
      const before = (start - a + 65536) & 65535;
      if (before < offset - width) {
        start = a;
        width += before;
      } else {
        width = offset;
      }
    }
    this.sectorStart[r] = Math.max(0, start);
    this.sectorWidth[r] = width;
  }

  private overlap(r1: number, r2: number): boolean {
    const a = this.sectorStart[r1] as number;
    const b = this.sectorStart[r2] as number;
    return ((b - a + 65536) & 65535) <= (this.sectorWidth[r1] as number) || ((a - b + 65536) & 65535) <= (this.sectorWidth[r2] as number);
  }

  private d(from: number, to: number): number {
    const s = this.s;
    return s.model.distance[s.loc(from) * s.size + s.loc(to)] as number;
  }

  /** Scratch: the nodes of the route being inserted into (start depot first) and their model indices. */
  private readonly nodes: Int32Array;
  private readonly locs: Int32Array;

  private fillTop(from: number, into: number): void {
    const s = this.s;
    const D = s.model.distance;
    const size = s.size;
    const end = s.endDepot(into);
    let count = 0;
    for (let p = s.startDepot(into); p !== end; p = s.next[p] as number) {
      this.nodes[count] = p;
      this.locs[count++] = p <= s.n ? p : 0;
    }
    this.locs[count] = 0;
    for (let u = s.next[s.startDepot(from)] as number; u <= s.n; u = s.next[u] as number) {
      const top = this.top[u] as TopThree;
      top.reset();
      for (let k = 0; k < count; k++) {
        const lp = this.locs[k] as number;
        const lq = this.locs[k + 1] as number;
        top.offer((D[lp * size + u] as number) + (D[u * size + lq] as number) - (D[lp * size + lq] as number), this.nodes[k] as number);
      }
    }
  }

  /** Cheapest insertion of u into v's route once v is gone: returns cost, sets `bestAfter`. */
  private insertWithout(u: number, v: number): number {
    const s = this.s;
    const top = this.top[u] as TopThree;
    const pv = s.prev[v] as number;
    const yv = s.next[v] as number;
    // In v's place.
    let best = this.d(pv, u) + this.d(u, yv) - this.d(pv, yv);
    this.bestAfter = pv;
    for (let k = 0; k < 3; k++) {
      const after = top.after[k] as number;
      if (after < 0) break;
      if (after === v || after === pv) continue;
      const cost = top.cost[k] as number;
      if (cost < best) {
        best = cost;
        this.bestAfter = after;
      }
      break;
    }
    return best;
  }

  private bestAfter = -1;

  private tryPair(r1: number, r2: number): boolean {
    const s = this.s;
    this.fillTop(r1, r2);
    this.fillTop(r2, r1);
    const capacity = s.model.capacity;
    const loadPenalty = s.penalties.load;
    const load1 = s.fQ[s.endDepot(r1)] as number;
    const load2 = s.fQ[s.endDepot(r2)] as number;
    const excess = (q: number) => (q > capacity ? (q - capacity) * loadPenalty : 0);
    const base = excess(load1) + excess(load2);
    let bestDelta = -1e-9;
    let bestU = -1;
    let bestV = -1;
    let afterU = -1;
    let afterV = -1;
    const demand = s.model.demand;
    for (let u = s.next[s.startDepot(r1)] as number; u <= s.n; u = s.next[u] as number) {
      const removeU = this.d(s.prev[u] as number, s.next[u] as number) - this.d(s.prev[u] as number, u) - this.d(u, s.next[u] as number);
      for (let v = s.next[s.startDepot(r2)] as number; v <= s.n; v = s.next[v] as number) {
        const shift = (demand[v] as number) - (demand[u] as number);
        const loads = excess(load1 + shift) + excess(load2 - shift) - base;
        const removeV = this.d(s.prev[v] as number, s.next[v] as number) - this.d(s.prev[v] as number, v) - this.d(v, s.next[v] as number);
        const partial = removeU + removeV + loads;
        const insertU = this.insertWithout(u, v);
        const whereU = this.bestAfter;
        const insertV = this.insertWithout(v, u);
        const whereV = this.bestAfter;
        const delta = partial + insertU + insertV;
        if (delta < bestDelta) {
          bestDelta = delta;
          bestU = u;
          bestV = v;
          afterU = whereU;
          afterV = whereV;
        }
      }
    }
    if (bestU < 0) return false;
    const cost1 = this.routeCost(r1, bestU, bestV, afterV);
    const cost2 = this.routeCost(r2, bestV, bestU, afterU);
    if (cost1 + cost2 - (s.routeCost[r1] as number) - (s.routeCost[r2] as number) > -1e-9) return false;
    s.unlink(bestU);
    s.unlink(bestV);
    s.linkAfter(bestV, afterV);
    s.linkAfter(bestU, afterU);
    s.moves++;
    s.update(r1);
    s.update(r2);
    return true;
  }

  /** Exact penalised cost of route r with `removed` taken out and `inserted` placed after `after`. */
  private routeCost(r: number, removed: number, inserted: number, after: number): number {
    const s = this.s;
    const seg = this.seg;
    // Unchanged prefix up to the first node before either change.
    const pr = s.prev[removed] as number;
    const head = (s.pos[after] as number) < (s.pos[pr] as number) ? after : pr;
    seg.prefix(head);
    if (head === after) seg.add(inserted);
    const end = s.endDepot(r);
    for (let at = s.next[head] as number; at !== end; at = s.next[at] as number) {
      if (at !== removed) seg.add(at);
      if (at === after) seg.add(inserted);
    }
    return seg.suffixCost(end);
  }
}
