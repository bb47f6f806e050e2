// Benchmark: the sales information system on 10,000,000 invoice lines (bench/lib/sales-generator.ts:
// 2016–2025, 50,000 debtors, 5,000 products in 200 groups, 12 rayons, 40 reps, top 20 % of debtors
// ≈ 73 % of revenue), on SQLite and PostgreSQL:
//
// - the import of the ~1 GB CSV with create-missing and rollups, end to end and per phase (analysis,
//   commit) in lines/s, beside a bare prepared INSERT of the same rows;
// - the peak resident memory of the server process that runs it (a child; /proc VmHWM and samples);
// - the event-loop delay meanwhile: GET /api/health every 50 ms from outside, and the server's own
//   perf_hooks histogram;
// - rows and bytes of every rollup;
// - median and p95 of each standard report (Q1–Q5) and dashboard through the HTTP stack as a
//   logged-in administrator, beside the same question as a GROUP BY over the raw lines.
//
//   npm run bench -- --only sales --engines sqlite --sizes 1000000      a quick run
//   KOERS_BENCH_SALES_LINES=1000000 npx tsx bench/sales.bench.ts        the same, standalone
//
// Environment: KOERS_BENCH_ENGINES, KOERS_BENCH_SALES_LINES (default 10,000,000; a comma list),
// KOERS_BENCH_SALES_RUNS (timed requests per report, default 20), KOERS_BENCH_SALES_RAW_RUNS (raw
// scans, default 3), KOERS_BENCH_DATA (where the generated CSV files are kept and reused; default
// the temp folder), KOERS_BENCH_CPU_PROF (a folder: the server runs with --cpu-prof).
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Engine } from "../src/db/kysely.js";
import { PROJECT_ROOT } from "../src/server/paths.js";
import { type BenchServer, benchLogin, type ImportDto, importSalesFile, startBenchServer } from "./lib/bench-server.js";
import { createBenchDatabase } from "./lib/database.js";
import { buildForBench } from "./lib/sales-build.js";
import { machineInfo } from "./lib/machine.js";
import type { MachineInfo } from "./lib/plugin.js";
import { DEFAULT_SHAPE, masterData, type SalesShape, writeSalesCsv } from "./lib/sales-generator.js";
import { dashboardRoutes, STANDARD_QUESTIONS } from "./lib/sales-queries.js";
import { type LatencySummary, processMemory, sampleLatency, sampleMemory } from "./lib/sales-sampling.js";
import type { LoopDelay } from "./lib/sales-server.js";
import { ADMIN, type BareInsert, bareInsert, loadMasterData } from "./lib/sales-setup.js";
import { measureRollups, type RollupSize } from "./lib/sales-rollup-sizes.js";
import { formatTable, percentile } from "./lib/stats.js";

/** 31 December 2025, 09:00 in Amsterdam: the data end today, and the last 12 months are 2025. */
const NOW = "2025-12-31T08:00:00.000Z";

export interface SalesBenchOptions {
  engines: Engine[];
  sizes: number[];
  runs: number;
  rawRuns: number;
}

interface Timing {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  runs: number;
  rows: number;
}

export interface SalesBenchResult {
  bench: "sales";
  engine: Engine;
  size: number;
  date: string;
  machine: MachineInfo;
  file: { bytes: number; lines: number; invoices: number; top20Share: number; generatedSeconds: number };
  setupSeconds: number;
  bareInsert: BareInsert;
  import: {
    endToEnd: { seconds: number; linesPerSecond: number };
    analysis: { seconds: number; linesPerSecond: number };
    commit: { seconds: number; linesPerSecond: number };
    created: number;
  };
  memory: { peakRssMb: number; analysisPeakMb: number; commitPeakMb: number; idleBeforeMb: number };
  /** When the analysis ended, in ms after the import started (the health samples' clock). */
  analysedAtMs: number;
  eventLoop: { health: LatencySummary; server: LoopDelay };
  rollups: RollupSize[];
  reports: { name: string; question: string; request: unknown; source: string; http: Timing; raw: Timing; totalsAgree: boolean }[];
  dashboards: { path: string; http: Timing | { error: string } }[];
  databaseBytes: number;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function timeRuns(runs: number, warmup: number, once: () => Promise<number>): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    rows = await once();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)), maxMs: round(samples.at(-1) as number), runs, rows };
}

