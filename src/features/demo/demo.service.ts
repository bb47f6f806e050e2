// The deterministic demo company (see docs/benchmarks.md and README): Glansrijk Facilitaire
// Diensten B.V. with its sales team and `relations` relations spread over the Netherlands. Loaded on
// a first start in demo mode, by `koers demo [--size N] [--seed S]`, and by the benchmarks.
import { sql, SqliteAdapter } from "kysely";
import type { Db, Engine } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import { addUser, ensureRayon, toAuthUser } from "../users/user.service.js";
import { seedCompanySettings } from "./company-settings-demo.js";
import { COMPANY, DEMO_PASSWORD, DEMO_USERS, RAYONS, type RayonName, type SegmentCode, SEGMENTS } from "./company.js";
import { DemoGenerator } from "./generator.js";
import { LOADED_TABLES, withoutSecondaryIndexes } from "./bulk-load.js";
import { rowCount } from "./rows.js";
import { writeBatch } from "./writer.js";
import { type SalesDemoSummary, seedSalesDemo } from "./sales-demo.js";
import { seedAgendaDemo } from "./agenda-demo.js";
import { seedTerritoryDemo } from "./territory-demo.js";

export interface DemoLogin {
  email: string;
  name: string;
  role: string;
  password: string;
}

export interface DemoSummary {
  users: DemoLogin[];
  relations: number;
  persons: number;
  /** Rows written in all relation tables (relations, persons, terms, history …). */
  rows: number;
  /** Products, quotes and contact moments made through the services (none with `sales: false`). */
  sales: SalesDemoSummary;
  seconds: number;
}

export interface DemoOptions {
  relations: number;
  seed: number;
  /** Relations generated and written at a time (default 20,000): memory stays flat at any size. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Also create products, quotes, contact moments and follow-ups (default true). */
  sales?: boolean;
}

const SETTINGS_KEY = "demo.company";

function engineOf(db: Db): Engine {
  return db.getExecutor().adapter instanceof SqliteAdapter ? "sqlite" : "postgres";
}

async function ensureSegments(db: Db): Promise<Map<SegmentCode, number>> {
  const existing = await db.selectFrom("market_segments").select(["id", "code"]).execute();
  const known = new Set(existing.map((s) => s.code));
  const missing = SEGMENTS.filter((s) => !known.has(s.code));
  if (missing.length > 0) await db.insertInto("market_segments").values(missing.map((s) => ({ code: s.code, name: s.name }))).execute();
  const rows = await db.selectFrom("market_segments").select(["id", "code"]).execute();
  return new Map(rows.filter((s) => SEGMENTS.some((d) => d.code === s.code)).map((s) => [s.code as SegmentCode, s.id]));
}

/** The demo users (created when missing) and the rep of every rayon. */
async function ensureTeam(db: Db, now: Date) {
  for (const r of RAYONS) {
    const id = await ensureRayon(db, r.name);
    await db.updateTable("rayons").set({ description: r.provinces.join(", ") }).where("id", "=", id).where("description", "is", null).execute();
  }
  const ids = new Map<string, number>();
  for (const u of DEMO_USERS) {
    const found = await db.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirst();
    const created = found ?? (await addUser(
      db,
      { email: u.email, name: u.name, role: u.role, password: DEMO_PASSWORD, profitResponsible: u.profitResponsible ?? false, rayonNames: u.rayons, homePostcode: u.homePostcode, homeCity: u.homeCity },
      now,
    ));
    ids.set(u.email, created.id);
  }
  const rayons = new Map<RayonName, { id: number; repId: number }>();
  for (const r of RAYONS) {
    const rep = DEMO_USERS.find((u) => u.role === "field_sales" && u.rayons.includes(r.name)) as (typeof DEMO_USERS)[number];
    rayons.set(r.name, { id: await ensureRayon(db, r.name), repId: ids.get(rep.email) as number });
  }
  return { rayons, managerId: ids.get("manager@glansrijk.nl") as number, marketingId: ids.get("marketing@glansrijk.nl") as number };
}

/** The demo company's letterhead, written by its administrator (Sanne de Graaf). */
async function seedCompanyOf(db: Db, now: Date): Promise<void> {
  const admin = await db.selectFrom("users").selectAll().where("email", "=", "admin@glansrijk.nl").executeTakeFirst();
  if (admin) await seedCompanySettings(db, await toAuthUser(db, admin), now);
}

