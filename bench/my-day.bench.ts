// Benchmark: "My day" (GET /api/my-day) and the manager's overdue-per-rep view with 1,000,000 contact
// moments. Data are generated inside the database from the row number (no randomness: the same data
// every run), then each rep's My day is requested through the real HTTP stack.
//
//   npx tsx bench/my-day.bench.ts                       both engines, 1,000,000 contact moments
//   KOERS_BENCH_ENGINES=sqlite KOERS_BENCH_ACTIVITIES=100000 npx tsx bench/my-day.bench.ts
//
// Also usable as a plug-in: `import { benchmark } from "./my-day.bench.js"; await benchmark.run(options)`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import type { Db, Engine } from "../src/db/kysely.js";
import { PROJECT_ROOT } from "../src/server/paths.js";
import { startTestApp, type TestApp } from "../src/test-support/app.js";

export interface MyDayBenchOptions {
  engines: Engine[];
  activities: number;
  relations: number;
  followUps: number;
  reps: number;
  /** Requests per measured endpoint. */
  iterations: number;
}

export interface MyDayBenchResult {
  engine: Engine;
  activities: number;
  relations: number;
  followUps: number;
  loadSeconds: number;
  myDay: Timing;
  overdueByRep: Timing;
}

interface Timing {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

const DAY = 86_400;
/** Contact moments span three years before "now" and three months after (planned ones). */
const NOW = new Date("2026-11-27T08:00:00.000Z");
const NOW_S = Math.floor(NOW.getTime() / 1000);
const SPAN_BACK_S = 3 * 365 * DAY;
const SPAN_AHEAD_S = 90 * DAY;

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(sorted.at(-1) as number) };
}

/** Rows 1..n of a sequence as a CTE the insert selects from (recursive on SQLite, generate_series on PostgreSQL). */
function seq(engine: Engine, n: number) {
  return engine === "sqlite"
    ? sql`with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${sql.lit(n)})`
    : sql`with seq(n) as (select generate_series(1::bigint, ${sql.lit(n)}))`;
}

/** An instant `seconds` after the epoch and its Amsterdam date (SQLite: winter time, close enough for a load). */
function instant(engine: Engine, seconds: ReturnType<typeof sql>) {
  return engine === "sqlite"
    ? { at: sql`strftime('%Y-%m-%dT%H:%M:%S.000Z', ${seconds}, 'unixepoch')`, on: sql`date(${seconds}, 'unixepoch', '+1 hour')` }
    : { at: sql`to_timestamp(${seconds})`, on: sql`(to_timestamp(${seconds}) at time zone 'Europe/Amsterdam')::date` };
}

export async function load(t: TestApp, o: MyDayBenchOptions, repIds: number[]): Promise<void> {
  const db: Db = t.ctx.db;
  const engine = t.ctx.engine;
  const firstRep = Math.min(...repIds);
  const stamp = sql.lit(NOW.toISOString());
  const reps = repIds.length;

  // Relations: owners round-robin, one in ten dead; one in 41 has a contract ending in the coming year.
  const contractEnd = engine === "sqlite" ? sql`date('2026-11-27', '+' || (n % 365) || ' days')` : sql`date '2026-11-27' + (n % 365)::int`;
  await sql`${seq(engine, o.relations)}
    insert into relations (name, name_key, status, account_class, owner_id, contract_end_date, city_key, visit_country, product_interests, kind, class_override, created_at, updated_at, version)
    select 'Bench ' || n, 'bench ' || n,
      case n % 10 when 0 then 'dead' when 1 then 'suspect' when 2 then 'prospect' when 3 then 'former_customer' else 'customer' end,
      case n % 4 when 0 then 'A' when 1 then 'B' when 2 then 'C' else null end,
      ${sql.lit(firstRep)} + (n % ${sql.lit(reps)}),
      case when n % 41 = 0 then ${contractEnd} else null end,
      '', 'NL', '[]', 'customer_side', 0, ${stamp}, ${stamp}, 1
    from seq`.execute(db);
  const minRelation = Number((await db.selectFrom("relations").select((eb) => eb.fn.min("id").as("m")).executeTakeFirstOrThrow()).m);

  // Contact moments spread over three years back and three months ahead; the rep owning the relation takes part.
  const seconds = sql`${sql.lit(NOW_S - SPAN_BACK_S)} + ((n * 7919) % ${sql.lit(SPAN_BACK_S + SPAN_AHEAD_S)})`;
  const t1 = instant(engine, seconds);
  await sql`${seq(engine, o.activities)}
    insert into activities (relation_id, kind, occurred_at, occurred_on, notes, created_by, created_at, updated_at, version)
    select ${sql.lit(minRelation)} + (n % ${sql.lit(o.relations)}),
      case n % 6 when 0 then 'visit' when 1 then 'phone_call' when 2 then 'email' when 3 then 'demo' when 4 then 'quote_meeting' else 'after_sales_visit' end,
      ${t1.at}, ${t1.on}, 'Gesprek ' || n, ${sql.lit(firstRep)} + (n % ${sql.lit(reps)}), ${stamp}, ${stamp}, 1
    from seq`.execute(db);
  await sql`insert into activity_users (activity_id, user_id, occurred_at)
    select a.id, r.owner_id, a.occurred_at from activities a join relations r on r.id = a.relation_id`.execute(db);

  // Follow-ups: due dates from a year back to a year ahead, every rep on every day; two in three are done.
  const due = engine === "sqlite" ? sql`date('2025-11-27', '+' || (n % 730) || ' days')` : sql`date '2025-11-27' + (n % 730)::int`;
  await sql`${seq(engine, o.followUps)}
    insert into follow_ups (relation_id, assigned_to, action, status, due_date, created_by, created_at, updated_at, version)
    select ${sql.lit(minRelation)} + (n % ${sql.lit(o.relations)}), ${sql.lit(firstRep)} + ((n / 730) % ${sql.lit(reps)}), 'Actie ' || n,
      case when n % 3 = 0 then 'open' else 'done' end, ${due}, ${sql.lit(firstRep)}, ${stamp}, ${stamp}, 1
    from seq`.execute(db);
  await sql`analyze`.execute(db);
}

