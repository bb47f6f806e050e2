// Type-ahead in name order (issue 8, docs/benchmarks.md): the first one, two and three characters of
// every search term of a relation, once per relation, with the relation's name_key beside them. The
// key (prefix, name_key, relation_id) holds the matches of a 1–3 character word already in list
// order, so "ba" is one index range scan that stops after 50 rows, and its count up to 10,000 is
// read from the same range without touching a relation. Longer words scan their first three
// characters and probe the full word in relation_search_terms. Written only by the relations
// feature, always together with relation_search_terms (writeSearchTerms).
import { sql } from "kysely";
import { columns, isSqlite, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let t = c.key(db.schema.createTable("relation_search_prefixes"), "prefix", (col) => col.notNull());
  t = c.key(t, "name_key", (col) => col.notNull());
  t = t
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("relation_search_prefixes_pk", ["prefix" as never, "name_key" as never, "relation_id"]);
  if (isSqlite(db)) t = t.modifyEnd(sql`without rowid`);
  await t.execute();
  await db.schema.createIndex("relation_search_prefixes_relation").on("relation_search_prefixes").column("relation_id").execute();
  // Existing relations: the prefixes of their terms. substr of a shorter term is the term itself, so
  // "ab" gives "ab" twice (ignored); `where true` keeps SQLite from reading ON CONFLICT as a join's ON.
  for (const n of [1, 2, 3]) {
    await sql`insert into relation_search_prefixes (prefix, name_key, relation_id)
      select distinct substr(t.term, 1, ${sql.lit(n)}), r.name_key, t.relation_id
      from relation_search_terms t join relations r on r.id = t.relation_id
      where true
      on conflict do nothing`.execute(db);
  }
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("relation_search_prefixes").execute();
}
