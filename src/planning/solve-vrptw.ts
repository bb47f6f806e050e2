// VRPTW entry point: options checked, construction for a time limit of 0, the genetic search
// otherwise, and every answer checked by the independent validator before it is returned.
import { ok, type Result } from "../domain/result.js";
import { constructRoutes } from "./construction.js";
import { geneticSearch } from "./genetic-search.js";
import type { VrptwInstance } from "./instance.js";
import { modelFromVrptw } from "./routing-model.js";
import { checkOptions, type OptionsError, type SolveOptions } from "./solve-options.js";
import { type Check, validateVrptw } from "./validate.js";

export interface VrptwPlan {
  /** Routes as node indices 1..n in visiting order (instance.labels gives the file's numbers). */
  readonly routes: number[][];
  /** The validator's verdict and recomputed distance; `check.valid` false means no feasible plan was found. */
  readonly check: Check;
  readonly iterations: number;
}

export function solveVrptw(instance: VrptwInstance, options: SolveOptions): Result<VrptwPlan, OptionsError> {
  const checked = checkOptions(options);
  if (!checked.ok) return checked;
  const model = modelFromVrptw(instance);
  if (options.timeLimitMs === 0 || options.maxIterations === 0 || model.n === 0) {
    const routes = constructRoutes(model);
    return ok({ routes, check: validateVrptw(instance, routes), iterations: 0 });
  }
  const limits = { timeLimitMs: options.timeLimitMs, now: options.now, ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }) };
  const result = geneticSearch(model, options.seed, limits);
  return ok({ routes: result.routes, check: validateVrptw(instance, result.routes), iterations: result.iterations });
}
