// Granular local search over a RouteState (after Vidal's hybrid genetic search): for every client u
// and each of its nearest clients v, try relocating u (or u with its successor x, either way round)
// after v, swapping u/(u,x) with v/(v,y), 2-opt inside a route and 2-opt* between routes; the first
// move that lowers the penalised cost is applied. Moves are priced in O(1) from the prefix/suffix
// segment data (only moves inside one route walk the stretch between u and v). A cheap lower bound
// from distances alone skips most candidates before the time-window data are touched.
import { createRandom, type Random, shuffle } from "./random.js";
import { type Penalties, RouteState } from "./route-state.js";
import { exchangeTails, reverseAfter, swapNodes } from "./route-edits.js";
import { Segment } from "./segment.js";
import type { RoutingModel } from "./routing-model.js";
import { SwapStar } from "./swap-star.js";

/** A move must gain more than this to count (guards against cycling on rounding noise). */
const GAIN = 1e-9;

export class LocalSearch {
  readonly state: RouteState;
  private readonly neighbours: readonly Int32Array[];
  private readonly random: Random;
  private readonly a: Segment;
  private readonly b: Segment;
  private readonly dist: Float64Array;
  private readonly size: number;
  private readonly symmetric: boolean;
  /** Per client: the move counter when its neighbourhood was last fully tried. */
  private readonly lastTried: Float64Array;
  private readonly order: Int32Array;
  private readonly swapStar: SwapStar;

  constructor(model: RoutingModel, neighbours: readonly Int32Array[], seed: number, slots = model.vehicles) {
    this.state = new RouteState(model, slots);
    this.neighbours = neighbours;
    this.random = createRandom(seed);
    this.a = new Segment(this.state);
    this.b = new Segment(this.state);
    this.dist = model.distance;
    this.size = model.n + 1;
    this.symmetric = isSymmetric(model.distance, this.size);
    this.lastTried = new Float64Array(model.n + 1);
    this.order = new Int32Array(model.n);
    for (let i = 0; i < model.n; i++) this.order[i] = i + 1;
    this.swapStar = new SwapStar(this.state);
  }

  /**
   * Descends to a local optimum of the penalised cost of the loaded solution. `incremental`: only
   * pairs of clients whose routes changed since they were last tried are tried again (for a
   * solution that was a local optimum before a few routes changed, as in ruin and recreate).
   */
  run(penalties: Penalties, useSwapStar = true, incremental = false): void {
    const s = this.state;
    s.penalties = penalties;
    s.reprice();
    if (!incremental) {
      // Costs change with the penalties: every route counts as changed. A new order of clients and
      // neighbours per full descent; incremental descents (many, short) keep theirs.
      s.moves++;
      s.routeChanged.fill(s.moves);
      this.lastTried.fill(-1);
      for (const list of this.neighbours) shuffle(list, this.random);
      shuffle(this.order, this.random);
    }
    let improved = true;
    for (let loop = incremental ? 1 : 0; improved; loop++) {
      improved = false;
      for (let k = 0; k < this.order.length; k++) {
        const u = this.order[k] as number;
        if ((s.route[u] as number) < 0) continue;
        const tried = this.lastTried[u] as number;
        this.lastTried[u] = s.moves;
        const list = this.neighbours[u] as Int32Array;
        for (let j = 0; j < list.length; j++) {
          const v = list[j] as number;
          const rv = s.route[v] as number;
          if (rv < 0) continue;
          const ru = s.route[u] as number;
          if (loop > 0 && Math.max(s.routeChanged[ru] as number, s.routeChanged[rv] as number) <= tried) continue;
          if (this.tryPair(u, v)) {
            improved = true;
            continue;
          }
          const pv = s.prev[v] as number;
          if (s.isDepot(pv) && this.tryAfterDepot(u, pv)) improved = true;
        }
        if (loop > 0) {
          const empty = this.emptySlot();
          if (empty >= 0 && this.tryAfterDepot(u, s.startDepot(empty))) improved = true;
        }
      }
      if (useSwapStar && this.swapStar.run()) improved = true;
    }
  }

  private emptySlot(): number {
    const s = this.state;
    for (let r = 0; r < s.slots; r++) if (s.routeSize[r] === 0) return r;
    return -1;
  }

  /** Penalty part (cost above distance) of a route, the most a move can win back beyond distance. */
  private slack(r: number): number {
    const s = this.state;
    return (s.routeCost[r] as number) - (s.fC[s.endDepot(r)] as number);
  }

  // The pair being examined, set by setPair (as in HGS: read once, used by every move):
  // u, its predecessor pu, successor x and x's successor xx; v, its predecessor pv and successor
  // y. l* are their model indices (depot nodes → 0), so D[la * size + lb] is the distance a → b.
  private u = 0;
  private pu = 0;
  private x = 0;
  private xx = 0;
  private ru = 0;
  private lpu = 0;
  private lx = 0;
  private lxx = 0;
  private v = 0;
  private pv = 0;
  private y = 0;
  private rv = 0;
  private lv = 0;
  private lpv = 0;
  private ly = 0;

