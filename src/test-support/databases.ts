// Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL database on the local server
// (created and dropped per test file). KOERS_TEST_ENGINES picks the engines (default both).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseHandle, type Engine, openDatabase } from "../db/kysely.js";
import { migrateToLatest } from "../db/migrate.js";
import { ensureReferenceData } from "../features/reference/reference-data.js";

export const PG_ADMIN_URL = process.env.KOERS_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const ENGINES: Engine[] = (process.env.KOERS_TEST_ENGINES ?? "sqlite,postgres")
  .split(",")
  .map((e) => e.trim())
  .filter((e): e is Engine => e === "sqlite" || e === "postgres");

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The DATABASE_URL of this database, for starting a CLI or server process on it. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, migrated database with the reference data: an SQLite file in a fresh temporary folder, or
 * a PostgreSQL database `name` created through `adminUrl`. `drop()` removes it; `close()` only
 * closes the handle and leaves it for inspection. Tests and benchmarks both start from here.
 */
export async function createScratchDatabase(engine: Engine, name: string, adminUrl = PG_ADMIN_URL): Promise<TestDatabase & { close(): Promise<void> }> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), `${name.replaceAll("_", "-")}-`));
    const file = join(dir, "koers.sqlite");
    const handle = openDatabase({ engine: "sqlite", file });
    await migrateToLatest(handle.db);
    await ensureReferenceData(handle.db);
    return {
      handle,
      url: `sqlite:${file}`,
      close: () => handle.close(),
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ engine: "postgres", url: url.toString() });
  await migrateToLatest(handle.db);
  await ensureReferenceData(handle.db);
  return {
    handle,
    url: url.toString(),
    close: () => handle.close(),
    drop: async () => {
      await handle.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  return createScratchDatabase(engine, `koers_test_${process.pid}_${randomBytes(4).toString("hex")}`);
}