type JobDto = ImportDto["analysisJob"];

/** The debtor with the most revenue in 2025 (its relation page is the heaviest). */
async function topDebtorId(db: import("../src/db/kysely.js").Db): Promise<number> {
  const row = await db.selectFrom("sales_debtor_periods").select("debtor_id").where("period", "=", "last12").orderBy("revenue_cents", "desc").limit(1).executeTakeFirst();
  return row?.debtor_id ?? 0;
}

const jobSeconds = (job: JobDto | null) => (job?.startedAt && job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : Number.NaN);
const rate = (lines: number, seconds: number) => ({ seconds: round(seconds, 1), linesPerSecond: Math.round(lines / seconds) });

async function runOne(engine: Engine, size: number, o: SalesBenchOptions, buildDir: string): Promise<SalesBenchResult> {
  const shape: SalesShape = { ...DEFAULT_SHAPE, lines: size };
  const dataDir = process.env.KOERS_BENCH_DATA ?? join(tmpdir(), "koers-sales-bench");
  console.log(`sales on ${engine}, ${size.toLocaleString("en")} lines: generating (or reusing) the CSV …`);
  const csv = writeSalesCsv(shape, join(dataDir, `sales-${size}.csv`));
  const master = masterData(shape);

  console.log(`  bare insert of the same rows …`);
  const bareDb = await createBenchDatabase(engine, `sales_bare_${size}`);
  const bare = await bareInsert(bareDb.handle, shape, master).finally(() => bareDb.close(false));

  const database = await createBenchDatabase(engine, `sales_${size}`);
  let server: BenchServer | null = null;
  try {
    const versions = { [engine]: await database.version() };
    console.log(`  debtors, products and groups …`);
    const setup = await loadMasterData(database.handle, shape, master, new Date(NOW));
    server = await startBenchServer(buildDir, database.url, NOW);
    const base = `http://127.0.0.1:${server.port}`;
    const headers = await benchLogin(base, ADMIN);
    const { ask } = server;
    const pid = server.child.pid as number;
    const idleBeforeMb = processMemory(pid)?.rssMb ?? Number.NaN;
    console.log(`  importing ${(csv.bytes / 2 ** 20).toFixed(0)} MB through the server (pid ${pid}) …`);
    const memory = sampleMemory(pid);
    const health = sampleLatency(`${base}/api/health`);
    await ask({ type: "loop", reset: true }, "loop");
    const started = performance.now();
    const { analysed, committed, analysedAtMs: analysedAt } = await importSalesFile(server, base, headers, csv.path, ADMIN.email);
    const endToEnd = (performance.now() - started) / 1000;
    const loop = await ask<LoopDelay>({ type: "loop", reset: false }, "loop");
    const healthSummary = await health.stop();
    memory.stop();
    const peakRssMb = processMemory(pid)?.peakMb ?? Number.NaN;
    const created = (committed.commitJob?.result as { lines: { created: number } } | undefined)?.lines.created ?? 0;
    console.log(`  imported ${created.toLocaleString("en")} lines in ${endToEnd.toFixed(1)} s; rollups, reports …`);

    const db = database.handle.db;
    const rollups = await measureRollups(database.handle);
    const rep = await db.selectFrom("salespeople").select("id").orderBy("id").executeTakeFirstOrThrow();
    const ids = { rayonId: setup.rayonIds[0] as number, repId: rep.id };
    const reports: SalesBenchResult["reports"] = [];
    for (const q of STANDARD_QUESTIONS) {
      const body = q.body(ids);
      let answer: { rows: Record<string, unknown>[]; source: string } = { rows: [], source: "?" };
      const http = await timeRuns(o.runs, 3, async () => {
        const res = await fetch(`${base}/api/reports/sales`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
        if (res.status !== 200) throw new Error(`${q.name}: ${res.status} ${await res.text()}`);
        answer = (await res.json()) as typeof answer;
        return answer.rows.length;
      });
      let rawRows: Record<string, unknown>[] = [];
      const raw = await timeRuns(o.rawRuns, 1, async () => {
        rawRows = (await q.raw(ids).execute(db)).rows;
        return rawRows.length;
      });
      reports.push({ name: q.name, question: q.question, request: body, source: answer.source, http, raw, totalsAgree: q.total.http(answer) === q.total.raw(rawRows) });
    }
    const openapi = (await (await fetch(`${base}/api/openapi.json`, { headers })).json()) as Parameters<typeof dashboardRoutes>[0];
    const dashboards: SalesBenchResult["dashboards"] = [];
    const topDebtor = (reports.find((r) => r.name === "Q2")?.http.rows ?? 0) > 0 ? await topDebtorId(database.handle.db) : setup.firstDebtorId;
    for (const route of dashboardRoutes(openapi, topDebtor)) {
      const url = `${base}${route.path}${route.query ? `?${route.query}` : ""}`;
      try {
        dashboards.push({
          path: `${route.path}${route.query ? `?${route.query}` : ""}`,
          http: await timeRuns(o.runs, 3, async () => {
            const res = await fetch(url, { headers });
            if (res.status !== 200) throw new Error(`${res.status} ${(await res.text()).slice(0, 300)}`);
            const json = (await res.json()) as { rows?: unknown[]; items?: unknown[] };
            return (json.rows ?? json.items ?? []).length;
          }),
        });
      } catch (error) {
        dashboards.push({ path: route.path, http: { error: error instanceof Error ? error.message : String(error) } });
      }
    }
    return {
      bench: "sales",
      engine,
      size,
      date: new Date().toISOString(),
      machine: await machineInfo(versions),
      file: { bytes: csv.bytes, lines: csv.summary.lines, invoices: csv.summary.invoices, top20Share: round(csv.summary.top20Share, 3), generatedSeconds: round(csv.seconds, 1) },
      setupSeconds: round(setup.seconds, 1),
      bareInsert: bare,
      import: { endToEnd: rate(size, endToEnd), analysis: rate(size, jobSeconds(analysed.analysisJob)), commit: rate(size, jobSeconds(committed.commitJob)), created },
      analysedAtMs: Math.round(analysedAt),
      memory: { peakRssMb, analysisPeakMb: memory.peakBetween(0, analysedAt), commitPeakMb: memory.peakBetween(analysedAt, Number.POSITIVE_INFINITY), idleBeforeMb },
      eventLoop: { health: healthSummary, server: loop },
      rollups,
      reports,
      dashboards,
      databaseBytes: await database.bytes(),
    };
  } finally {
    await server?.stop();
    await database.close(false);
  }
}

function print(r: SalesBenchResult): void {
  console.log(`\nsales · ${r.engine} · ${r.size.toLocaleString("en")} lines (${(r.file.bytes / 2 ** 20).toFixed(0)} MB, top 20 % of debtors ${(r.file.top20Share * 100).toFixed(1)} % of revenue) · ${r.date} · node ${r.machine.node}, ${r.machine.cpus} CPUs, load ${r.machine.loadAverage}`);
  const i = r.import;
  console.log(
    formatTable(
      ["import", "seconds", "lines/s"],
      [
        ["end to end (analysis + commit, rollups)", i.endToEnd.seconds, i.endToEnd.linesPerSecond],
        ["analysis (read, check, stage, resolve, plan)", i.analysis.seconds, i.analysis.linesPerSecond],
        ["commit (lines, rollups, lifecycle, periods)", i.commit.seconds, i.commit.linesPerSecond],
        [`bare insert (${r.bareInsert.how})`, r.bareInsert.seconds, r.bareInsert.rowsPerSecond],
      ],
    ),
  );
  const h = r.eventLoop.health;
  console.log(`memory: peak RSS ${r.memory.peakRssMb} MB (analysis ${r.memory.analysisPeakMb}, commit ${r.memory.commitPeakMb}, idle before ${r.memory.idleBeforeMb})`);
  console.log(`GET /api/health every 50 ms: ${h.samples} samples, p50 ${h.p50Ms} ms, p99 ${h.p99Ms} ms, max ${h.maxMs} ms, ${h.over100Ms} ≥ 100 ms, ${h.failures} failed; server event-loop delay p99 ${r.eventLoop.server.p99Ms} ms, max ${r.eventLoop.server.maxMs} ms`);
  console.log(`  slowest (s after the start: ms; analysis ended at ${(r.analysedAtMs / 1000).toFixed(1)} s): ${h.slowest.map((x) => `${(x.atMs / 1000).toFixed(1)}: ${x.ms}`).join(", ")}`);
  console.log(formatTable(["rollup", "rows", "MiB"], r.rollups.map((x) => [x.table, x.rows, x.bytes === null ? "?" : round(x.bytes / 2 ** 20, 1)])));
  console.log(
    formatTable(
      ["report", "source", "p50 ms", "p95 ms", "rows", "raw p50 ms", "raw p95 ms", "agree"],
      [...r.reports.map((q) => [q.name, q.source, q.http.p50Ms, q.http.p95Ms, q.http.rows, q.raw.p50Ms, q.raw.p95Ms, q.totalsAgree ? "yes" : "NO"]), ...r.dashboards.map((d) => [d.path, "dashboard", ...("error" in d.http ? [Number.NaN, Number.NaN, 0, Number.NaN, Number.NaN, d.http.error] : [d.http.p50Ms, d.http.p95Ms, d.http.rows, Number.NaN, Number.NaN, ""])])],
    ),
  );
}

function sizesFromArgs(): number[] | null {
  // `npm run bench -- --only sales --sizes …` passes --sizes to this process too; only an explicit one counts.
  const { values } = parseArgs({ args: process.argv.slice(2), options: { sizes: { type: "string" } }, strict: false });
  const text = typeof values.sizes === "string" ? values.sizes : process.env.KOERS_BENCH_SALES_LINES;
  if (!text) return null;
  const sizes = text.split(",").map((s) => Number(s.trim().replace(/[_.]/g, "")));
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`sales sizes must be whole numbers above 0 (got ${text})`);
  return sizes;
}

