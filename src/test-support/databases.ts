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

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "koers-test-"));
    const file = join(dir, "koers.sqlite");
    const handle = openDatabase({ engine: "sqlite", file });
    await migrateToLatest(handle.db);
    await ensureReferenceData(handle.db);
    return {
      handle,
      url: `sqlite:${file}`,
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `koers_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ engine: "postgres", url: url.toString() });
  await migrateToLatest(handle.db);
  await ensureReferenceData(handle.db);
  return {
    handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
