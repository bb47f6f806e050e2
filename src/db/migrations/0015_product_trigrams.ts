// Product search finds words inside compounds ("schoon" finds "kantoorschoonmaak"): a substring
// LIKE '%word%' on products.search_key. On PostgreSQL a trigram GIN index serves such a LIKE when
// the pg_trgm extension is available (it ships with PostgreSQL's contrib); without it, and on
// SQLite, the LIKE scans the product table, which holds thousands of rows, not millions.
import { sql } from "kysely";
import { isSqlite, type MigrationDb } from "./columns.js";

async function trigramsAvailable(db: MigrationDb): Promise<boolean> {
  const installed = await sql<{ n: number }>`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(db);
  if ((installed.rows[0]?.n ?? 0) > 0) return true;
  const available = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if ((available.rows[0]?.n ?? 0) === 0) return false;
  // Creating an extension needs rights a production role may lack: try it in a savepoint, so a
  // refusal leaves the migration's transaction usable and the search merely unindexed.
  await sql`savepoint koers_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`release savepoint koers_trgm`.execute(db);
    return true;
  } catch {
    await sql`rollback to savepoint koers_trgm`.execute(db);
    return false;
  }
}

export async function up(db: MigrationDb): Promise<void> {
  if (isSqlite(db)) return;
  if (!(await trigramsAvailable(db))) return;
  await sql`create index if not exists products_search_key_trgm on products using gin (search_key gin_trgm_ops)`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  if (isSqlite(db)) return;
  await sql`drop index if exists products_search_key_trgm`.execute(db);
}
