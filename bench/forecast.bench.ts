// Benchmark: the forecast over 100,000 open quotes (plus decided ones and their change history), per
// month, per rep / rayon / product, and as it stood on a past date (replayed from quote_events).
// Data come from a seeded generator: the same quotes every run. Requests go through the HTTP stack.
//
//   npx tsx bench/forecast.bench.ts                                   both engines, 100,000 open quotes
//   KOERS_BENCH_ENGINES=sqlite KOERS_BENCH_QUOTES=20000 npx tsx bench/forecast.bench.ts
//
// Also usable as a plug-in: `import { benchmark } from "./forecast.bench.js"; await benchmark.run(options)`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { addMonths } from "../src/domain/calendar.js";
import type { Db, Engine } from "../src/db/kysely.js";
import { PROJECT_ROOT } from "../src/server/paths.js";
import { startTestApp, type TestApp } from "../src/test-support/app.js";

export interface ForecastBenchOptions {
  engines: Engine[];
  /** Open quotes; a quarter as many decided ones come on top. */
  openQuotes: number;
  relations: number;
  products: number;
  reps: number;
  iterations: number;
}

interface Timing {
  medianMs: number;
  p95Ms: number;
}

export interface ForecastBenchResult {
  engine: Engine;
  openQuotes: number;
  loadSeconds: number;
  timings: Record<string, Timing>;
}

const NOW = new Date("2026-11-27T08:00:00.000Z");
const STAMP = NOW.toISOString();

