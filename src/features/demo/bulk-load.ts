// Bulk-load mode for the demo: the secondary indexes of the tables being filled are dropped, the
// rows written, and the indexes built again from their own definitions (as stored by the engine,
// so indexes added by later migrations come back too). Building an index once over sorted keys is
// several times cheaper than keeping eleven indexes in step row by row (SQLite: ~50 µs a relation).
// The caller runs this inside one transaction: a failure leaves neither rows nor missing indexes.
import { sql } from "kysely";
import type { Db, Engine } from "../../db/kysely.js";

export const LOADED_TABLES = [
  "relations",
  "relation_sbi_codes",
  "relation_search_terms",
  "relation_search_prefixes",
  "relation_status_changes",
  "relation_class_changes",
  "persons",
  "person_dmu_roles",
] as const;

interface IndexDefinition {
  name: string;
  definition: string;
}

/** Indexes that are not the table's primary key or a constraint (those stay in place). */
async function secondaryIndexes(db: Db, engine: Engine): Promise<IndexDefinition[]> {
  const tables = [...LOADED_TABLES];
  if (engine === "sqlite") {
    const { rows } = await sql<IndexDefinition>`
      select name, sql as definition from sqlite_master
      where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)})`.execute(db);
    return rows;
  }
  const { rows } = await sql<IndexDefinition>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in (${sql.join(tables)})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  return rows;
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * PostgreSQL checks a foreign key with a query per inserted row (about 1.5 checks per demo row);
 * added back afterwards, each is validated by one join over the whole table. SQLite checks them
 * in-process by primary key, cheaply, and cannot drop a constraint: there they stay.
 */
async function foreignKeys(db: Db, engine: Engine): Promise<ForeignKey[]> {
  if (engine === "sqlite") return [];
  const { rows } = await sql<ForeignKey>`
    select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    where c.contype = 'f' and t.relnamespace = current_schema()::regnamespace and t.relname in (${sql.join([...LOADED_TABLES])})`.execute(db);
  return rows;
}

/** Runs `load` with the secondary indexes (and on PostgreSQL the foreign keys) of the loaded tables off. */
export async function withoutSecondaryIndexes<T>(db: Db, engine: Engine, load: () => Promise<T>): Promise<T> {
  const indexes = await secondaryIndexes(db, engine);
  const keys = await foreignKeys(db, engine);
  for (const key of keys) await sql`alter table ${sql.table(key.table)} drop constraint ${sql.id(key.name)}`.execute(db);
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  const result = await load();
  for (const index of indexes) await sql.raw(index.definition).execute(db);
  for (const key of keys) await sql`alter table ${sql.table(key.table)} add constraint ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(db);
  return result;
}
