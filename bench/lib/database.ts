// A fresh database per benchmark run: an SQLite file in a temporary folder, or a PostgreSQL
// database created on the local server (like src/test-support/databases.ts) and dropped afterwards.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { type DatabaseHandle, type Engine, openDatabase } from "../../src/db/kysely.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { ensureReferenceData } from "../../src/features/reference/reference-data.js";

export const PG_ADMIN_URL = process.env.KOERS_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  handle: DatabaseHandle;
  /** DATABASE_URL of the database (to inspect it when kept). */
  url: string;
  bytes(): Promise<number>;
  version(): Promise<string>;
  /** Closes the handle; drops the database unless `keep`. */
  close(keep: boolean): Promise<void>;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(engine: Engine, label: string): Promise<BenchDatabase> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), `koers-bench-${label}-`));
    const file = join(dir, "koers.sqlite");
    const handle = openDatabase({ engine: "sqlite", file });
    await migrateToLatest(handle.db);
    await ensureReferenceData(handle.db);
    return {
      handle,
      url: `sqlite:${file}`,
      bytes: async () => ["", "-wal"].reduce((sum, suffix) => sum + (statSync(`${file}${suffix}`, { throwIfNoEntry: false })?.size ?? 0), 0),
      version: async () => (await sql<{ v: string }>`select sqlite_version() as v`.execute(handle.db)).rows[0]?.v ?? "?",
      close: async (keep) => {
        await handle.close();
        if (!keep) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `koers_bench_${label.replace(/[^a-z0-9]/gi, "_")}_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ engine: "postgres", url: url.toString() });
  await migrateToLatest(handle.db);
  await ensureReferenceData(handle.db);
  return {
    handle,
    url: url.toString(),
    bytes: async () => Number((await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(handle.db)).rows[0]?.n ?? 0),
    version: async () => (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)).rows[0]?.v ?? "?",
    close: async (keep) => {
      await handle.close();
      if (!keep) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