/** mulberry32: a small deterministic generator, so every run loads the same quotes. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertChunked(db: Db, table: string, rows: Record<string, unknown>[]) {
  // 1,000 rows × ≤ 16 columns stays under both engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto(table as never).values(rows.slice(i, i + 1000) as never).execute();
}

async function load(t: TestApp, o: ForecastBenchOptions, repIds: number[]): Promise<void> {
  const db = t.ctx.db;
  const rnd = random(42);
  const rayons: number[] = [];
  for (let i = 0; i < 12; i++) rayons.push((await db.insertInto("rayons").values({ name: `Bench rayon ${i + 1}`, description: null }).returning("id").executeTakeFirstOrThrow()).id);
  await insertChunked(
    db,
    "relations",
    Array.from({ length: o.relations }, (_, i) => ({
      name: `Bench relatie ${i + 1}`,
      name_key: `bench relatie ${i + 1}`,
      status: "customer",
      rayon_id: rayons[i % rayons.length],
      owner_id: repIds[i % repIds.length],
      created_at: STAMP,
      updated_at: STAMP,
    })),
  );
  await insertChunked(
    db,
    "products",
    Array.from({ length: o.products }, (_, i) => ({
      code: `B-${i + 1}`,
      code_key: `b-${i + 1}`,
      name: `Benchproduct ${i + 1}`,
      name_key: `benchproduct ${i + 1}`,
      search_key: ` b ${i + 1} benchproduct ${i + 1}`,
      list_price_cents: 500 + Math.floor(rnd() * 100_000),
      created_at: STAMP,
      updated_at: STAMP,
    })),
  );
  const firstRelation = Number((await db.selectFrom("relations").select((eb) => eb.fn.min("id").as("id")).executeTakeFirstOrThrow()).id);
  const firstProduct = Number((await db.selectFrom("products").select((eb) => eb.fn.min("id").as("id")).executeTakeFirstOrThrow()).id);
  const total = o.openQuotes + Math.floor(o.openQuotes / 4);
  const quotes: Record<string, unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const open = i < o.openQuotes;
    const units = 1000 * (1 + Math.floor(rnd() * 50));
    quotes.push({
      base_number: i + 1,
      revision: 1,
      relation_id: firstRelation + Math.floor(rnd() * o.relations),
      rep_id: repIds[i % repIds.length],
      status: open ? (rnd() < 0.7 ? "sent" : "draft") : rnd() < 0.4 ? "won" : "lost",
      probability: open ? 5 * Math.floor(rnd() * 21) : 0,
      // Decisions from six months back (stale ones) to eighteen months ahead.
      decision_month: addMonths("2026-11", Math.floor(rnd() * 24) - 6),
      total_cents: Math.floor(units / 1000) * (500 + Math.floor(rnd() * 100_000)),
      units_milli: units,
      created_at: STAMP,
      updated_at: STAMP,
    });
  }
  await insertChunked(db, "quotes", quotes);
  const ids = (await db.selectFrom("quotes").select(["id", "total_cents", "units_milli", "probability", "decision_month", "status"]).orderBy("id").execute());
  await insertChunked(
    db,
    "quote_lines",
    ids.map((q, i) => ({
      quote_id: q.id,
      position: 1,
      product_id: firstProduct + (i % o.products),
      description: "Bench",
      quantity_milli: q.units_milli,
      unit_price_cents: Math.round(q.total_cents / Math.max(1, q.units_milli / 1000)),
      amount_cents: q.total_cents,
    })),
  );
  // History: every quote created a year back, a third changed its chance last month.
  const events: Record<string, unknown>[] = [];
  for (const [i, q] of ids.entries()) {
    events.push({ quote_id: q.id, kind: "created", at: "2025-11-27", recorded_at: STAMP, probability: q.probability, decision_month: q.decision_month, status: q.status, amount_cents: q.total_cents, units_milli: q.units_milli });
    if (i % 3 === 0) events.push({ quote_id: q.id, kind: "changed", at: "2026-10-15", recorded_at: STAMP, probability: q.probability });
  }
  await insertChunked(db, "quote_events", events);
  await sql`analyze`.execute(db);
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { medianMs: Math.round(at(0.5) * 100) / 100, p95Ms: Math.round(at(0.95) * 100) / 100 };
}

async function measure(t: TestApp, url: string, headers: Record<string, string>, iterations: number): Promise<Timing> {
  await t.app.inject({ method: "GET", url, headers }); // warm up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    const res = await t.app.inject({ method: "GET", url, headers });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  }
  return timing(samples);
}

const QUERIES: Record<string, string> = {
  "per month, 12 months": "/api/forecast?from=2026-11&to=2027-10",
  "per rep": "/api/forecast?from=2026-11&to=2027-10&by=rep",
  "per rayon": "/api/forecast?from=2026-11&to=2027-10&by=rayon",
  "per product": "/api/forecast?from=2026-11&to=2027-10&by=product",
  "as of a past date (replay)": "/api/forecast?from=2026-11&to=2027-10&asOf=2026-10-01",
};

async function runEngine(engine: Engine, o: ForecastBenchOptions): Promise<ForecastBenchResult> {
  const t = await startTestApp(engine);
  try {
    t.setNow(NOW);
    const reps = [];
    for (let i = 0; i < o.reps; i++) reps.push((await t.userWithRole("field_sales", { name: `Bench rep ${i + 1}` })).id);
    const purchasing = await t.userWithRole("purchasing");
    const started = Date.now();
    await load(t, o, reps);
    const loadSeconds = Math.round((Date.now() - started) / 100) / 10;
    const timings: Record<string, Timing> = {};
    for (const [name, url] of Object.entries(QUERIES)) {
      timings[name] = await measure(t, url, purchasing.headers, name.includes("replay") ? Math.max(3, Math.floor(o.iterations / 5)) : o.iterations);
    }
    const sample = (await t.app.inject({ method: "GET", url: QUERIES["per month, 12 months"] as string, headers: purchasing.headers })).json();
    console.log(`  ${engine}: 12-month forecast € ${sample.total.revenue.toLocaleString("nl-NL")}, ${sample.total.units.toLocaleString("nl-NL")} units`);
    return { engine, openQuotes: o.openQuotes, loadSeconds, timings };
  } finally {
    await t.close();
  }
}

export const benchmark = {
  name: "forecast",
  description: "Forecast over 100,000 open quotes: per month, rep, rayon, product, and as of a past date",
  defaults: (): ForecastBenchOptions => ({
    engines: (process.env.KOERS_BENCH_ENGINES ?? "sqlite,postgres").split(",").filter((e): e is Engine => e === "sqlite" || e === "postgres"),
    openQuotes: Number(process.env.KOERS_BENCH_QUOTES ?? 100_000),
    relations: 20_000,
    products: 2_000,
    reps: 40,
    iterations: 20,
  }),
  async run(options: ForecastBenchOptions = benchmark.defaults()): Promise<ForecastBenchResult[]> {
    const results: ForecastBenchResult[] = [];
    for (const engine of options.engines) {
      console.log(`forecast on ${engine}: loading ${options.openQuotes.toLocaleString("en")} open quotes …`);
      results.push(await runEngine(engine, options));
    }
    console.table(
      results.flatMap((r) =>
        Object.entries(r.timings).map(([query, tm]) => ({ engine: r.engine, query, "median ms": tm.medianMs, "p95 ms": tm.p95Ms, "load s": r.loadSeconds })),
      ),
    );
    const dir = join(PROJECT_ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "forecast.json"), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
    return results;
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchmark.run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
