// Saved views of the sales report, per user: a name and the request it repeats.
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let views = c.id(db.schema.createTable("sales_views"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (col) => col.notNull())
    // JSON: the body of POST /api/reports/sales.
    .addColumn("request", "text", (col) => col.notNull());
  views = c.instant(views, "created_at", (col) => col.notNull());
  await views.execute();
  await db.schema.createIndex("sales_views_user").on("sales_views").columns(["user_id", "name"]).unique().execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("sales_views").execute();
}
