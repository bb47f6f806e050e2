// How the last reads of an IMAP mailbox went (issue 12): the mail.imap job counts failed runs in a
// row on the mailbox's cursor row and waits longer after each (doubling, at most an hour), so a wrong
// password is not tried again on every poll; the administrator sees the last error. A mailbox that
// failed before its first read has a row with uid_validity 0 (IMAP's UIDVALIDITY is never 0):
// "not read yet", as without a row.
import { isSqlite, type MigrationDb } from "./columns.js";

const COLUMNS = ["failures", "last_error", "last_error_at", "retry_at", "last_success_at"] as const;

export async function up(db: MigrationDb): Promise<void> {
  const instant = isSqlite(db) ? "text" : "timestamptz";
  await db.schema.alterTable("mail_imap_cursors").addColumn("failures", "integer", (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("mail_imap_cursors").addColumn("last_error", "text").execute();
  await db.schema.alterTable("mail_imap_cursors").addColumn("last_error_at", instant).execute();
  // No poll queues a run before this moment (null: the next poll does).
  await db.schema.alterTable("mail_imap_cursors").addColumn("retry_at", instant).execute();
  await db.schema.alterTable("mail_imap_cursors").addColumn("last_success_at", instant).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable("mail_imap_cursors").dropColumn(column).execute();
}
