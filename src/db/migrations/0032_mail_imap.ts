// Reading a logging mailbox over IMAP (issue 12): where the mail.imap job stopped in each mailbox.
// IMAP numbers messages per mailbox with UIDs that only grow while UIDVALIDITY stays the same; the
// job stores both after each message it handled, and starts again from the first message when the
// server reports another UIDVALIDITY (the mail's Message-ID keeps it from being logged twice).
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let cursors = db.schema
    .createTable("mail_imap_cursors")
    // "<user>@<host>:<port>/<mailbox>": another account or mailbox starts from its own first message.
    .addColumn("mailbox_key", "text", (col) => col.primaryKey())
    // UIDVALIDITY and UIDs are unsigned 32-bit numbers: above PostgreSQL's integer, hence bigint.
    .addColumn("uid_validity", "bigint", (col) => col.notNull())
    .addColumn("last_uid", "bigint", (col) => col.notNull());
  cursors = c.instant(cursors, "updated_at", (col) => col.notNull());
  await cursors.execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("mail_imap_cursors").execute();
}
