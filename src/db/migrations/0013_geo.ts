// Offline geocoding (features/geo): how precise a relation's coordinate is, and the coordinate of
// each user's home (where a rep's day starts and ends). Sources: pc6 | pc4 | place | manual.
// Territories (features/territories): a rayon drawn as PC4 ranges, and its sub-areas (deelgebieden),
// each a fixed weekday of a 2- or 3-week cycle.
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  // Radius in metres within which the real address most likely lies; null where unknown.
  await db.schema.alterTable("relations").addColumn("geo_precision_m", "integer").execute();
  await db.schema.alterTable("users").addColumn("home_lat", "double precision").execute();
  await db.schema.alterTable("users").addColumn("home_lon", "double precision").execute();
  await db.schema.alterTable("users").addColumn("home_geo_source", "text").execute();
  await db.schema.alterTable("users").addColumn("home_geo_precision_m", "integer").execute();

  // Four-digit postcode ranges, both ends included ("1000"–"1099"); ranges of rayons do not overlap.
  await db.schema
    .createTable("rayon_postcode_ranges")
    .addColumn("rayon_id", "integer", (col) => col.notNull().references("rayons.id").onDelete("cascade"))
    .addColumn("from_pc4", "text", (col) => col.notNull())
    .addColumn("to_pc4", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("rayon_postcode_ranges_pk", ["rayon_id", "from_pc4"])
    .execute();

  const c = columns(db);
  let areas = c.id(db.schema.createTable("sub_areas"))
    .addColumn("rayon_id", "integer", (col) => col.notNull().references("rayons.id").onDelete("cascade"))
    .addColumn("cycle_weeks", "integer", (col) => col.notNull())
    // 1..cycle_weeks and 1 = Monday … 5 = Friday.
    .addColumn("week", "integer", (col) => col.notNull())
    .addColumn("weekday", "integer", (col) => col.notNull());
  areas = c.instant(areas, "created_at", (col) => col.notNull());
  await areas.execute();
  await db.schema.createIndex("sub_areas_rayon").on("sub_areas").column("rayon_id").execute();
  // A relation lies in one sub-area at most.
  await db.schema
    .createTable("sub_area_relations")
    .addColumn("relation_id", "integer", (col) => col.primaryKey().references("relations.id").onDelete("cascade"))
    .addColumn("sub_area_id", "integer", (col) => col.notNull().references("sub_areas.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("sub_area_relations_area").on("sub_area_relations").column("sub_area_id").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("sub_area_relations").execute();
  await db.schema.dropTable("sub_areas").execute();
  await db.schema.dropTable("rayon_postcode_ranges").execute();
  for (const column of ["home_geo_precision_m", "home_geo_source", "home_lon", "home_lat"]) {
    await db.schema.alterTable("users").dropColumn(column).execute();
  }
  await db.schema.alterTable("relations").dropColumn("geo_precision_m").execute();
}
