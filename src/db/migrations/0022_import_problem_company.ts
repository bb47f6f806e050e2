// An import problem names the row's company beside row and column (issue 8): "row 7 (Bakkerij
// Jansen), column Postcode" is found in the spreadsheet at a glance.
import type { MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("import_problems").addColumn("company", "text").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("import_problems").dropColumn("company").execute();
}
