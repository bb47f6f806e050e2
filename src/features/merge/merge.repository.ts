// SQL of merging duplicates: candidate pairs, and every (table, column) that points at a relation,
// discovered from the schema itself so that tables added by later features (quotes, sales …) move
// with a merge without this file knowing them.
import { sql } from "kysely";
import type { Db, Engine } from "../../db/kysely.js";

export interface RelationReference {
  table: string;
  column: string;
}

/** Foreign keys to relations(id), plus every column named relation_id (audit_log has no foreign key). */
export async function relationReferences(db: Db, engine: Engine): Promise<RelationReference[]> {
  let rows: { table_name: string; column_name: string }[];
  if (engine === "postgres") {
    const fks = await sql<{ table_name: string; column_name: string }>`
      select cl.relname as table_name, a.attname as column_name
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype = 'f' and c.confrelid = 'relations'::regclass`.execute(db);
    const named = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'relation_id'`.execute(db);
    rows = [...fks.rows, ...named.rows];
  } else {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    rows = [];
    for (const { name } of tables.rows) {
      const fks = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(db);
      for (const fk of fks.rows) if (fk.table === "relations") rows.push({ table_name: name, column_name: fk.from });
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db);
      if (cols.rows.some((c) => c.name === "relation_id")) rows.push({ table_name: name, column_name: "relation_id" });
    }
  }
  const seen = new Set<string>();
  return rows
    .map((r) => ({ table: r.table_name, column: r.column_name }))
    .filter((r) => {
      const key = `${r.table}.${r.column}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}

/** Points every row of `table.column` at the survivor. Identifiers come from the schema catalogue, not from input. */
export async function moveReferences(db: Db, ref: RelationReference, fromId: number, toId: number): Promise<number> {
  const result = await sql`update ${sql.table(ref.table)} set ${sql.ref(ref.column)} = ${toId} where ${sql.ref(ref.column)} = ${fromId}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export type DuplicateReason = "name_postcode" | "name_city";

/** Pairs of relations with the same normalised name and postcode, or the same name and city. */
export async function duplicatePairs(db: Db, limit: number) {
  const byPostcode = await db
    .selectFrom("relations as a")
    .innerJoin("relations as b", (j) => j.onRef("a.name_key", "=", "b.name_key").onRef("a.visit_postcode", "=", "b.visit_postcode").onRef("a.id", "<", "b.id"))
    .select(["a.id as a_id", "b.id as b_id", "a.name_key"])
    .where("a.name_key", "!=", "")
    .orderBy("a.name_key")
    .orderBy("a.id")
    .orderBy("b.id")
    .limit(limit)
    .execute();
  const byCity = await db
    .selectFrom("relations as a")
    .innerJoin("relations as b", (j) => j.onRef("a.name_key", "=", "b.name_key").onRef("a.city_key", "=", "b.city_key").onRef("a.id", "<", "b.id"))
    .select(["a.id as a_id", "b.id as b_id", "a.name_key"])
    .where("a.name_key", "!=", "")
    .where("a.city_key", "!=", "")
    .orderBy("a.name_key")
    .orderBy("a.id")
    .orderBy("b.id")
    .limit(limit)
    .execute();
  const seen = new Set(byPostcode.map((p) => `${p.a_id}:${p.b_id}`));
  const pairs = [
    ...byPostcode.map((p) => ({ ...p, reason: "name_postcode" as DuplicateReason })),
    ...byCity.filter((p) => !seen.has(`${p.a_id}:${p.b_id}`)).map((p) => ({ ...p, reason: "name_city" as DuplicateReason })),
  ];
  return pairs.sort((x, y) => (x.name_key < y.name_key ? -1 : x.name_key > y.name_key ? 1 : x.a_id - y.a_id || x.b_id - y.b_id)).slice(0, limit);
}

export function relationSummaries(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("relations")
    .select(["id", "name", "visit_city", "visit_postcode", "kvk_number", "status", "account_class", "version"])
    .where("id", "in", [...ids])
    .execute();
}
