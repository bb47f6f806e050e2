// The agenda (issue 9): appointments of a user at a relation, with the persons met. A preparation
// sheet, its objectives and the report afterwards will hang off appointments.id in their own tables.
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  const s = db.schema;

  let appointments = c.id(s.createTable("appointments"))
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id"))
    // The user whose agenda it is (the rep) and who planned it (inside sales, a manager, the rep).
    .addColumn("for_user_id", "integer", (col) => col.notNull().references("users.id"))
    .addColumn("created_by", "integer", (col) => col.references("users.id").onDelete("set null"))
    // domain/agenda.ts VISIT_TYPES
    .addColumn("visit_type", "text", (col) => col.notNull())
    // visit_address | postal_address (both read from the relation when shown) | other (place_text)
    .addColumn("place_kind", "text", (col) => col.notNull())
    .addColumn("place_text", "text");
  // Start and end as UTC instants; the end is kept beside the duration (minutes) so that an overlap
  // is one index range: starts_at < new end AND ends_at > new start.
  appointments = c.instant(appointments, "starts_at", (col) => col.notNull());
  appointments = c.instant(appointments, "ends_at", (col) => col.notNull());
  appointments = appointments
    .addColumn("duration_minutes", "integer", (col) => col.notNull())
    .addColumn("notes", "text")
    // planned | cancelled; a cancelled appointment stays visible in the agenda, struck through.
    .addColumn("status", "text", (col) => col.notNull().defaultTo("planned"))
    .addColumn("cancel_reason", "text")
    .addColumn("cancelled_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  appointments = c.instant(appointments, "cancelled_at");
  appointments = c.instant(appointments, "created_at", (col) => col.notNull());
  appointments = c.instant(appointments, "updated_at", (col) => col.notNull());
  await appointments.addColumn("version", "integer", (col) => col.notNull().defaultTo(1)).execute();
  await s.createIndex("appointments_user_start").on("appointments").columns(["for_user_id", "starts_at"]).execute();
  await s.createIndex("appointments_relation_start").on("appointments").columns(["relation_id", "starts_at"]).execute();
  await s.createIndex("appointments_created_by").on("appointments").columns(["created_by", "starts_at"]).execute();

  await s
    .createTable("appointment_persons")
    .addColumn("appointment_id", "integer", (col) => col.notNull().references("appointments.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (col) => col.notNull().references("persons.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("appointment_persons_pk", ["appointment_id", "person_id"])
    .execute();
  await s.createIndex("appointment_persons_person").on("appointment_persons").columns(["person_id"]).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("appointment_persons").execute();
  await db.schema.dropTable("appointments").execute();
}
