// The company's own visit templates (issue 9): objectives with their keywords and the keywords of a
// visit, per visit type and per industry (SBI section) of the relation visited. A new database starts
// with the two shipped templates; from then on the company edits them and adds its own. A sheet
// refers to a template by its key (the shipped ones keep "general" and "cleaning", which sheets made
// before this table already name) and copies what it applied, so editing a template later changes
// no sheet.
import { SHIPPED_TEMPLATES } from "../../domain/visit-templates.js";
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let table = c
    .id(db.schema.createTable("visit_templates"))
    .addColumn("key", "text", (col) => col.notNull().unique())
    .addColumn("name_nl", "text", (col) => col.notNull())
    .addColumn("name_en", "text", (col) => col.notNull())
    // JSON arrays: visit types (domain/agenda.ts), SBI section letters, { kind, text, keyword }, keywords
    .addColumn("visit_types", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("sbi_sections", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("objectives", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("keywords", "text", (col) => col.notNull().defaultTo("[]"))
    // The order of the picker and of the proposal.
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("updated_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  table = c.bool(table, "active", true);
  table = c.instant(table, "created_at", (col) => col.notNull());
  table = c.instant(table, "updated_at", (col) => col.notNull());
  await table.addColumn("version", "integer", (col) => col.notNull().defaultTo(1)).execute();

  // The seed is the shipped templates as they were when this migration was written.
  const stamp = "2026-12-01T00:00:00.000Z";
  await db
    .insertInto("visit_templates")
    .values(
      SHIPPED_TEMPLATES.map((t, position) => ({
        key: t.id,
        name_nl: t.name.nl,
        name_en: t.name.en,
        visit_types: JSON.stringify(t.visitTypes),
        sbi_sections: JSON.stringify(t.sbiSections),
        objectives: JSON.stringify(t.objectives),
        keywords: JSON.stringify(t.keywords),
        position,
        created_at: stamp,
        updated_at: stamp,
      })),
    )
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("visit_templates").execute();
}