  private setPair(u: number, v: number): void {
    const s = this.state;
    const n = s.n;
    this.u = u;
    this.pu = s.prev[u] as number;
    this.x = s.next[u] as number;
    this.xx = this.x <= n ? (s.next[this.x] as number) : -1;
    this.ru = s.route[u] as number;
    this.lpu = this.pu <= n ? this.pu : 0;
    this.lx = this.x <= n ? this.x : 0;
    this.lxx = this.xx >= 0 && this.xx <= n ? this.xx : 0;
    this.v = v;
    this.pv = s.prev[v] as number;
    this.y = s.next[v] as number;
    this.rv = s.route[v] as number;
    this.lv = v <= n ? v : 0;
    this.lpv = this.pv >= 0 && this.pv <= n ? this.pv : 0;
    this.ly = this.y <= n ? this.y : 0;
  }

  private tryPair(u: number, v: number): boolean {
    this.setPair(u, v);
    const n = this.state.n;
    if (this.ru === this.rv) {
      return this.relocate() || this.relocatePair(false) || this.relocatePair(true) || this.swap() || this.twoOpt();
    }
    return (
      this.relocate() ||
      this.relocatePair(false) ||
      this.relocatePair(true) ||
      this.swap() ||
      (this.x <= n && this.swapPairWith(false)) ||
      (this.x <= n && this.y <= n && this.swapPairWith(true)) ||
      this.twoOptStar()
    );
  }

  /** Moves that put u (or u and its successor) right after a start depot, or swap route tails there. */
  private tryAfterDepot(u: number, depot: number): boolean {
    this.setPair(u, depot);
    return this.relocate() || this.relocatePair(false) || this.relocatePair(true) || (this.ru !== this.rv && this.twoOptStar());
  }

  private commit(ru: number, rv: number): void {
    const s = this.state;
    s.moves++;
    s.update(ru);
    if (rv !== ru) s.update(rv);
  }

  /** Relocate u after v. */
  private relocate(): boolean {
    const { u, v, pu, x, y, ru, rv } = this;
    if (v === pu || v === u) return false;
    const s = this.state;
    const D = this.dist;
    const size = this.size;
    const { lpu, lx, lv, ly } = this;
    const bound = (D[lpu * size + lx] as number) - (D[lpu * size + u] as number) - (D[u * size + lx] as number) + (D[lv * size + u] as number) + (D[u * size + ly] as number) - (D[lv * size + ly] as number);
    if (bound >= this.slack(ru) + (ru === rv ? 0 : this.slack(rv)) - GAIN) return false;
    let delta: number;
    if (ru !== rv) {
      delta = this.a.prefix(pu).suffixCost(x) + this.b.prefix(v).add(u).suffixCost(y) - (s.routeCost[ru] as number) - (s.routeCost[rv] as number);
    } else if ((s.pos[u] as number) < (s.pos[v] as number)) {
      delta = this.a.prefix(pu).addRange(x, v).add(u).suffixCost(y) - (s.routeCost[ru] as number);
    } else {
      delta = this.a.prefix(v).add(u).addRange(y, pu).suffixCost(x) - (s.routeCost[ru] as number);
    }
    if (delta > -GAIN) return false;
    s.unlink(u);
    s.linkAfter(u, v);
    this.commit(ru, rv);
    return true;
  }

  /** Relocate u and its successor x after v, as (u, x) or, when `reversed`, as (x, u). */
  private relocatePair(reversed: boolean): boolean {
    const { u, v, pu, x, xx, y, ru, rv } = this;
    const s = this.state;
    if (x > s.n || v === pu || v === u || v === x) return false;
    const D = this.dist;
    const size = this.size;
    const { lpu, lxx, lv, ly } = this;
    const first = reversed ? x : u;
    const second = reversed ? u : x;
    const bound =
      (D[lpu * size + lxx] as number) - (D[lpu * size + u] as number) - (D[u * size + x] as number) - (D[x * size + lxx] as number) +
      (D[lv * size + first] as number) + (D[first * size + second] as number) + (D[second * size + ly] as number) - (D[lv * size + ly] as number);
    if (bound >= this.slack(ru) + (ru === rv ? 0 : this.slack(rv)) - GAIN) return false;
    let delta: number;
    if (ru !== rv) {
      delta = this.a.prefix(pu).suffixCost(xx) + this.b.prefix(v).add(first).add(second).suffixCost(y) - (s.routeCost[ru] as number) - (s.routeCost[rv] as number);
    } else if ((s.pos[u] as number) < (s.pos[v] as number)) {
      delta = this.a.prefix(pu).addRange(xx, v).add(first).add(second).suffixCost(y) - (s.routeCost[ru] as number);
    } else {
      delta = this.a.prefix(v).add(first).add(second).addRange(y, pu).suffixCost(xx) - (s.routeCost[ru] as number);
    }
    if (delta > -GAIN) return false;
    s.unlink(u);
    s.unlink(x);
    s.linkAfter(first, v);
    s.linkAfter(second, first);
    this.commit(ru, rv);
    return true;
  }

