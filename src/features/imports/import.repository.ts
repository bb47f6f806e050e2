// SQL of imports: jobs and remembered mappings, and the bulk reads the matching needs (relations by
// KvK number, name or debtor number, aliases of merged duplicates, persons of relations).
import type { Insertable, Selectable } from "kysely";
import type { Db } from "../../db/kysely.js";
import type { PersonsTable, RelationsTable } from "../../db/schema.js";
import type { ImportJobsTable } from "./import.table.js";

export type RelationRow = Selectable<RelationsTable>;
export type PersonRow = Selectable<PersonsTable>;

/** Rows per IN list or multi-row insert: well below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
export const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inChunks<T, R>(values: readonly T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks([...new Set(values)])) out.push(...(await read(chunk)));
  return out;
}

export function relationsByKvk(db: Db, kvks: readonly string[]) {
  return inChunks(kvks, (c) => db.selectFrom("relations").selectAll().where("kvk_number", "in", c).execute());
}

export function relationsByNameKey(db: Db, nameKeys: readonly string[]) {
  return inChunks(nameKeys, (c) => db.selectFrom("relations").selectAll().where("name_key", "in", c).execute());
}

export function relationsById(db: Db, ids: readonly number[]) {
  return inChunks(ids, (c) => db.selectFrom("relations").selectAll().where("id", "in", c).execute());
}

export function relationIdsByDebtor(db: Db, debtors: readonly string[]) {
  return inChunks(debtors, (c) => db.selectFrom("relations").select(["id", "debtor_number"]).where("debtor_number", "in", c).execute());
}

export function aliasesByKvk(db: Db, kvks: readonly string[]) {
  return inChunks(kvks, (c) => db.selectFrom("relation_aliases").select(["relation_id", "kvk_number", "name_key", "visit_postcode"]).where("kvk_number", "in", c).execute());
}

export function aliasesByNameKey(db: Db, nameKeys: readonly string[]) {
  return inChunks(nameKeys, (c) => db.selectFrom("relation_aliases").select(["relation_id", "kvk_number", "name_key", "visit_postcode"]).where("name_key", "in", c).execute());
}

export function sbiCodesOf(db: Db, relationIds: readonly number[]) {
  return inChunks(relationIds, (c) =>
    db.selectFrom("relation_sbi_codes").select(["relation_id", "sbi_code"]).where("relation_id", "in", c).orderBy("position").execute(),
  );
}

export function personsOf(db: Db, relationIds: readonly number[]) {
  return inChunks(relationIds, (c) => db.selectFrom("persons").selectAll().where("relation_id", "in", c).orderBy("id").execute());
}

export async function allSbiSections(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom("sbi_codes").select(["code", "section"]).execute();
  return new Map(rows.map((r) => [r.code, r.section]));
}


// ---- jobs and mappings ----

export async function insertJob(db: Db, values: Insertable<ImportJobsTable>): Promise<number> {
  return (await db.insertInto("import_jobs").values(values).returning("id").executeTakeFirstOrThrow()).id;
}

export function findJob(db: Db, id: number) {
  return db.selectFrom("import_jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findRememberedMapping(db: Db, kind: string, layoutKey: string): Promise<string | null> {
  const row = await db.selectFrom("import_mappings").select("mapping").where("kind", "=", kind).where("layout_key", "=", layoutKey).executeTakeFirst();
  return row?.mapping ?? null;
}

export async function rememberMapping(db: Db, kind: string, layoutKey: string, mapping: string, userId: number | null, at: string) {
  const updated = await db
    .updateTable("import_mappings")
    .set({ mapping, updated_by: userId, updated_at: at })
    .where("kind", "=", kind)
    .where("layout_key", "=", layoutKey)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db.insertInto("import_mappings").values({ kind, layout_key: layoutKey, mapping, updated_by: userId, updated_at: at }).execute();
  }
}

/** Jobs are working copies of uploaded files; they are removed after `before`. */
export async function deleteJobsBefore(db: Db, before: string) {
  await db.deleteFrom("import_jobs").where("created_at", "<", before).execute();
}

/** Current newsletter consent per person, to decide whether an import's ja/nee changes anything. */
export async function newsletterStatesOf(db: Db, personIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await inChunks(personIds, (c) =>
    db.selectFrom("consent_states").select(["person_id", "state"]).where("purpose", "=", "newsletter").where("person_id", "in", c).execute(),
  );
  return new Map(rows.map((r) => [r.person_id, r.state]));
}

export async function erasedPersonIds(db: Db, personIds: readonly number[]): Promise<Set<number>> {
  const rows = await inChunks(personIds, (c) => db.selectFrom("person_erasures").select("person_id").where("person_id", "in", c).execute());
  return new Set(rows.map((r) => r.person_id));
}
