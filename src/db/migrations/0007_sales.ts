// The sales information system (VIS): salespeople (who need not be users), targets, the invoice
// lines from the ERP, the rollups that answer the standard questions without scanning the lines,
// and the staging of a sales import (parsed and checked before a single line is written).
//
// Months are integers yyyymm (202511) in these tables: compact keys that sort and compare as numbers
// on both engines. "None" is 0 in rollup keys (rayon 0 = no rayon), since keys cannot be null.
// Rollup tables name the debtor `debtor_id`, not relation_id, so a merge of duplicates does not move
// them blindly: the sales service rebuilds the survivor's rollups from its lines instead.
import { type CreateTableBuilder, sql } from "kysely";
import { columns, isSqlite, type MigrationDb } from "./columns.js";

type Tb = CreateTableBuilder<string, string>;

const MEASURES = (tb: Tb): Tb =>
  tb
    .addColumn("quantity_milli", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("revenue_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("cost_cents", "bigint", (c) => c.notNull().defaultTo(0))
    // Revenue of the lines that came with a cost: margin = this − cost, margin % = margin ÷ this.
    .addColumn("costed_revenue_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("lines", "integer", (c) => c.notNull().defaultTo(0));

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  const s = db.schema;
  const sqlite = isSqlite(db);

  let people = c.id(s.createTable("salespeople")).addColumn("name", "text", (col) => col.notNull());
  people = c.key(people, "name_key", (col) => col.notNull());
  people = people
    .addColumn("email", "text")
    .addColumn("email_key", "text")
    // The Koers user this salesperson is, when they log in (many ERP reps never do).
    .addColumn("user_id", "integer", (col) => col.references("users.id").onDelete("set null").unique())
    .addColumn("rayon_id", "integer", (col) => col.references("rayons.id").onDelete("set null"));
  people = c.bool(people, "active", true);
  people = c.instant(people, "created_at", (col) => col.notNull());
  await people.execute();
  await s.createIndex("salespeople_name").on("salespeople").columns(["name_key"]).execute();
  await s.createIndex("salespeople_email").on("salespeople").columns(["email_key"]).execute();

  await s
    .createTable("sales_targets")
    .addColumn("month", "integer", (col) => col.notNull())
    .addColumn("rayon_id", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("salesperson_id", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("product_group_id", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("revenue_cents", "bigint", (col) => col.notNull().defaultTo(0))
    .addColumn("quantity_milli", "bigint", (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("sales_targets_pk", ["month", "rayon_id", "salesperson_id", "product_group_id"])
    .execute();

  let lines = c.id(s.createTable("sales_lines"))
    .addColumn("invoice_number", "text", (col) => col.notNull())
    .addColumn("line_number", "integer", (col) => col.notNull());
  lines = c.date(lines, "invoice_date", (col) => col.notNull());
  lines = lines
    .addColumn("month", "integer", (col) => col.notNull())
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id"))
    .addColumn("product_id", "integer", (col) => col.notNull().references("products.id"))
    // As they were on the line: the group of the product and the rep and rayon of the invoice.
    .addColumn("product_group_id", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("salesperson_id", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("rayon_id", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("quantity_milli", "bigint", (col) => col.notNull())
    .addColumn("revenue_cents", "bigint", (col) => col.notNull())
    // Line total cost; null when the ERP did not give one (the line then counts no margin).
    .addColumn("cost_cents", "bigint")
    .addColumn("credit", "smallint", (col) => col.notNull().defaultTo(0))
    // Which import wrote it, and from which row: a second row with the same key in one file is caught.
    .addColumn("import_job_id", "integer")
    .addColumn("source_row", "integer");
  await lines.execute();
  await s.createIndex("sales_lines_key").on("sales_lines").columns(["invoice_number", "line_number"]).unique().execute();
  await s.createIndex("sales_lines_relation").on("sales_lines").columns(["relation_id", "month"]).execute();
  await s.createIndex("sales_lines_product").on("sales_lines").columns(["product_id", "month"]).execute();

  // Rollups. SQLite keeps them WITHOUT ROWID, ordered by their key: a month range is one range scan.
  const rollup = async (name: string, keys: string[]) => {
    let tb: Tb = s.createTable(name).addColumn("month", "integer", (col) => col.notNull());
    for (const k of keys) tb = tb.addColumn(k, "integer", (col) => col.notNull());
    tb = MEASURES(tb);
    tb = tb.addPrimaryKeyConstraint(`${name}_pk`, ["month", ...keys]);
    if (sqlite) tb = tb.modifyEnd(sql`without rowid`);
    await tb.execute();
  };
  // Questions per rayon and rep over months (monthly revenue of a rayon, rayon × month pivots): a
  // few thousand rows, where the product group rollup has a million at ten million lines.
  await rollup("sales_by_rep", ["rayon_id", "salesperson_id"]);
  // Questions per rayon, rep and product group (rep × group × quarter); one rep's rows through the
  // index (its entries change only when a key is new, not on every sum).
  await rollup("sales_by_group", ["rayon_id", "salesperson_id", "product_group_id"]);
  await s.createIndex("sales_by_group_rep").on("sales_by_group").columns(["salesperson_id", "month"]).execute();
  // Questions per product (introduction curves, purchasing's run rate).
  await rollup("sales_by_product", ["rayon_id", "product_id", "product_group_id"]);
  // Questions per debtor (history of a relation, who buys less, customers, class and region).
  await rollup("sales_by_debtor", ["rayon_id", "salesperson_id", "debtor_id"]);
  await s.createIndex("sales_by_debtor_debtor").on("sales_by_debtor").columns(["debtor_id", "month"]).execute();

  // Per-debtor totals of the standard periods (last 12 months, the 12 before, year to date, last
  // year to date) as of a month: top-N and Pareto read 50,000 rows instead of grouping millions.
  let periods: Tb = s
    .createTable("sales_debtor_periods")
    .addColumn("as_of_month", "integer", (col) => col.notNull())
    .addColumn("period", "text", (col) => col.notNull())
    .addColumn("rayon_id", "integer", (col) => col.notNull())
    .addColumn("debtor_id", "integer", (col) => col.notNull());
  periods = MEASURES(periods).addPrimaryKeyConstraint("sales_debtor_periods_pk", ["as_of_month", "period", "rayon_id", "debtor_id"]);
  if (sqlite) periods = periods.modifyEnd(sql`without rowid`);
  await periods.execute();

  // The lines of a sales import as parsed and checked, before any is written to sales_lines. Debtor,
  // product, rep and rayon are kept as the file names them (a key of sales_import_keys): they are
  // resolved to ids once per distinct key, and missing ones created only when the import commits.
  let staged = s
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
  if (sqlite) staged = staged.modifyEnd(sql`without rowid`);
  await staged.execute();

  // The distinct debtors, products, reps and rayons a sales import names, and what each resolved to
  // (id null: not known; created at commit with --create-missing, else reported).
  await s
    .createTable("sales_import_keys")
    .addColumn("job_id", "integer", (col) => col.notNull())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("key", "text", (col) => col.notNull())
    // JSON: what the file said (number, KvK, name, postcode …), to create it or to name it in a report.
    .addColumn("data", "text", (col) => col.notNull())
    .addColumn("resolved_id", "integer")
    .addColumn("first_row", "integer", (col) => col.notNull())
    .addColumn("rows", "integer", (col) => col.notNull())
    .addPrimaryKeyConstraint("sales_import_keys_pk", ["job_id", "kind", "key"])
    .execute();

  // Every problem an import found, by row and column (for any kind of import).
  await s
    .createTable("import_problems")
    .addColumn("job_id", "integer", (col) => col.notNull())
    .addColumn("row_number", "integer", (col) => col.notNull())
    .addColumn("column_name", "text", (col) => col.notNull())
    .addColumn("code", "text", (col) => col.notNull())
    .addColumn("message", "text", (col) => col.notNull())
    .execute();
  await s.createIndex("import_problems_job").on("import_problems").columns(["job_id", "row_number"]).execute();

  // A sales import keeps its file in job_files (not its rows as JSON) and runs as two jobs.
  await s.alterTable("import_jobs").addColumn("file_id", "integer").execute();
  await s.alterTable("import_jobs").addColumn("options", "text").execute();
  await s.alterTable("import_jobs").addColumn("analysis_job_id", "integer").execute();
  await s.alterTable("import_jobs").addColumn("commit_job_id", "integer").execute();

  // Where a status change came from: a person ("user", the default), an import, or the VIS.
  await s.alterTable("relation_status_changes").addColumn("source", "text", (col) => col.notNull().defaultTo("user")).execute();
  // The province of a postcode area (from its centroid), for sales by region.
  await s.alterTable("postcode_areas").addColumn("province", "text").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const col of ["commit_job_id", "analysis_job_id", "options", "file_id"]) await db.schema.alterTable("import_jobs").dropColumn(col).execute();
  await db.schema.alterTable("postcode_areas").dropColumn("province").execute();
  await db.schema.alterTable("relation_status_changes").dropColumn("source").execute();
  for (const t of ["import_problems", "sales_import_keys", "sales_import_lines", "sales_debtor_periods", "sales_by_debtor", "sales_by_product", "sales_by_group", "sales_by_rep", "sales_lines", "sales_targets", "salespeople"]) {
    await db.schema.dropTable(t).execute();
  }
}
