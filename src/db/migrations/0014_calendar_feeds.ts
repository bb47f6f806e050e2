// A personal calendar feed (ICS) per user: Outlook, Google and Apple calendars subscribe to a secret
// URL. Only the SHA-256 of its token is stored; one feed a user, replaced when regenerated.
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let feeds = db.schema
    .createTable("calendar_feeds")
    .addColumn("user_id", "integer", (col) => col.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (col) => col.notNull().unique());
  feeds = c.instant(feeds, "created_at", (col) => col.notNull());
  feeds = c.instant(feeds, "last_read_at");
  await feeds.execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("calendar_feeds").execute();
}
