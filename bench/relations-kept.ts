// Times the type-ahead cases of the relations benchmark against a database kept with `--keep`,
// after migrating it to the latest schema: before/after figures on the very same data without
// loading a million relations again (3–30 min on a busy machine).
// `npx tsx bench/relations-kept.ts <DATABASE_URL> [runs] [only cases whose name contains this]`
import { sql } from "kysely";
import { loadConfig, parseDatabaseUrl } from "../src/config.js";
import { openDatabase } from "../src/db/kysely.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { createApiToken } from "../src/features/auth/session.service.js";
import { buildApp } from "../src/server/app.js";
import { machineInfo } from "./lib/machine.js";
import { formatTable, measure } from "./lib/stats.js";
import { BENCH_NOW, relationCases } from "./relations.bench.js";

const [url, runsArg, only] = process.argv.slice(2);
if (!url) throw new Error("usage: tsx bench/relations-kept.ts <DATABASE_URL> [runs]");
const runs = Number(runsArg ?? 50);
const config = loadConfig({ DATABASE_URL: url, KOERS_DEMO: "0", LOG_LEVEL: "silent" });
const handle = openDatabase(parseDatabaseUrl(url));
const db = handle.db;
const started = Date.now();
const applied = await migrateToLatest(db);
if (applied.length > 0) {
  if (handle.engine === "postgres") await sql`vacuum analyze relation_search_prefixes`.execute(db);
  else await sql`analyze`.execute(db);
  console.log(`migrated: ${applied.join(", ")} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
const app = await buildApp({ db, engine: handle.engine, config, now: () => BENCH_NOW });
const manager = await db.selectFrom("users").select("id").where("email", "=", "manager@glansrijk.nl").executeTakeFirstOrThrow();
const rep = await db.selectFrom("users").select("id").where("email", "=", "midden@glansrijk.nl").executeTakeFirstOrThrow();
const headers = { authorization: `Bearer ${await createApiToken(db, manager.id, "bench", BENCH_NOW)}` };
const get = async (u: string) => {
  const res = await app.inject({ method: "GET", url: u, headers });
  if (res.statusCode !== 200) throw new Error(`GET ${u} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res.json() as { items: unknown[]; nextCursor: string | null };
};
const first = await get("/api/relations");
const machine = await machineInfo();
const rows: (string | number)[][] = [];
for (const c of relationCases(rep.id, first.nextCursor ?? "").filter((c) => !only || c.name.includes(only))) {
  const t = await measure(c.name, c.url(0), runs, async (i) => (await get(c.url(i))).items.length);
  rows.push([c.name, t.p50Ms, t.p95Ms, t.maxMs, t.rows]);
}
console.log(`${handle.engine} · ${new Date().toISOString()} · load ${machine.loadAverage}`);
console.log(formatTable(["query", "p50 ms", "p95 ms", "max ms", "rows"], rows));
await app.close();
await handle.close();
