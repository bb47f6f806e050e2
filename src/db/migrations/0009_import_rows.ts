// Imports of relations and persons run as background jobs: the file stays in job_files, a first job
// reads its header and sample rows, a second plans every row. The plan is kept here per row, so the
// preview pages through the database instead of re-reading and re-planning the file each time.
import type { MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable("import_rows")
    .addColumn("job_id", "integer", (col) => col.notNull())
    .addColumn("row_number", "integer", (col) => col.notNull())
    // create | update | unchanged | skip_dead | skip_duplicate
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("relation_id", "integer")
    .addColumn("person_id", "integer")
    // JSON string[]: the fields an update changes; the notes shown beside the row.
    .addColumn("changes", "text", (col) => col.notNull())
    .addColumn("notes", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("import_rows_pk", ["job_id", "row_number"])
    .execute();
  // JSON [rowNumber, cells][]: the first rows of the file, for the mapping step.
  await db.schema.alterTable("import_jobs").addColumn("sample", "text").execute();
  // The field a problem is about (relations and persons imports name fields as well as columns).
  await db.schema.alterTable("import_problems").addColumn("field", "text").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("import_problems").dropColumn("field").execute();
  await db.schema.alterTable("import_jobs").dropColumn("sample").execute();
  await db.schema.dropTable("import_rows").execute();
}
