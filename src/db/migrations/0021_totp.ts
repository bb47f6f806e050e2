// Optional second factor (issue 11): a TOTP secret per user (RFC 6238, 30-second steps, 6 digits),
// the secret being set up until the user proves it with a code, the last time step used (a code
// works once), and the company's choice to require it for administrators.
import { isSqlite, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const instant = isSqlite(db) ? "text" : "timestamptz";
  await db.schema.alterTable("users").addColumn("totp_secret", "text").execute();
  await db.schema.alterTable("users").addColumn("totp_pending_secret", "text").execute();
  // Time step (Unix seconds / 30) of the last code accepted: 59 million today, fits an integer.
  await db.schema.alterTable("users").addColumn("totp_last_step", "integer").execute();
  await db.schema.alterTable("users").addColumn("totp_enabled_at", instant).execute();
  await db.schema
    .alterTable("company_settings")
    .addColumn("totp_required_for_admins", "smallint", (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("company_settings").dropColumn("totp_required_for_admins").execute();
  for (const column of ["totp_enabled_at", "totp_last_step", "totp_pending_secret", "totp_secret"]) {
    await db.schema.alterTable("users").dropColumn(column).execute();
  }
}
