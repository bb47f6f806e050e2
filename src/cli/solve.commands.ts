// koers solve vrptw|pvrp FILE: the planning solvers on benchmark files (Solomon / Gehring &
// Homberger, Cordeau PVRP). This file does the I/O the pure solvers in planning/ may not: it reads
// the file and the clock. A malformed file is reported with its line and reason, exit code 1.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import type { ParseError } from "../planning/instance.js";
import { parseCordeau } from "../planning/parse-cordeau.js";
import { parseSolomon } from "../planning/parse-solomon.js";
import { solvePvrp } from "../planning/solve-pvrp.js";
import { solveVrptw } from "../planning/solve-vrptw.js";
import type { Check } from "../planning/validate.js";

interface SolveOptions {
  seconds: number;
  seed: number;
  json?: boolean;
}

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("must be a number of seconds");
  return n;
}

function seed(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError("must be a whole number");
  return n;
}

/** The file's text, or undefined after reporting why it cannot be read. */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    console.error(`koers: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return undefined;
  }
}

function reportParseError(file: string, error: ParseError): void {
  console.error(`koers: ${file}: line ${error.line}: ${error.reason}`);
  process.exitCode = 1;
}

/** A plan that fails the validator is still printed, its violations go to stderr, exit code 1. */
function reportCheck(check: Check): void {
  if (check.valid) return;
  console.error(`koers: no feasible plan found (${check.violations.length} violations):`);
  for (const v of check.violations.slice(0, 20)) console.error(`  ${v.message}`);
  process.exitCode = 1;
}

const clock = () => performance.now();

export function registerSolveCommands(program: Command): void {
  const solve = program.command("solve").description("solve routing benchmark files with the planning solver");

  solve
    .command("vrptw")
    .description("vehicle routing with time windows (Solomon / Gehring & Homberger format): minimise total distance")
    .argument("<file>", "instance file")
    .option("--seconds <s>", "time limit in seconds (0 = construction only)", seconds, 5)
    .option("--seed <n>", "random seed", seed, 1)
    .option("--json", 'print {"distance","vehicles","routes"} as JSON')
    .action((file: string, opts: SolveOptions) => {
      const text = readText(file);
      if (text === undefined) return;
      const parsed = parseSolomon(text);
      if (!parsed.ok) return reportParseError(file, parsed.error);
      const instance = parsed.value;
      const result = solveVrptw(instance, { seed: opts.seed, timeLimitMs: opts.seconds * 1000, now: clock });
      if (!result.ok) {
        console.error(`koers: ${result.error.message}`);
        process.exitCode = 1;
        return;
      }
      const { check } = result.value;
      const routes = result.value.routes.filter((r) => r.length > 0).map((r) => r.map((node) => instance.labels[node] as number));
      if (opts.json) {
        console.log(JSON.stringify({ distance: check.cost, vehicles: check.vehicles, routes }));
      } else {
        console.log(`${instance.name || basename(file)}: distance ${check.cost.toFixed(2)}, ${check.vehicles} vehicles, ${result.value.iterations} iterations`);
        for (const [k, r] of routes.entries()) console.log(`  route ${k + 1}: ${r.join(" ")}`);
      }
      reportCheck(check);
    });

  solve
    .command("pvrp")
    .description("periodic vehicle routing (Cordeau format): day combinations and routes, minimise total distance")
    .argument("<file>", "instance file")
    .option("--seconds <s>", "time limit in seconds (0 = construction only)", seconds, 60)
    .option("--seed <n>", "random seed", seed, 1)
    .option("--json", 'print {"cost","days":[{"day","routes"}]} as JSON')
    .action((file: string, opts: SolveOptions) => {
      const text = readText(file);
      if (text === undefined) return;
      const parsed = parseCordeau(text, basename(file));
      if (!parsed.ok) return reportParseError(file, parsed.error);
      const instance = parsed.value;
      const result = solvePvrp(instance, { seed: opts.seed, timeLimitMs: opts.seconds * 1000, now: clock });
      if (!result.ok) {
        console.error(`koers: ${result.error.message}`);
        process.exitCode = 1;
        return;
      }
      const { check } = result.value;
      const days = result.value.days.map((routes, d) => ({ day: d + 1, routes: routes.map((r) => r.map((node) => instance.labels[node] as number)) }));
      if (opts.json) {
        console.log(JSON.stringify({ cost: check.cost, days }));
      } else {
        console.log(`${instance.name}: cost ${check.cost.toFixed(2)}, ${check.vehicles} routes over ${instance.days} days, ${result.value.iterations} iterations`);
        for (const day of days) for (const [k, r] of day.routes.entries()) console.log(`  day ${day.day} route ${k + 1}: ${r.join(" ")}`);
      }
      reportCheck(check);
    });
}
