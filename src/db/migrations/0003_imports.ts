// Imports of relations and persons (upload → mapping → preview → commit), the column mappings
// remembered per file layout, and the aliases that merged duplicates leave behind so that imports
// and search still find a relation under the name and KvK number of the duplicate it absorbed.
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  const s = db.schema;

  let jobs = c.id(s.createTable("import_jobs"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("file_name", "text", (col) => col.notNull())
    .addColumn("format", "text", (col) => col.notNull())
    .addColumn("encoding", "text")
    .addColumn("delimiter", "text")
    // JSON: the header texts, and the data rows as [rowNumber, cells][] (the parsed file).
    .addColumn("headers", "text", (col) => col.notNull())
    .addColumn("rows", "text", (col) => col.notNull())
    .addColumn("row_count", "integer", (col) => col.notNull())
    .addColumn("layout_key", "text", (col) => col.notNull())
    // JSON: field → column index; null until proposed or chosen.
    .addColumn("mapping", "text")
    // uploaded → committed; a failed commit leaves it uploaded (nothing was written) so it can rerun.
    .addColumn("status", "text", (col) => col.notNull().defaultTo("uploaded"))
    // JSON: { created, updated, unchanged, skippedDead, skippedDuplicate } after commit.
    .addColumn("counts", "text")
    .addColumn("created_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  jobs = c.instant(jobs, "created_at", (col) => col.notNull());
  jobs = c.instant(jobs, "committed_at");
  await jobs.execute();
  await s.createIndex("import_jobs_created").on("import_jobs").columns(["created_at"]).execute();

  let mappings = s
    .createTable("import_mappings")
    .addColumn("kind", "text", (col) => col.notNull())
    // sha256 of the normalised header list: the same layout gets the same mapping next time.
    .addColumn("layout_key", "text", (col) => col.notNull())
    .addColumn("mapping", "text", (col) => col.notNull())
    .addColumn("updated_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  mappings = c.instant(mappings, "updated_at", (col) => col.notNull());
  await mappings.addPrimaryKeyConstraint("import_mappings_pk", ["kind", "layout_key"]).execute();

  let aliases = c.id(s.createTable("relation_aliases"))
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    // The id the absorbed duplicate had (its row is gone; audit lines still name it).
    .addColumn("merged_relation_id", "integer", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull());
  aliases = c.key(aliases, "name_key", (col) => col.notNull());
  aliases = aliases
    .addColumn("visit_postcode", "text")
    .addColumn("kvk_number", "text")
    .addColumn("debtor_number", "text");
  aliases = c.instant(aliases, "created_at", (col) => col.notNull());
  await aliases.execute();
  await s.createIndex("relation_aliases_relation").on("relation_aliases").columns(["relation_id"]).execute();
  await s.createIndex("relation_aliases_name").on("relation_aliases").columns(["name_key", "visit_postcode"]).execute();
  await s.createIndex("relation_aliases_kvk").on("relation_aliases").columns(["kvk_number"]).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("relation_aliases").execute();
  await db.schema.dropTable("import_mappings").execute();
  await db.schema.dropTable("import_jobs").execute();
}
