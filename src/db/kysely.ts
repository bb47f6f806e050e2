// Engine choice: one Kysely<Database> over either an embedded SQLite file or a PostgreSQL server.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config.js";
import type { Database } from "./schema.js";

export type Engine = "sqlite" | "postgres";
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  readonly db: Db;
  readonly engine: Engine;
  /** The SQLite connection under `db` (SQLite only): bulk writes prepare statements on it (db/bulk.ts). */
  readonly sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// node-postgres parses int8 to string and date/timestamptz to Date by default. Koers keeps the same
// shapes on both engines: bigint → number (cents stay far below 2^53), date → 'YYYY-MM-DD',
// timestamptz → ISO 8601 string in UTC.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (v) => new Date(`${v}Z`).toISOString());

/**
 * Runs `work` in a transaction: a new one, or the caller's when `db` already is one, so a use case
 * (create a relation) can run alone or as part of a larger one (an import) without nesting.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * SQLite transactions begin IMMEDIATE: they take the write lock at BEGIN, waiting for it in the busy
 * handler (busy_timeout). A deferred transaction that reads first and writes later fails at once with
 * SQLITE_BUSY_SNAPSHOT ("database is locked", no waiting) when another connection committed a write in
 * between — and during a long job the server writes heartbeats and progress every few seconds, so a
 * job's read-then-write transactions (lifecycle moves after a sales import) failed now and then.
 * Koers' transactions are write transactions; reads run outside them.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/** Statements kept per SQLite connection: Koers sends a few hundred distinct queries (lists, reports). */
const STATEMENT_CACHE_SIZE = 1_000;

/**
 * The connection as Kysely's SQLite driver sees it, with prepared statements kept by their SQL text.
 * The driver prepares every query anew, and under load that was about a tenth of a request's CPU
 * (`prepare` in a server profile of bench/load.bench.ts); a statement prepared once runs again with
 * new parameters. A statement still being iterated (a streamed export) is busy, so the same SQL
 * meanwhile gets a fresh one. Least recently used statements go first.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDialectConfig["database"] {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const kept = cache.get(text);
      if (kept && !kept.busy) {
        cache.delete(text);
        cache.set(text, kept);
        return kept;
      }
      const statement = sqlite.prepare(text);
      if (!kept) {
        cache.set(text, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.engine === "sqlite") {
    if (config.file !== ":memory:") mkdirSync(dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
    // SQLite's LIKE is ASCII case-insensitive, PostgreSQL's is not; Koers searches on normalised
    // key columns instead, and makes LIKE behave the same on both.
    sqlite.pragma("case_sensitive_like = ON");
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, engine: "sqlite", sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  // An idle client that loses its connection (server restart, database dropped) emits 'error' on the
  // pool; without a listener that would end the process. The next query opens a fresh connection.
  pool.on("error", () => {});
  // Reports group many rows; JIT compilation only adds seconds to first runs (PERFORMANCE-NOTES.md).
  pool.on("connect", (client) => {
    // Parallel workers cost more to start than they save on the short list queries (10–50 ms here).
    client.query("SET jit = off; SET max_parallel_workers_per_gather = 0").catch(() => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withRawClients(pool) }) });
  return { db, engine: "postgres", close: () => db.destroy() };
}

/**
 * A statement no server sees: run inside a transaction (`sql.raw(RAW_PG_CLIENT).execute(trx)`), it
 * answers one row `{ client }`, the node-postgres client the transaction runs on. Bulk writes stream
 * COPY FROM STDIN on it (db/bulk.ts), in the caller's transaction; Kysely has no way to reach it.
 */
export const RAW_PG_CLIENT = "-- koers: the pg client of this transaction";

/** The pool as Kysely sees it: every client answers RAW_PG_CLIENT with itself. */
function withRawClients(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) {
        const query = (text: unknown, parameters?: readonly unknown[]) =>
          text === RAW_PG_CLIENT ? Promise.resolve({ command: "SELECT", rowCount: 1, rows: [{ client }] }) : parameters === undefined ? client.query(text as pg.Submittable) : client.query(text as string, parameters as unknown[]);
        w = { query: query as PostgresPoolClient["query"], release: (destroy?: boolean) => client.release(destroy) };
        wrapped.set(client, w);
      }
      return w;
    },
    end: () => pool.end(),
  };
}
