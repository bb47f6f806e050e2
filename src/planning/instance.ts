// Problem data of the planning solvers. Node 0 is always the depot (or the rep's home); nodes
// 1..n are the customers in file order. Matrices are row-major Float64Array of size (n+1)², so
// `matrix[i * (n + 1) + j]` is the value from node i to node j. Units are those of the input:
// for the benchmark files distance = travel time (speed 1), in the files' coordinate units.

/** Vehicle routing with time windows (Solomon, Gehring & Homberger). */
export interface VrptwInstance {
  readonly name: string;
  /** Vehicles available: an upper bound on the number of routes, not a requirement. */
  readonly vehicles: number;
  readonly capacity: number;
  /** Per node (0 = depot): coordinates. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Per node: load picked up (0 for the depot). */
  readonly demand: Float64Array;
  /** Per node: earliest and latest start of service; for the depot: earliest departure, latest return. */
  readonly ready: Float64Array;
  readonly due: Float64Array;
  /** Per node: service duration. */
  readonly service: Float64Array;
  /** Per node: the customer number in the file (printed in routes). */
  readonly labels: Int32Array;
  /** Travel distance i → j (the objective). */
  readonly distance: Float64Array;
  /** Travel time i → j (for the benchmark files the same array as `distance`). */
  readonly time: Float64Array;
}

/** Periodic vehicle routing (Cordeau's format): every customer visited `frequency` times in the period. */
export interface PvrpInstance {
  readonly name: string;
  readonly days: number;
  readonly vehiclesPerDay: number;
  /** Per day (index 0 = day 1): capacity of each vehicle. */
  readonly capacity: Float64Array;
  /** Per day: maximum route duration (travel + service); Infinity when the file gives 0 (no limit). */
  readonly maxDuration: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Per node (0 = depot): demand per visit and service duration per visit. */
  readonly demand: Float64Array;
  readonly service: Float64Array;
  /** Per node: visits in the period (0 for the depot). */
  readonly frequency: Int32Array;
  /**
   * Per node: the allowed day combinations as bit masks with bit d set when day d + 1 is visited.
   * (The file codes day 1 as the leftmost bit of a t-bit string; the parser converts.)
   */
  readonly combinations: readonly (readonly number[])[];
  readonly labels: Int32Array;
  /** Travel distance i → j, also the travel time. */
  readonly distance: Float64Array;
}

/** A malformed input file: the 1-based line where reading stopped and why. */
export interface ParseError {
  readonly line: number;
  readonly reason: string;
}

/** Euclidean distances between all nodes, in double precision (no rounding, as the benchmarks ask). */
export function euclideanMatrix(x: Float64Array, y: Float64Array): Float64Array {
  const size = x.length;
  const matrix = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const d = Math.hypot((x[i] as number) - (x[j] as number), (y[i] as number) - (y[j] as number));
      matrix[i * size + j] = d;
      matrix[j * size + i] = d;
    }
  }
  return matrix;
}

/** True when bit `day` (0-based) of a day mask is set. */
export function visitsOnDay(mask: number, day: number): boolean {
  return ((mask >>> day) & 1) === 1;
}