/**
 * A larger SQLite page cache during the load (256 MiB; the search-term tree is written all over and
 * should stay in memory), then back to what it was.
 */
async function withSqliteCache<T>(db: Db, engine: Engine, work: () => Promise<T>): Promise<T> {
  if (engine !== "sqlite") return work();
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  await sql`pragma cache_size = -262144`.execute(db);
  try {
    return await work();
  } finally {
    await sql.raw(`pragma cache_size = ${Number(rows[0]?.cache_size ?? -2000)}`).execute(db);
  }
}

/**
 * Fresh planner statistics after the bulk load (it changes every table's size at once). SQLite
 * samples (analysis_limit) so that a million relations take seconds, and folds the write-ahead log
 * back into the database file.
 */
async function refreshStatistics(db: Db, engine: Engine): Promise<void> {
  if (engine === "sqlite") {
    await sql`pragma analysis_limit = 2000`.execute(db);
    await sql`analyze`.execute(db);
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    return;
  }
  // VACUUM too: it marks the new pages all-visible, which index-only scans (the word probes) need.
  await sql`vacuum analyze ${sql.join(LOADED_TABLES.map((t) => sql.table(t)))}`.execute(db);
}

async function nextId(db: Db, table: "relations" | "persons"): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max("id").as("max")).executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** Loads the demo company into a database without relations; refuses one that has relations. */
export async function seedDemo(db: Db, options: DemoOptions, now: Date): Promise<DemoSummary> {
  const started = performance.now();
  const engine = engineOf(db);
  if (await db.selectFrom("relations").select("id").limit(1).executeTakeFirst()) {
    throw new AppError("conflict", "the database already holds relations; demo data goes into an empty database only");
  }
  const segments = await ensureSegments(db);
  const team = await ensureTeam(db, now);
  await seedCompanyOf(db, now);
  const generator = new DemoGenerator({
    seed: options.seed,
    now,
    size: options.relations,
    firstRelationId: await nextId(db, "relations"),
    firstPersonId: await nextId(db, "persons"),
    segments,
    ...team,
  });
  const batchSize = options.batchSize ?? 20_000;
  let persons = 0;
  let rows = 0;
  // One transaction: a failed load leaves the database as it was (empty, with all its indexes).
  await db.transaction().execute(async (trx) => {
    await withSqliteCache(trx, engine, () =>
      withoutSecondaryIndexes(trx, engine, async () => {
        while (generator.done < options.relations) {
          const batch = generator.batch(batchSize);
          await writeBatch(trx, engine, batch);
          persons += batch.persons.length;
          rows += rowCount(batch);
          options.onProgress?.(generator.done, options.relations);
        }
      }),
    );
    if (engine === "postgres") {
      // Ids were given explicitly; move the sequences past them.
      for (const table of ["relations", "persons"]) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1))`.execute(trx);
      }
    }
    const info = JSON.stringify({ company: COMPANY.name, seed: options.seed, relations: options.relations, loadedAt: now.toISOString() });
    await trx.deleteFrom("app_settings").where("key", "=", SETTINGS_KEY).execute();
    await trx.insertInto("app_settings").values({ key: SETTINGS_KEY, value: info }).execute();
  });
  await refreshStatistics(db, engine);
  const sales = options.sales === false ? { products: 0, quotes: 0, contactMoments: 0 } : await seedSalesDemo(db, { seed: options.seed, now });
  if (options.sales !== false) await seedAgendaDemo(db, { seed: options.seed, now });
  // Rayons drawn and split into sub-areas on cycle days: what /planning plans from.
  if (options.sales !== false) await seedTerritoryDemo(db, now);
  return { users: await demoLogins(db), relations: generator.done, persons, rows, sales, seconds: (performance.now() - started) / 1000 };
}

/** The demo users present and active in the database, with their demo password (unless changed since). */
export async function demoLogins(db: Db): Promise<DemoLogin[]> {
  const rows = await db
    .selectFrom("users")
    .select(["email", "name", "role"])
    .where("email", "in", DEMO_USERS.map((u) => u.email))
    .where("active", "=", 1)
    .execute();
  const order = (email: string) => DEMO_USERS.findIndex((u) => u.email === email);
  return rows.sort((a, b) => order(a.email) - order(b.email)).map((u) => ({ ...u, password: DEMO_PASSWORD }));
}
