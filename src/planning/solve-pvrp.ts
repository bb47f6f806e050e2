// PVRP entry point: options checked, construction only for a time limit of 0, and every answer
// checked by the independent validator before it is returned.
import { ok, type Result } from "../domain/result.js";
import type { PvrpInstance } from "./instance.js";
import { pvrpSearch } from "./pvrp-search.js";
import { checkOptions, type OptionsError, type SolveOptions } from "./solve-options.js";
import { type Check, validatePvrp } from "./validate.js";

export interface PvrpPlan {
  /** days[d]: routes of day d + 1 as node indices in visiting order. */
  readonly days: number[][][];
  /** The validator's verdict and recomputed distance. */
  readonly check: Check;
  readonly iterations: number;
}

export function solvePvrp(instance: PvrpInstance, options: SolveOptions): Result<PvrpPlan, OptionsError> {
  const checked = checkOptions(options);
  if (!checked.ok) return checked;
  const constructionOnly = options.timeLimitMs === 0 || options.maxIterations === 0;
  const limits = { timeLimitMs: options.timeLimitMs, now: options.now, constructionOnly, ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }) };
  const result = pvrpSearch(instance, options.seed, limits);
  return ok({ days: result.days, check: validatePvrp(instance, result.days), iterations: result.iterations });
}
