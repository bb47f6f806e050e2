// The forecast adds units only of the same unit of measure (issue 8): quote_events keep the
// quote's volume per unit from now on, as JSON [{"unit":"m2","milli":12500}, …] (thousandths of the
// product's unit; unit null for a line without a product), in unit order. Events written before
// keep null here: their units per unit are unknown and the forecast "as of" says so, never guesses.
import type { MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("quote_events").addColumn("units_by_unit", "text").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("quote_events").dropColumn("units_by_unit").execute();
}
