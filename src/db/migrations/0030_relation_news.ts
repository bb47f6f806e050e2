// News on key relations (issue 9): a news feed address (RSS or Atom) per relation, the items read
// from it, and when each user last looked at the news of their relations ("Mijn dag"). The feed
// keeps the outcome of its last fetch (when, and the last error as the user is shown it); items are
// unique per relation on their guid (or link), so fetching again stores nothing twice.
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let feeds = db.schema
    .createTable("relation_feeds")
    .addColumn("relation_id", "integer", (col) => col.primaryKey().references("relations.id").onDelete("cascade"))
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("feed_title", "text")
    // The code of the last failure (domain/feed-address.ts FEED_FAILURES) and its detail.
    .addColumn("last_error", "text")
    .addColumn("last_error_detail", "text")
    .addColumn("updated_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  feeds = c.instant(feeds, "last_fetched_at");
  feeds = c.instant(feeds, "last_success_at");
  feeds = c.instant(feeds, "updated_at", (col) => col.notNull());
  await feeds.execute();

  let items = c
    .id(db.schema.createTable("relation_news_items"))
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    // "guid:<guid>" or "link:<link>": what makes an item the same item on the next fetch.
    .addColumn("dedupe_key", "text", (col) => col.notNull())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("link", "text")
    .addColumn("summary", "text");
  items = c.instant(items, "published_at");
  items = c.instant(items, "fetched_at", (col) => col.notNull());
  await items.execute();
  await db.schema.createIndex("relation_news_items_key").on("relation_news_items").columns(["relation_id", "dedupe_key"]).unique().execute();
  // The timeline and Mijn dag read a relation's newest items: one index range.
  await db.schema.createIndex("relation_news_items_fetched").on("relation_news_items").columns(["relation_id", "fetched_at"]).execute();

  let seen = db.schema
    .createTable("news_seen")
    .addColumn("user_id", "integer", (col) => col.primaryKey().references("users.id").onDelete("cascade"));
  seen = c.instant(seen, "seen_at", (col) => col.notNull());
  await seen.execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("news_seen").execute();
  await db.schema.dropTable("relation_news_items").execute();
  await db.schema.dropTable("relation_feeds").execute();
}
