// Visit preparation (issue 9): what the rep adds to an appointment's sheet — the method chosen, the
// templates applied, research notes, the keyword checklist with its ticks, the things to bring, notes
// — one versioned row per appointment; its objectives one row each; and the report afterwards, which
// points at the contact moment, follow-up and quote it made through their own features. Everything
// else on the sheet is read live from the features that own it.
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  const s = db.schema;

  let sheets = s
    .createTable("visit_preparations")
    .addColumn("appointment_id", "integer", (col) => col.primaryKey().references("appointments.id").onDelete("cascade"))
    // domain/contact-moment.ts SALES_METHODS; null: the suggested one
    .addColumn("method", "text")
    // JSON arrays: template ids; [{ keyword, ticked, answer }]; [{ item, ticked }]
    .addColumn("templates", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("keywords", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("checklist", "text", (col) => col.notNull().defaultTo("[]"))
    // JSON object of what the internet showed: employees, branches, group, CSR policy, customers, notes
    .addColumn("research", "text", (col) => col.notNull().defaultTo("{}"))
    .addColumn("notes", "text")
    .addColumn("updated_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  sheets = c.instant(sheets, "created_at", (col) => col.notNull());
  sheets = c.instant(sheets, "updated_at", (col) => col.notNull());
  await sheets.addColumn("version", "integer", (col) => col.notNull().defaultTo(1)).execute();

  await c
    .id(s.createTable("visit_objectives"))
    .addColumn("appointment_id", "integer", (col) => col.notNull().references("visit_preparations.appointment_id").onDelete("cascade"))
    .addColumn("position", "integer", (col) => col.notNull())
    // internal | external (domain/visit-preparation.ts)
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull())
    .addColumn("keyword", "text")
    // the SMART letters the rep confirmed, in order ("SMT")
    .addColumn("smart", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("ticked", "smallint", (col) => col.notNull().defaultTo(0))
    .addColumn("answer", "text")
    // after the visit: achieved | partly | not_achieved
    .addColumn("result", "text")
    .execute();
  await s.createIndex("visit_objectives_appointment").on("visit_objectives").columns(["appointment_id", "position"]).execute();

  let reports = s
    .createTable("visit_reports")
    .addColumn("appointment_id", "integer", (col) => col.primaryKey().references("appointments.id").onDelete("cascade"))
    .addColumn("activity_id", "integer", (col) => col.references("activities.id").onDelete("set null"))
    .addColumn("follow_up_id", "integer", (col) => col.references("follow_ups.id").onDelete("set null"))
    .addColumn("quote_id", "integer", (col) => col.references("quotes.id").onDelete("set null"))
    .addColumn("reported_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  reports = c.instant(reports, "reported_at", (col) => col.notNull());
  await reports.execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("visit_reports").execute();
  await db.schema.dropTable("visit_objectives").execute();
  await db.schema.dropTable("visit_preparations").execute();
}