  /** Swap clients u and v (not neighbours in a route: relocation covers those). */
  private swap(): boolean {
    const { u, v, pu, x, pv, y, ru, rv } = this;
    const s = this.state;
    if (v > s.n || v === pu || v === x) return false;
    const D = this.dist;
    const size = this.size;
    const { lpu, lx, lpv, ly } = this;
    const bound =
      (D[lpu * size + v] as number) + (D[v * size + lx] as number) - (D[lpu * size + u] as number) - (D[u * size + lx] as number) +
      (D[lpv * size + u] as number) + (D[u * size + ly] as number) - (D[lpv * size + v] as number) - (D[v * size + ly] as number);
    if (bound >= this.slack(ru) + (ru === rv ? 0 : this.slack(rv)) - GAIN) return false;
    let delta: number;
    if (ru !== rv) {
      delta = this.a.prefix(pu).add(v).suffixCost(x) + this.b.prefix(pv).add(u).suffixCost(y) - (s.routeCost[ru] as number) - (s.routeCost[rv] as number);
    } else if ((s.pos[u] as number) < (s.pos[v] as number)) {
      delta = this.a.prefix(pu).add(v).addRange(x, pv).add(u).suffixCost(y) - (s.routeCost[ru] as number);
    } else {
      delta = this.a.prefix(pv).add(u).addRange(y, pu).add(v).suffixCost(x) - (s.routeCost[ru] as number);
    }
    if (delta > -GAIN) return false;
    swapNodes(s, u, v);
    this.commit(ru, rv);
    return true;
  }

  /** Between routes: swap (u, x) with v, or with (v, y) when `withPair`. */
  private swapPairWith(withPair: boolean): boolean {
    const { u, v, pu, x, xx, pv, y, ru, rv } = this;
    const s = this.state;
    if (v > s.n) return false;
    const lastV = withPair ? y : v;
    const after = s.next[lastV] as number;
    const D = this.dist;
    const size = this.size;
    const { lpu, lxx, lpv } = this;
    const lafter = after <= s.n ? after : 0;
    const bound =
      (D[lpu * size + v] as number) + (D[lastV * size + lxx] as number) - (D[lpu * size + u] as number) - (D[x * size + lxx] as number) +
      (D[lpv * size + u] as number) + (D[x * size + lafter] as number) - (D[lpv * size + v] as number) - (D[lastV * size + lafter] as number);
    if (bound >= this.slack(ru) + this.slack(rv) - GAIN) return false;
    this.a.prefix(pu).add(v);
    if (withPair) this.a.add(y);
    const delta = this.a.suffixCost(xx) + this.b.prefix(pv).add(u).add(x).suffixCost(after) - (s.routeCost[ru] as number) - (s.routeCost[rv] as number);
    if (delta > -GAIN) return false;
    s.unlink(u);
    s.unlink(x);
    s.unlink(v);
    if (withPair) s.unlink(y);
    s.linkAfter(v, pu);
    if (withPair) s.linkAfter(y, v);
    s.linkAfter(u, pv);
    s.linkAfter(x, u);
    this.commit(ru, rv);
    return true;
  }

  /** Inside one route: reverse the stretch between u and v (whichever comes first keeps its place). */
  private twoOpt(): boolean {
    const s = this.state;
    const { u, v } = this;
    let first = u;
    let last = v;
    if ((s.pos[u] as number) > (s.pos[v] as number)) {
      first = v;
      last = u;
    }
    const x = s.next[first] as number;
    if (x === last) return false;
    const y = s.next[last] as number;
    const r = this.ru;
    if (this.symmetric) {
      const D = this.dist;
      const size = this.size;
      const ly = y <= s.n ? y : 0;
      const bound = (D[first * size + last] as number) + (D[x * size + ly] as number) - (D[first * size + x] as number) - (D[last * size + ly] as number);
      if (bound >= this.slack(r) - GAIN) return false;
    }
    const delta = this.a.prefix(first).addReversed(last, x).suffixCost(y) - (s.routeCost[r] as number);
    if (delta > -GAIN) return false;
    reverseAfter(s, first, last);
    this.commit(r, r);
    return true;
  }

  /** Between routes: u continues with v's successors and v with u's. */
  private twoOptStar(): boolean {
    const { u, v, x, y, ru, rv, lx, lv, ly } = this;
    const s = this.state;
    const D = this.dist;
    const size = this.size;
    const bound = (D[u * size + ly] as number) + (D[lv * size + lx] as number) - (D[u * size + lx] as number) - (D[lv * size + ly] as number);
    if (bound >= this.slack(ru) + this.slack(rv) - GAIN) return false;
    const delta = this.a.prefix(u).suffixCost(y) + this.b.prefix(v).suffixCost(x) - (s.routeCost[ru] as number) - (s.routeCost[rv] as number);
    if (delta > -GAIN) return false;
    exchangeTails(s, u, v);
    this.commit(ru, rv);
    return true;
  }
}

function isSymmetric(matrix: Float64Array, size: number): boolean {
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) if (matrix[i * size + j] !== matrix[j * size + i]) return false;
  return true;
}
