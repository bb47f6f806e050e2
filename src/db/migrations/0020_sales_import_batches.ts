// Staged lines of a sales import as batches: one row of packed lines per batch (features/sales/
// sales-staging.ts) instead of one row per line in sales_import_lines. Staging ten million lines a
// row each cost SQLite a B-tree insert, a read and a delete per line — about a quarter of an import.
// sales_import_lines goes; an import analysed before this migration is analysed again at commit.
import { sql } from "kysely";
import { columns, isSqlite, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const sqlite = isSqlite(db);
  let batches = db.schema
    .createTable("sales_import_batches")
    .addColumn("job_id", "integer", (col) => col.notNull())
    // The rows of the file the batch holds (first and last row number) and how many lines.
    .addColumn("first_row", "integer", (col) => col.notNull())
    .addColumn("last_row", "integer", (col) => col.notNull())
    .addColumn("lines", "integer", (col) => col.notNull())
    .addColumn("data", sqlite ? "blob" : "bytea", (col) => col.notNull())
    .addPrimaryKeyConstraint("sales_import_batches_pk", ["job_id", "first_row"]);
  if (sqlite) batches = batches.modifyEnd(sql`without rowid`);
  await batches.execute();
  await db.schema.dropTable("sales_import_lines").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let staged = db.schema
    .createTable("sales_import_lines")
    .addColumn("job_id", "integer", (col) => col.notNull())
    .addColumn("row_number", "integer", (col) => col.notNull())
    .addColumn("invoice_number", "text", (col) => col.notNull())
    .addColumn("line_number", "integer", (col) => col.notNull());
  staged = c.date(staged, "invoice_date", (col) => col.notNull());
  staged = staged
    .addColumn("debtor_key", "text", (col) => col.notNull())
    .addColumn("product_key", "text", (col) => col.notNull())
    .addColumn("rep_key", "text", (col) => col.notNull())
    .addColumn("rayon_key", "text", (col) => col.notNull())
    .addColumn("quantity_milli", "bigint", (col) => col.notNull())
    .addColumn("revenue_cents", "bigint", (col) => col.notNull())
    .addColumn("cost_cents", "bigint")
    .addColumn("credit", "smallint", (col) => col.notNull())
    .addPrimaryKeyConstraint("sales_import_lines_pk", ["job_id", "row_number"]);
  if (isSqlite(db)) staged = staged.modifyEnd(sql`without rowid`);
  await staged.execute();
  await db.schema.dropTable("sales_import_batches").execute();
}
