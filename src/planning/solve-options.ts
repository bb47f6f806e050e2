// The options every solver takes, checked once: a bad time limit or seed is data for the caller,
// not an exception.
import { err, ok, type Result } from "../domain/result.js";

export interface SolveOptions {
  /** Any integer; the same seed (and the same number of iterations) gives the same plan. */
  readonly seed: number;
  /** Milliseconds of search; 0 returns the construction. */
  readonly timeLimitMs: number;
  /** The caller's clock in milliseconds (planning/ reads none itself). */
  readonly now: () => number;
  /** Optional cap on search iterations, for runs that must not depend on machine speed. */
  readonly maxIterations?: number;
}

export interface OptionsError {
  readonly code: "time_limit_invalid" | "seed_invalid" | "iterations_invalid";
  readonly message: string;
}

export function checkOptions(options: SolveOptions): Result<SolveOptions, OptionsError> {
  if (!Number.isFinite(options.timeLimitMs) || options.timeLimitMs < 0) {
    return err({ code: "time_limit_invalid", message: `the time limit must be 0 or more milliseconds, got ${options.timeLimitMs}` } as const);
  }
  if (!Number.isSafeInteger(options.seed)) return err({ code: "seed_invalid", message: `the seed must be a whole number, got ${options.seed}` } as const);
  if (options.maxIterations !== undefined && (!Number.isInteger(options.maxIterations) || options.maxIterations < 0)) {
    return err({ code: "iterations_invalid", message: `the iteration limit must be a whole number ≥ 0, got ${options.maxIterations}` } as const);
  }
  return ok(options);
}
