// Bulk writes for the heavy paths (sales lines and their rollups by the million), below the query
// builder: Kysely compiles every statement anew, which costs more than the write itself at these
// volumes. SQLite: prepared multi-row statements on the same connection, so they are part of the
// caller's open transaction. PostgreSQL: inserts stream COPY FROM STDIN (pg-copy-streams) on the
// caller's transaction's client; upserts are one INSERT … SELECT FROM unnest(arrays) per batch.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type SQLite from "better-sqlite3";
import { type Compilable, sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type DatabaseHandle, type Db, RAW_PG_CLIENT } from "./kysely.js";

export type BulkType = "text" | "integer" | "bigint" | "smallint" | "date";

export interface BulkTable {
  readonly table: string;
  readonly columns: readonly (readonly [name: string, type: BulkType])[];
}

export interface BulkWriter {
  /**
   * SQLite: one write lock for the whole database, which the server's event loop waits for when
   * it writes too — bulk work then keeps its transactions short (yieldLock). PostgreSQL locks rows:
   * large transactions cost nobody anything, and each commit is a sync to disk, so fewer is faster.
   */
  readonly sharedWriteLock: boolean;
  /** Inserts rows (values in the order of `spec.columns`) inside the transaction `trx`. */
  insert(trx: Db, spec: BulkTable, rows: readonly (readonly unknown[])[]): Promise<void>;
  /**
   * Inserts rows, or adds their `addColumns` values to the row already there with the same key
   * (rollup deltas). Keys must be unique within `rows`.
   */
  addInto(trx: Db, spec: BulkTable, keyColumns: readonly string[], addColumns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /**
   * The rows of a query as arrays of column values, in select order (SQLite: a prepared statement in
   * raw mode, no object per row).
   */
  rows(db: Db, query: Compilable): Promise<unknown[][]>;
  /**
   * SQLite: resolves once the write lock has been free for a moment since the caller's last write
   * transaction ended `freeForMs` ago. A writer on the server's event loop that finds the lock taken
   * waits in SQLite's busy handler, which retries after 1, 3, 8, 18, 33, 53, 78 … ms; with write
   * transactions of at most ~50 ms and 20 ms free between them, one of those retries finds it free
   * (the loop waits tens of milliseconds, not the length of a long run of transactions). Work done
   * between two transactions counts as free time. Nothing on PostgreSQL.
   */
  yieldLock(freeForMs: number): Promise<void>;
  /**
   * SQLite: this connection's page cache and write-ahead-log checkpoint interval for a long run of
   * bulk writes (in MB); resolves with what restores them. Nothing on PostgreSQL.
   */
  tune(settings: { cacheMb?: number; checkpointMb?: number }): Promise<() => Promise<void>>;
  /**
   * PostgreSQL, first statement of a bulk transaction: commit it without waiting for the disk sync
   * (synchronous_commit off for this transaction). Only for work whose progress is written in the
   * same transaction (a resumable job's batch and its checkpoint): a crash loses the last few
   * commits whole, and the job resumes from the checkpoint before them. Nothing on SQLite.
   */
  commitWithoutSync(trx: Db): Promise<void>;
}

/** How long the SQLite write lock is left free between two bulk transactions (see yieldLock). */
export const LOCK_FREE_MS = 20;
/** How long one bulk write transaction should hold it, at most. */
export const LOCK_HOLD_MS = 40;

const PG_TYPES: Record<BulkType, string> = { text: "text", integer: "int4", bigint: "int8", smallint: "int2", date: "date" };
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function bulkWriter(handle: Pick<DatabaseHandle, "engine" | "sqlite">): BulkWriter {
  return handle.engine === "sqlite" && handle.sqlite ? sqliteWriter(handle.sqlite) : postgresWriter();
}

/** Rows per multi-row statement on SQLite (values a statement stay far below its 32,766 limit). */
const SQLITE_ROWS_PER_STATEMENT = 64;

function sqliteWriter(connection: SQLite.Database): BulkWriter {
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (text: string) => {
    let s = statements.get(text);
    if (!s) {
      s = connection.prepare(text);
      statements.set(text, s);
    }
    return s;
  };
  /**
   * Runs `head` + `values (?, …), (?, …) …` + `tail` over the rows: SQLITE_ROWS_PER_STATEMENT rows a
   * statement (one prepared statement, its values in one reused flat array), the rest one by one.
   * A multi-row statement costs SQLite one parse-free step and the binding, where a run per row
   * costs a call from JavaScript into SQLite and back per row (about half the time of an insert).
   */
  const run = (head: string, width: number, tail: string, rows: readonly (readonly unknown[])[]) => {
    const tuple = `(${Array.from({ length: width }, () => "?").join(", ")})`;
    const many = SQLITE_ROWS_PER_STATEMENT;
    let at = 0;
    if (rows.length >= many) {
      const statement = prepared(`${head} values ${Array.from({ length: many }, () => tuple).join(", ")}${tail}`);
      const flat: unknown[] = new Array(many * width);
      for (; at + many <= rows.length; at += many) {
        let k = 0;
        for (let r = at; r < at + many; r++) {
          const row = rows[r] as readonly unknown[];
          for (let c = 0; c < width; c++) flat[k++] = row[c] ?? null;
        }
        statement.run(flat);
      }
    }
    if (at < rows.length) {
      const single = prepared(`${head} values ${tuple}${tail}`);
      for (; at < rows.length; at++) single.run(rows[at] as unknown[]);
    }
  };
  return {
    sharedWriteLock: true,
    async rows(_db, query) {
      const compiled = query.compile();
      return prepared(compiled.sql).raw(true).all(compiled.parameters as unknown[]) as unknown[][];
    },
    async tune({ cacheMb, checkpointMb }) {
      const cache = connection.pragma("cache_size", { simple: true }) as number;
      const checkpoint = connection.pragma("wal_autocheckpoint", { simple: true }) as number;
      const pageSize = connection.pragma("page_size", { simple: true }) as number;
      if (cacheMb !== undefined) connection.pragma(`cache_size = ${-Math.round(cacheMb * 1024)}`);
      if (checkpointMb !== undefined) connection.pragma(`wal_autocheckpoint = ${Math.round((checkpointMb * 1024 * 1024) / pageSize)}`);
      return async () => {
        connection.pragma(`cache_size = ${Number(cache)}`);
        connection.pragma(`wal_autocheckpoint = ${Number(checkpoint)}`);
      };
    },
    async commitWithoutSync() {},
    async yieldLock(freeForMs) {
      const wait = LOCK_FREE_MS - freeForMs;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
    async insert(_trx, spec, rows) {
      const cols = spec.columns.map(([n]) => quote(n));
      run(`insert into ${quote(spec.table)} (${cols.join(", ")})`, cols.length, "", rows);
    },
    async addInto(_trx, spec, keyColumns, addColumns, rows) {
      const cols = spec.columns.map(([n]) => quote(n));
      const set = addColumns.map((c) => `${quote(c)} = ${quote(c)} + excluded.${quote(c)}`).join(", ");
      run(`insert into ${quote(spec.table)} (${cols.join(", ")})`, cols.length, ` on conflict (${keyColumns.map(quote).join(", ")}) do update set ${set}`, rows);
    },
  };
}

/** COPY's text format: a backslash, tab, newline or carriage return in a value is escaped; null is \N. */
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string) : text;
}

