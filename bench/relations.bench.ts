// Benchmark: the relations list through the real HTTP stack (buildApp + app.inject: routing,
// validation, auth, SQL, serialisation) on the demo company at 100,000 and 1,000,000 relations.
// For each engine and size: a fresh database, the demo load (time, relations/s, rows/s), then every
// query warmed up and timed `runs` times. See docs/benchmarks.md.
import { loadConfig } from "../src/config.js";
import type { Engine } from "../src/db/kysely.js";
import { createApiToken } from "../src/features/auth/session.service.js";
import { seedDemo } from "../src/features/demo/demo.service.js";
import { buildApp } from "../src/server/app.js";
import type { App } from "../src/server/context.js";
import { createBenchDatabase } from "./lib/database.js";
import { machineInfo } from "./lib/machine.js";
import type { Benchmark, BenchOptions, BenchResult, Timing } from "./lib/plugin.js";
import { measure } from "./lib/stats.js";

export const BENCH_NOW = new Date("2026-11-27T08:00:00.000Z");
const NOW = BENCH_NOW;

interface Case {
  name: string;
  /** The URL of run i: cases with a list rotate through it so no answer is served from one warm page. */
  url: (i: number) => string;
}

const rotate = (values: readonly string[]) => (i: number) => values[i % values.length] as string;

export function relationCases(ownerId: number, cursor: string): Case[] {
  const oneLetter = rotate(["a", "b", "d", "h", "k", "m", "r", "s", "v", "z"]);
  const twoLetters = rotate(["ba", "de", "ho", "ka", "re", "su", "ve", "zo", "au", "fy"]);
  const threeLetters = rotate(["bak", "hot", "zor", "aut", "adv", "sch", "ver", "tra", "res", "gem"]);
  const twoWords = rotate(["zorg utr", "hotel ams", "bakkerij gro", "basisschool ein", "autobedrijf den", "fysiotherapie rot"]);
  const city = rotate(["Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven", "Groningen"]);
  const q = (s: string) => `/api/relations?q=${encodeURIComponent(s)}`;
  return [
    { name: "list, first page (sort name)", url: () => "/api/relations" },
    { name: "list, page 2 (cursor)", url: () => `/api/relations?cursor=${cursor}` },
    { name: "search 1 letter", url: (i) => q(oneLetter(i)) },
    { name: "search 2 letters", url: (i) => q(twoLetters(i)) },
    { name: "search 3 letters", url: (i) => q(threeLetters(i)) },
    { name: "search 2 words", url: (i) => q(twoWords(i)) },
    { name: "filter status + class", url: () => "/api/relations?status=customer&class=A" },
    { name: "filter city", url: (i) => `/api/relations?city=${encodeURIComponent(city(i))}` },
    { name: "filter postcode range", url: () => "/api/relations?postcodeFrom=3500&postcodeTo=3599" },
    { name: "sort city", url: () => "/api/relations?sort=city" },
    { name: "sort status", url: () => "/api/relations?sort=status" },
    { name: "filter owner", url: () => `/api/relations?owner=${ownerId}` },
    { name: "filter SBI section (R, zorg)", url: () => "/api/relations?sbi=R" },
  ];
}

async function get(app: App, url: string, headers: Record<string, string>) {
  const res = await app.inject({ method: "GET", url, headers });
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res.json() as { items: unknown[]; nextCursor: string | null; total: { count: number } };
}

async function runOne(engine: Engine, size: number, options: BenchOptions): Promise<BenchResult> {
  const machine = await machineInfo();
  const database = await createBenchDatabase(engine, `relations_${size}`);
  const db = database.handle.db;
  try {
    const started = Date.now();
    let lastPrint = 0;
    const summary = await seedDemo(db, {
      relations: size,
      seed: 1,
      // The load figure is about relations and persons; quotes and contact moments are not listed here.
      sales: false,
      onProgress: (done, total) => {
        if (Date.now() - lastPrint < 1000 && done < total) return;
        lastPrint = Date.now();
        process.stderr.write(`\r  ${engine} ${size.toLocaleString("en")}: loading ${done.toLocaleString("en")} relations, ${((Date.now() - started) / 1000).toFixed(0)} s `);
      },
    }, NOW);
    process.stderr.write("\n");
    const load = {
      seconds: Math.round(summary.seconds * 10) / 10,
      relationsPerSecond: Math.round(summary.relations / summary.seconds),
      rowsPerSecond: Math.round(summary.rows / summary.seconds),
      rows: summary.rows,
      databaseBytes: await database.bytes(),
    };

    const config = loadConfig({ DATABASE_URL: database.url, KOERS_DEMO: "0", LOG_LEVEL: "silent" });
    const app = await buildApp({ db, engine, config, now: () => NOW });
    const timings: Timing[] = [];
    try {
      const manager = await db.selectFrom("users").select("id").where("email", "=", "manager@glansrijk.nl").executeTakeFirstOrThrow();
      const rep = await db.selectFrom("users").select("id").where("email", "=", "midden@glansrijk.nl").executeTakeFirstOrThrow();
      const headers = { authorization: `Bearer ${await createApiToken(db, manager.id, "bench", NOW)}` };
      const first = await get(app, "/api/relations", headers);
      for (const c of relationCases(rep.id, first.nextCursor ?? "")) {
        const timing = await measure(c.name, c.url(0), options.runs, async (i) => (await get(app, c.url(i), headers)).items.length);
        timings.push(timing);
        process.stderr.write(`  ${c.name.padEnd(32)} p50 ${timing.p50Ms} ms, p95 ${timing.p95Ms} ms\n`);
      }
    } finally {
      await app.close();
    }
    machine[engine] = await database.version();
    return { bench: "relations", engine, size, date: new Date().toISOString(), machine, load, timings };
  } finally {
    await database.close(options.keep);
    if (options.keep) console.log(`  kept the database: DATABASE_URL=${database.url}`);
  }
}

export const relationsBenchmark: Benchmark = {
  name: "relations",
  description: "GET /api/relations latency (list, paging, type-ahead search, filters, sorts) on the demo company",
  async run(options) {
    const results: BenchResult[] = [];
    for (const engine of options.engines) {
      for (const size of options.sizes) {
        console.log(`relations on ${engine} at ${size.toLocaleString("en")} relations`);
        results.push(await runOne(engine, size, options));
      }
    }
    return results;
  },
};
