// Indexes that keep the relations list fast at a million relations (measured in bench/relations,
// see docs/benchmarks.md). Sorting by status or class orders by the lifecycle / importance rank,
// a CASE expression (relation.repository.ts, SORT_EXPRESSIONS); without an index on that very
// expression every such page sorted the whole table (0.3 s at 100,000 relations on SQLite).
// Both engines use an index on an expression when the query's ORDER BY has the same expression.
// The value lists are frozen here: if RELATION_STATUSES or ACCOUNT_CLASSES change, add a migration
// that recreates these indexes with the new lists (the list still works without, only slower).
import { sql } from "kysely";
import { isSqlite, type MigrationDb } from "./columns.js";

const STATUS_RANK = sql`(case "status" when 'suspect' then 0 when 'prospect' then 1 when 'customer' then 2 when 'former_customer' then 3 when 'dead' then 4 else 9 end)`;
const CLASS_RANK = sql`(case "account_class" when 'key' then 0 when 'A' then 1 when 'B' then 2 when 'C' then 3 else 9 end)`;

export async function up(db: MigrationDb): Promise<void> {
  await sql`create index relations_status_rank on relations (${STATUS_RANK}, name_key, id)`.execute(db);
  await sql`create index relations_class_rank on relations (${CLASS_RANK}, name_key, id)`.execute(db);
  // "Customers in class A" is the most asked combination: both equal, rows come in name order.
  await db.schema.createIndex("relations_status_class").on("relations").columns(["status", "account_class", "name_key", "id"]).execute();
  // A word probe ("has relation 17 a word starting with ba?") reads (relation_id, term). SQLite's
  // index on relation_id already holds the term (the table is keyed by term, relation_id);
  // PostgreSQL's needs the term in the index to answer without visiting the table.
  if (!isSqlite(db)) {
    await db.schema.createIndex("relation_search_terms_relation_term").on("relation_search_terms").columns(["relation_id", "term"]).execute();
    await db.schema.dropIndex("relation_search_terms_relation").execute();
  }
}

export async function down(db: MigrationDb): Promise<void> {
  if (!isSqlite(db)) {
    await db.schema.createIndex("relation_search_terms_relation").on("relation_search_terms").column("relation_id").execute();
    await db.schema.dropIndex("relation_search_terms_relation_term").execute();
  }
  for (const name of ["relations_status_class", "relations_class_rank", "relations_status_rank"]) await db.schema.dropIndex(name).execute();
}
