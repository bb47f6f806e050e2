// Bulk writes for the heavy paths (sales lines and their rollups by the million), below the query
// builder: Kysely compiles every statement anew, which costs more than the write itself at these
// volumes. SQLite: one prepared statement run per row on the same connection, so it is part of the
// caller's open transaction. PostgreSQL: one INSERT … SELECT FROM unnest(arrays) per batch.
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import type { DatabaseHandle, Db } from "./kysely.js";

export type BulkType = "text" | "integer" | "bigint" | "smallint" | "date";

export interface BulkTable {
  readonly table: string;
  readonly columns: readonly (readonly [name: string, type: BulkType])[];
}

export interface BulkWriter {
  /** Inserts rows (values in the order of `spec.columns`) inside the transaction `trx`. */
  insert(trx: Db, spec: BulkTable, rows: readonly (readonly unknown[])[]): Promise<void>;
  /**
   * Inserts rows, or adds their `addColumns` values to the row already there with the same key
   * (rollup deltas). Keys must be unique within `rows`.
   */
  addInto(trx: Db, spec: BulkTable, keyColumns: readonly string[], addColumns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
}

const PG_TYPES: Record<BulkType, string> = { text: "text", integer: "int4", bigint: "int8", smallint: "int2", date: "date" };
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function bulkWriter(handle: Pick<DatabaseHandle, "engine" | "sqlite">): BulkWriter {
  return handle.engine === "sqlite" && handle.sqlite ? sqliteWriter(handle.sqlite) : postgresWriter();
}

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
  const run = (text: string, rows: readonly (readonly unknown[])[]) => {
    const statement = prepared(text);
    for (const row of rows) statement.run(row as unknown[]);
  };
  return {
    async insert(_trx, spec, rows) {
      const cols = spec.columns.map(([n]) => quote(n));
      run(`insert into ${quote(spec.table)} (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")})`, rows);
    },
    async addInto(_trx, spec, keyColumns, addColumns, rows) {
      const cols = spec.columns.map(([n]) => quote(n));
      const set = addColumns.map((c) => `${quote(c)} = ${quote(c)} + excluded.${quote(c)}`).join(", ");
      run(`insert into ${quote(spec.table)} (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")}) on conflict (${keyColumns.map(quote).join(", ")}) do update set ${set}`, rows);
    },
  };
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
    async insert(trx, spec, rows) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await sql`insert into ${sql.table(spec.table)} (${columnList(spec)}) select * from unnest(${unnest(spec, part)})`.execute(trx);
      }
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