async function measure(t: TestApp, url: string, headers: Record<string, string>[], iterations: number): Promise<Timing> {
  for (const h of headers.slice(0, 3)) await t.app.inject({ method: "GET", url, headers: h }); // warm up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const h = headers[i % headers.length] as Record<string, string>;
    const start = process.hrtime.bigint();
    const res = await t.app.inject({ method: "GET", url, headers: h });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  }
  return timing(samples);
}

async function runEngine(engine: Engine, o: MyDayBenchOptions): Promise<MyDayBenchResult> {
  const t = await startTestApp(engine);
  try {
    t.setNow(NOW);
    const reps = [];
    for (let i = 0; i < o.reps; i++) reps.push(await t.userWithRole("field_sales", { name: `Bench rep ${i + 1}` }));
    const manager = await t.userWithRole("sales_manager");
    const started = Date.now();
    await load(t, o, reps.map((r) => r.id));
    const loadSeconds = Math.round((Date.now() - started) / 100) / 10;
    const day = await t.app.inject({ method: "GET", url: "/api/my-day", headers: reps[1]?.headers });
    const sample = day.json();
    console.log(
      `  ${engine}: a rep's day holds ${sample.overdue.count} overdue, ${sample.dueToday.count} due today, ${sample.appointments.items.length} appointments, ${sample.contractRenewals.count} contract renewals`,
    );
    return {
      engine,
      activities: o.activities,
      relations: o.relations,
      followUps: o.followUps,
      loadSeconds,
      myDay: await measure(t, "/api/my-day", reps.map((r) => r.headers), o.iterations),
      overdueByRep: await measure(t, "/api/followups/overdue-by-rep", [manager.headers], Math.max(5, Math.floor(o.iterations / 4))),
    };
  } finally {
    await t.close();
  }
}

export const benchmark = {
  name: "my-day",
  description: "My day and overdue-per-rep at 1,000,000 contact moments",
  defaults: (): MyDayBenchOptions => ({
    engines: (process.env.KOERS_BENCH_ENGINES ?? "sqlite,postgres").split(",").filter((e): e is Engine => e === "sqlite" || e === "postgres"),
    activities: Number(process.env.KOERS_BENCH_ACTIVITIES ?? 1_000_000),
    relations: Number(process.env.KOERS_BENCH_RELATIONS ?? 50_000),
    followUps: Number(process.env.KOERS_BENCH_FOLLOWUPS ?? 200_000),
    reps: 40,
    iterations: 100,
  }),
  async run(options: MyDayBenchOptions = benchmark.defaults()): Promise<MyDayBenchResult[]> {
    const results: MyDayBenchResult[] = [];
    for (const engine of options.engines) {
      console.log(`my-day on ${engine}: loading ${options.activities.toLocaleString("en")} contact moments …`);
      results.push(await runEngine(engine, options));
    }
    console.table(
      results.flatMap((r) => [
        { engine: r.engine, endpoint: "GET /api/my-day", "median ms": r.myDay.medianMs, "p95 ms": r.myDay.p95Ms, "max ms": r.myDay.maxMs, "load s": r.loadSeconds },
        { engine: r.engine, endpoint: "GET /api/followups/overdue-by-rep", "median ms": r.overdueByRep.medianMs, "p95 ms": r.overdueByRep.p95Ms, "max ms": r.overdueByRep.maxMs, "load s": r.loadSeconds },
      ]),
    );
    const dir = join(PROJECT_ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "my-day.json"), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
    return results;
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchmark.run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