/** The rows as COPY text, 1,000 lines a chunk (the stream's memory stays at one chunk or two). */
function* copyText(rows: readonly (readonly unknown[])[], width: number): Generator<string> {
  const PER_CHUNK = 1000;
  for (let at = 0; at < rows.length; at += PER_CHUNK) {
    let chunk = "";
    for (let r = at; r < Math.min(rows.length, at + PER_CHUNK); r++) {
      const row = rows[r] as readonly unknown[];
      let line = copyField(row[0]);
      for (let c = 1; c < width; c++) line += `\t${copyField(row[c])}`;
      chunk += `${line}\n`;
    }
    yield chunk;
  }
}

function postgresWriter(): BulkWriter {
  const unnest = (spec: BulkTable, rows: readonly (readonly unknown[])[]) => {
    const arrays = spec.columns.map((_, i) => rows.map((r) => r[i] ?? null));
    return sql.join(spec.columns.map(([, type], i) => sql`${arrays[i]}::${sql.raw(PG_TYPES[type])}[]`));
  };
  const columnList = (spec: BulkTable) => sql.raw(spec.columns.map(([n]) => quote(n)).join(", "));
  // Keeps each statement's arrays within a few megabytes.
  const CHUNK = 20_000;
  return {
    sharedWriteLock: false,
    async rows(db, query) {
      const compiled = query.compile();
      const result = await db.executeQuery(compiled);
      return (result.rows as Record<string, unknown>[]).map((r) => Object.values(r));
    },
    async yieldLock() {},
    async commitWithoutSync(trx) {
      await sql`set local synchronous_commit = off`.execute(trx);
    },
    async tune() {
      return async () => {};
    },
    async insert(trx, spec, rows) {
      if (rows.length === 0) return;
      // COPY runs on the transaction's own client (kysely.ts RAW_PG_CLIENT): its rows land or go with the batch.
      if (!trx.isTransaction) throw new Error(`bulk insert into ${spec.table}: COPY needs the caller's transaction`);
      const { rows: found } = await sql.raw<{ client: pg.PoolClient }>(RAW_PG_CLIENT).execute(trx);
      const client = (found[0] as { client: pg.PoolClient }).client;
      const copy = client.query(copyFrom(`copy ${quote(spec.table)} (${spec.columns.map(([n]) => quote(n)).join(", ")}) from stdin`));
      await pipeline(Readable.from(copyText(rows, spec.columns.length)), copy);
    },
    async addInto(trx, spec, keyColumns, addColumns, rows) {
      const set = sql.raw(addColumns.map((c) => `${quote(c)} = ${quote(spec.table)}.${quote(c)} + excluded.${quote(c)}`).join(", "));
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await sql`insert into ${sql.table(spec.table)} (${columnList(spec)}) select * from unnest(${unnest(spec, part)})
          on conflict (${sql.raw(keyColumns.map(quote).join(", "))}) do update set ${set}`.execute(trx);
      }
    },
  };
}
