// Bulk writes of demo rows through Kysely. SQLite: multi-row INSERTs as large as its limit on bound
// parameters allows (32,766). PostgreSQL: one INSERT … SELECT FROM unnest($1::type[], …) per 10,000
// rows, one array parameter per column; measured here about four times faster than multi-row VALUES
// with 65,535 parameters (whose parse and plan cost grows with every value). The statement text is
// built here once per table rather than by the query builder, which would spend ~10 µs a relation
// building and compiling a syntax tree for a statement whose shape never changes.
import { CompiledQuery, sql } from "kysely";
import type { Db, Engine } from "../../db/kysely.js";
import type { Database } from "../../db/schema.js";
import {
  type Batch,
  CLASS_COLUMNS,
  DMU_COLUMNS,
  PERSON_COLUMNS,
  PREFIX_COLUMNS,
  RELATION_COLUMNS,
  type Row,
  SBI_COLUMNS,
  STATUS_COLUMNS,
  TERM_COLUMNS,
} from "./rows.js";

const SQLITE_MAX_PARAMETERS = 32_766;
const POSTGRES_ROWS_PER_STATEMENT = 10_000;

/** Statement texts of full-size SQLite chunks, per table (tails are built each time). */
const sqliteStatements = new Map<string, string>();

function sqliteInsert(table: string, columns: readonly string[], rows: number, full: boolean): string {
  const cached = full ? sqliteStatements.get(table) : undefined;
  if (cached) return cached;
  const tuple = `(${columns.map(() => "?").join(",")})`;
  const text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(",")}) values ${Array(rows).fill(tuple).join(",")}`;
  if (full) sqliteStatements.set(table, text);
  return text;
}

/** Statement texts per PostgreSQL table: the column types are read from the catalogue once. */
const postgresStatements = new Map<string, string>();

/** `insert … select * from unnest($1::int4[], $2::text[] …)` with the column types the table has. */
async function postgresInsert(db: Db, table: string, columns: readonly string[]): Promise<string> {
  const cached = postgresStatements.get(table);
  if (cached) return cached;
  const { rows } = await sql<{ column_name: string; udt_name: string }>`
    select column_name, udt_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}`.execute(db);
  const types = new Map(rows.map((r) => [r.column_name, r.udt_name]));
  const arrays = columns.map((c, i) => {
    const type = types.get(c);
    if (!type) throw new Error(`${table}.${c} does not exist`);
    return `$${i + 1}::${type}[]`;
  });
  const text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(",")}) select * from unnest(${arrays.join(",")})`;
  postgresStatements.set(table, text);
  return text;
}

export async function insertRows(db: Db, engine: Engine, table: keyof Database, columns: readonly string[], rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  if ((rows[0] as Row).length !== columns.length) throw new Error(`${table}: a row has ${(rows[0] as Row).length} values for ${columns.length} columns`);
  if (engine === "sqlite") {
    const perStatement = Math.floor(SQLITE_MAX_PARAMETERS / columns.length);
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const parameters: unknown[] = [];
      for (const row of chunk) for (const value of row) parameters.push(value);
      await db.executeQuery(CompiledQuery.raw(sqliteInsert(table, columns, chunk.length, chunk.length === perStatement), parameters));
    }
    return;
  }
  const text = await postgresInsert(db, table, columns);
  for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + POSTGRES_ROWS_PER_STATEMENT);
    const parameters = columns.map((_, c) => chunk.map((row) => row[c]));
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

/** Writes a batch in dependency order: relations (parents first), then what refers to them. */
export async function writeBatch(db: Db, engine: Engine, b: Batch): Promise<void> {
  await insertRows(db, engine, "relations", RELATION_COLUMNS, b.relations);
  await insertRows(db, engine, "relation_sbi_codes", SBI_COLUMNS, b.sbi);
  // Sorted by term: the terms table is a tree keyed by term, and neighbours share its pages.
  b.terms.sort((x, y) => (x[0] === y[0] ? 0 : (x[0] as string) < (y[0] as string) ? -1 : 1));
  await insertRows(db, engine, "relation_search_terms", TERM_COLUMNS, b.terms);
  // Sorted by their key (prefix, name_key, relation_id) for the same reason.
  b.prefixes.sort((x, y) => {
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as string | number) < (y[i] as string | number) ? -1 : 1;
    return 0;
  });
  await insertRows(db, engine, "relation_search_prefixes", PREFIX_COLUMNS, b.prefixes);
  await insertRows(db, engine, "relation_status_changes", STATUS_COLUMNS, b.statusChanges);
  await insertRows(db, engine, "relation_class_changes", CLASS_COLUMNS, b.classChanges);
  await insertRows(db, engine, "persons", PERSON_COLUMNS, b.persons);
  await insertRows(db, engine, "person_dmu_roles", DMU_COLUMNS, b.dmu);
}
