// User administration in the UI: one-time password links and the street of a user's home address
// (postcode and city came with 0001; planning starts and ends a rep's day there).
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  await db.schema.alterTable("users").addColumn("home_address", "text").execute();

  // Only the SHA-256 of the link's token is stored: a leaked table gives no usable links.
  let resets = c.id(db.schema.createTable("password_resets"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    // The administrator who started it.
    .addColumn("created_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  resets = c.instant(resets, "created_at", (col) => col.notNull());
  resets = c.instant(resets, "expires_at", (col) => col.notNull());
  resets = c.instant(resets, "used_at");
  await resets.execute();
  await db.schema.createIndex("password_resets_user").on("password_resets").column("user_id").execute();
  await db.schema.createIndex("api_tokens_user").on("api_tokens").column("user_id").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex("api_tokens_user").execute();
  await db.schema.dropTable("password_resets").execute();
  await db.schema.alterTable("users").dropColumn("home_address").execute();
}
