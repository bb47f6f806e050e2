// `npm run bench [-- --only relations,my-day,forecast,import --sizes 100000,1000000 --engines sqlite,postgres --runs 50]`
// Runs the benchmarks, prints a table per engine and size, and writes
// bench/results/<bench>-<engine>-<size>.json plus bench/results/latest.json (the newest result of
// every bench, engine and size). A new benchmark plugs in with one line in BENCHMARKS.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Engine } from "../src/db/kysely.js";
import { PROJECT_ROOT } from "../src/server/paths.js";
import type { Benchmark, BenchOptions, BenchResult } from "./lib/plugin.js";
import { formatTable } from "./lib/stats.js";

/** Loaded on demand, so one benchmark's import cost (or breakage) does not touch the others. */
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  relations: async () => (await import("./relations.bench.js")).relationsBenchmark,
};

/**
 * Benchmarks with a data shape of their own (contact moments, open quotes, import rows rather than
 * relation sizes): they run with their own defaults on the chosen engines, print their own table
 * and write bench/results/<name>.json.
 */
interface OwnShapeBenchmark {
  defaults(): { engines: Engine[] };
  run(options: { engines: Engine[] }): Promise<unknown>;
}
const OWN_SHAPE: Record<string, () => Promise<OwnShapeBenchmark>> = {
  "my-day": async () => (await import("./my-day.bench.js")).benchmark as unknown as OwnShapeBenchmark,
  forecast: async () => (await import("./forecast.bench.js")).benchmark as unknown as OwnShapeBenchmark,
  import: async () => (await import("./import.bench.js")).benchmark as unknown as OwnShapeBenchmark,
  sales: async () => (await import("./sales.bench.js")).benchmark as unknown as OwnShapeBenchmark,
  planning: async () => (await import("./planning.bench.js")).benchmark as unknown as OwnShapeBenchmark,
  load: async () => (await import("./load.bench.js")).benchmark as unknown as OwnShapeBenchmark,
};

const RESULTS = join(PROJECT_ROOT, "bench", "results");

function usage(message: string): never {
  console.error(`bench: ${message}`);
  console.error("usage: npm run bench -- [--only relations] [--sizes 100000,1000000] [--engines sqlite,postgres] [--runs 50] [--keep]");
  console.error(`benchmarks: ${[...Object.keys(BENCHMARKS), ...Object.keys(OWN_SHAPE)].join(", ")}`);
  console.error("sales: 10,000,000 lines unless --sizes is given explicitly (e.g. --only sales --sizes 1000000) or KOERS_BENCH_SALES_LINES is set");
  process.exit(2);
}

function parseOptions(): { only: string[]; options: BenchOptions } {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      sizes: { type: "string", default: "100000,1000000" },
      engines: { type: "string", default: "sqlite,postgres" },
      runs: { type: "string", default: "50" },
      keep: { type: "boolean", default: false },
    },
  });
  const all = [...Object.keys(BENCHMARKS), ...Object.keys(OWN_SHAPE)];
  const only = (values.only ?? all.join(",")).split(",").map((s) => s.trim()).filter(Boolean);
  for (const name of only) if (!all.includes(name)) usage(`unknown benchmark "${name}"`);
  const sizes = values.sizes.split(",").map((s) => Number(s.trim().replace(/[_.]/g, "")));
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) usage(`--sizes must be whole numbers above 0 (got ${values.sizes})`);
  const engines = values.engines.split(",").map((s) => s.trim());
  if (engines.some((e) => e !== "sqlite" && e !== "postgres")) usage(`--engines takes sqlite and/or postgres (got ${values.engines})`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) usage(`--runs must be a whole number above 0 (got ${values.runs})`);
  return { only, options: { sizes, engines: engines as Engine[], runs, keep: values.keep } };
}

function printResult(r: BenchResult): void {
  console.log(`\n${r.bench} · ${r.engine} · ${r.size.toLocaleString("en")} · ${r.date} · node ${r.machine.node}, ${r.machine.cpus} CPUs, load ${r.machine.loadAverage}`);
  if (r.load) {
    console.log(
      `load: ${r.load.seconds} s, ${r.load.relationsPerSecond.toLocaleString("en")} relations/s, ${r.load.rowsPerSecond.toLocaleString("en")} rows/s (${r.load.rows.toLocaleString("en")} rows, ${(r.load.databaseBytes / 2 ** 20).toFixed(0)} MiB)`,
    );
  }
  console.log(formatTable(["query", "p50 ms", "p95 ms", "max ms", "rows"], r.timings.map((t) => [t.name, t.p50Ms, t.p95Ms, t.maxMs, t.rows])));
}

function save(results: BenchResult[]): void {
  mkdirSync(RESULTS, { recursive: true });
  for (const r of results) writeFileSync(join(RESULTS, `${r.bench}-${r.engine}-${r.size}.json`), `${JSON.stringify(r, null, 2)}\n`);
  const latestFile = join(RESULTS, "latest.json");
  const previous: BenchResult[] = existsSync(latestFile) ? (JSON.parse(readFileSync(latestFile, "utf8")) as { results: BenchResult[] }).results : [];
  const key = (r: BenchResult) => `${r.bench}/${r.engine}/${r.size}`;
  const fresh = new Set(results.map(key));
  const merged = [...previous.filter((r) => !fresh.has(key(r))), ...results].sort((a, b) => key(a).localeCompare(key(b), "en", { numeric: true }));
  writeFileSync(latestFile, `${JSON.stringify({ updated: new Date().toISOString(), results: merged }, null, 2)}\n`);
}

async function main(): Promise<void> {
  const { only, options } = parseOptions();
  for (const name of only) {
    const own = OWN_SHAPE[name];
    if (own) {
      const benchmark = await own();
      await benchmark.run({ ...benchmark.defaults(), engines: options.engines });
      continue;
    }
    const benchmark = await (BENCHMARKS[name] as () => Promise<Benchmark>)();
    const results = await benchmark.run(options);
    for (const r of results) printResult(r);
    save(results);
  }
  console.log(`\nresults written to ${RESULTS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
