// A fresh database per benchmark run: an SQLite file in a temporary folder, or a PostgreSQL
// database created on the local server (like src/test-support/databases.ts) and dropped afterwards.
import { statSync } from "node:fs";
import { sql } from "kysely";
import type { DatabaseHandle, Engine } from "../../src/db/kysely.js";
import { createScratchDatabase } from "../../src/test-support/databases.js";

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

export async function createBenchDatabase(engine: Engine, label: string): Promise<BenchDatabase> {
  const scratch = await createScratchDatabase(engine, `koers_bench_${label.replace(/[^a-z0-9]/gi, "_")}_${process.pid}`, PG_ADMIN_URL);
  const { handle } = scratch;
  const file = scratch.url.startsWith("sqlite:") ? scratch.url.slice("sqlite:".length) : null;
  return {
    handle,
    url: scratch.url,
    bytes: async () =>
      file !== null
        ? ["", "-wal"].reduce((sum, suffix) => sum + (statSync(`${file}${suffix}`, { throwIfNoEntry: false })?.size ?? 0), 0)
        : Number((await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(handle.db)).rows[0]?.n ?? 0),
    version: async () =>
      (file !== null
        ? (await sql<{ v: string }>`select sqlite_version() as v`.execute(handle.db)).rows[0]?.v
        : (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)).rows[0]?.v) ?? "?",
    close: (keep) => (keep ? scratch.close() : scratch.drop()),
  };
}
