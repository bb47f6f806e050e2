// Pricing a sequence of visits from segment data (Vidal et al. 2013; the data are described in
// route-state.ts): start from a route prefix, append visits or stretches of a route, close with a
// route suffix, and read the distance, load and time warp of the whole in O(1) per piece.
import type { RouteState } from "./route-state.js";

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
