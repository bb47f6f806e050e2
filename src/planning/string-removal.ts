// SISR ruin and recreate (Christiaens & Vanden Berghe 2020, "slack induction by string removals"):
// remove a few strings of consecutive clients from routes near a random seed client, then put the
// removed clients back one by one at their cheapest position with blinks. Strings free room in
// several neighbouring routes at once, which single-client moves cannot do.
import { bestInsertion, type Insertion } from "./insertion.js";
import type { Random } from "./random.js";
import { shuffle } from "./random.js";
import type { RouteState } from "./route-state.js";
import { Segment } from "./segment.js";

export interface StringRemovalParameters {
  /** Mean number of clients removed (SISR's c̄). */
  averageRemoved: number;
  /** Longest string (SISR's L^max). */
  maxString: number;
  /** Probability that recreate skips a position (SISR's blink rate). */
  blink: number;
}

export const DEFAULT_STRING_REMOVAL: StringRemovalParameters = { averageRemoved: 10, maxString: 10, blink: 0.01 };

export class StringRemoval {
  private readonly s: RouteState;
  private readonly random: Random;
  /** byDistance[i]: the other clients by increasing distance from client i. */
  private readonly byDistance: readonly Int32Array[];
  private readonly p: StringRemovalParameters;
  private readonly seg: Segment;
  private readonly removed: number[] = [];
  private readonly ruined: Uint8Array;
  private readonly insertion: Insertion = { cost: 0, after: -1 };

  constructor(state: RouteState, byDistance: readonly Int32Array[], random: Random, parameters = DEFAULT_STRING_REMOVAL) {
    this.s = state;
    this.byDistance = byDistance;
    this.random = random;
    this.p = parameters;
    this.seg = new Segment(state);
    this.ruined = new Uint8Array(state.slots);
  }

  /** Ruins and recreates the solution loaded in the state (route data kept up to date). */
  apply(): void {
    const s = this.s;
    const random = this.random;
    let clients = 0;
    let routes = 0;
    for (let r = 0; r < s.slots; r++) {
      clients += s.routeSize[r] as number;
      if ((s.routeSize[r] as number) > 0) routes++;
    }
    if (clients === 0) return;
    const longest = Math.min(this.p.maxString, clients / Math.max(1, routes));
    const maxStrings = (4 * this.p.averageRemoved) / (1 + longest) - 1;
    const strings = Math.max(1, Math.floor(random.next() * maxStrings) + 1);
    this.removed.length = 0;
    this.ruined.fill(0);
    let seed = 1 + random.int(s.n);
    while ((s.route[seed] as number) < 0) seed = 1 + random.int(s.n);
    let done = 0;
    const around = this.byDistance[seed] as Int32Array;
    for (let k = -1; k < around.length && done < strings; k++) {
      const c = k < 0 ? seed : (around[k] as number);
      const r = s.route[c] as number;
      if (r < 0 || this.ruined[r]) continue;
      const size = s.routeSize[r] as number;
      const length = 1 + Math.floor(random.next() * Math.min(size, longest));
      // A string of `length` consecutive clients containing c: step back a random amount first.
      let first = c;
      for (let back = random.int(length); back > 0 && (s.prev[first] as number) <= s.n; back--) first = s.prev[first] as number;
      for (let at = first, left = length; left > 0 && at <= s.n; left--) {
        const following = s.next[at] as number;
        s.unlink(at);
        s.route[at] = -1;
        this.removed.push(at);
        at = following;
      }
      s.moves++;
      s.update(r);
      this.ruined[r] = 1;
      done++;
    }
    this.recreate();
  }

  /** SISR's orders: random (4), largest demand first (4), farthest from the depot (2), closest (1). */
  private recreate(): void {
    const s = this.s;
    const m = s.model;
    const removed = this.removed;
    const pick = this.random.int(11);
    if (pick < 4) shuffle(removed, this.random);
    else if (pick < 8) removed.sort((a, b) => (m.demand[b] as number) - (m.demand[a] as number) || a - b);
    else if (pick < 10) removed.sort((a, b) => (m.distance[b] as number) - (m.distance[a] as number) || a - b);
    else removed.sort((a, b) => (m.distance[a] as number) - (m.distance[b] as number) || a - b);
    for (const u of removed) {
      bestInsertion(s, this.seg, u, this.insertion, this.p.blink, this.random.next);
      s.insert(u, this.insertion.after);
    }
  }
}

/** byDistance[i]: the other clients 1..n by increasing distance from i (index 0 unused). */
export function clientsByDistance(distance: Float64Array, n: number): Int32Array[] {
  const size = n + 1;
  const out: Int32Array[] = [new Int32Array(0)];
  const others = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i <= n; i++) {
    let k = 0;
    for (let j = 1; j <= n; j++) if (j !== i) others[k++] = j;
    const row = i * size;
    out.push(Int32Array.from(others).sort((a, b) => (distance[row + a] as number) - (distance[row + b] as number) || a - b));
  }
  return out;
}
