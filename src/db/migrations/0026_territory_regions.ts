// Territories (features/territories) drawn from more than postcode ranges: whole provinces or
// municipalities (CBS 2023, resources/municipalities_2023.csv), and a chosen set of relations (a key
// account rep's accounts wherever they are). A region and a chosen relation belong to one rayon at
// most: the primary keys say so.
import type { MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable("rayon_regions")
    // "province" (code = the province's name, as CBS spells it) or "municipality" (code = GMxxxx).
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("code", "text", (col) => col.notNull())
    .addColumn("rayon_id", "integer", (col) => col.notNull().references("rayons.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("rayon_regions_pk", ["kind", "code"])
    .execute();
  await db.schema.createIndex("rayon_regions_rayon").on("rayon_regions").column("rayon_id").execute();
  await db.schema
    .createTable("rayon_relations")
    .addColumn("relation_id", "integer", (col) => col.primaryKey().references("relations.id").onDelete("cascade"))
    .addColumn("rayon_id", "integer", (col) => col.notNull().references("rayons.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("rayon_relations_rayon").on("rayon_relations").column("rayon_id").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("rayon_relations").execute();
  await db.schema.dropTable("rayon_regions").execute();
}
