// Offline geocoding (features/geo): how precise a relation's coordinate is, and the coordinate of
// each user's home (where a rep's day starts and ends). Sources: pc6 | pc4 | place | manual.
import type { MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  // Radius in metres within which the real address most likely lies; null where unknown.
  await db.schema.alterTable("relations").addColumn("geo_precision_m", "integer").execute();
  await db.schema.alterTable("users").addColumn("home_lat", "double precision").execute();
  await db.schema.alterTable("users").addColumn("home_lon", "double precision").execute();
  await db.schema.alterTable("users").addColumn("home_geo_source", "text").execute();
  await db.schema.alterTable("users").addColumn("home_geo_precision_m", "integer").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const column of ["home_geo_precision_m", "home_geo_source", "home_lon", "home_lat"]) {
    await db.schema.alterTable("users").dropColumn(column).execute();
  }
  await db.schema.alterTable("relations").dropColumn("geo_precision_m").execute();
}
