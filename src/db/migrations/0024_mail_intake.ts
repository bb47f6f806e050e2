// E-mail into the timeline (issue 12): each user's personal logging (BCC) addresses, the mails the
// built-in SMTP receiver took for them, their attachments while they wait, and which contact moments
// a mail became. A revoked address keeps its row (revoked_at) so the receiver can say "revoked"
// instead of "unknown"; a mail keeps its row after logging or dropping, so the same Message-ID
// arriving again is recognised (unique per user).
import { sql } from "kysely";
import { blobType } from "./0002_crm_memory.js";
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let addresses = c.id(db.schema.createTable("mail_log_addresses"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token", "text", (col) => col.notNull().unique());
  addresses = c.instant(addresses, "created_at", (col) => col.notNull());
  addresses = c.instant(addresses, "revoked_at");
  await addresses.execute();
  // One live address a user (both engines know partial indexes).
  await db.schema.createIndex("mail_log_addresses_live").on("mail_log_addresses").column("user_id").unique().where(sql.ref("revoked_at"), "is", null).execute();

  let mails = c.id(db.schema.createTable("mail_messages"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("dedupe_key", "text", (col) => col.notNull())
    .addColumn("message_id", "text")
    .addColumn("state", "text", (col) => col.notNull())
    .addColumn("reason", "text")
    .addColumn("envelope_from", "text")
    .addColumn("from_address", "text")
    .addColumn("from_name", "text")
    .addColumn("to_addresses", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("cc_addresses", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("subject", "text")
    .addColumn("body_text", "text")
    .addColumn("size_bytes", "integer", (col) => col.notNull())
    .addColumn("raw_file_id", "integer", (col) => col.references("job_files.id").onDelete("set null"))
    .addColumn("problem", "text")
    .addColumn("attachment_problems", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("handled_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  mails = c.instant(mails, "sent_at");
  mails = c.instant(mails, "received_at", (col) => col.notNull());
  mails = c.instant(mails, "handled_at");
  await mails.execute();
  await db.schema.createIndex("mail_messages_dedupe").on("mail_messages").columns(["user_id", "dedupe_key"]).unique().execute();
  await db.schema.createIndex("mail_messages_inbox").on("mail_messages").columns(["user_id", "state", "received_at"]).execute();

  await c
    .id(db.schema.createTable("mail_attachments"))
    .addColumn("mail_id", "integer", (col) => col.notNull().references("mail_messages.id").onDelete("cascade"))
    .addColumn("file_name", "text", (col) => col.notNull())
    .addColumn("size_bytes", "integer", (col) => col.notNull())
    .addColumn("content", blobType(db), (col) => col.notNull())
    .execute();
  await db.schema.createIndex("mail_attachments_mail").on("mail_attachments").column("mail_id").execute();

  await db.schema
    .createTable("mail_message_activities")
    .addColumn("mail_id", "integer", (col) => col.notNull().references("mail_messages.id").onDelete("cascade"))
    .addColumn("activity_id", "integer", (col) => col.notNull().references("activities.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("mail_message_activities_pk", ["mail_id", "activity_id"])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("mail_message_activities").execute();
  await db.schema.dropTable("mail_attachments").execute();
  await db.schema.dropTable("mail_messages").execute();
  await db.schema.dropTable("mail_log_addresses").execute();
}