export const benchmark = {
  name: "sales",
  description: "Sales import (10 M lines, 1 GB CSV) with rollups, memory, event-loop delay, and the standard reports against raw scans",
  defaults: (): SalesBenchOptions => ({
    engines: (process.env.KOERS_BENCH_ENGINES ?? "sqlite,postgres").split(",").filter((e): e is Engine => e === "sqlite" || e === "postgres"),
    sizes: sizesFromArgs() ?? [10_000_000],
    runs: Number(process.env.KOERS_BENCH_SALES_RUNS ?? 20),
    rawRuns: Number(process.env.KOERS_BENCH_SALES_RAW_RUNS ?? 3),
  }),
  async run(options: Partial<SalesBenchOptions> = {}): Promise<SalesBenchResult[]> {
    const o = { ...benchmark.defaults(), ...options };
    const results: SalesBenchResult[] = [];
    const dir = join(PROJECT_ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    const built = await buildForBench();
    try {
      for (const engine of o.engines) {
        for (const size of o.sizes) {
          const r = await runOne(engine, size, o, built.dir);
          print(r);
          writeFileSync(join(dir, `sales-${engine}-${size}.json`), `${JSON.stringify(r, null, 2)}\n`);
          results.push(r);
        }
      }
    } finally {
      built.remove();
    }
    return results;
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchmark.run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
