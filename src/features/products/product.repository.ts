// SQL of products and product groups.
import { type Insertable, type SqlBool, sql, type Updateable } from "kysely";
import type { Db } from "../../db/kysely.js";
import { seesMargin, type Viewer } from "../../domain/access.js";
import type { CursorValue } from "../../server/http.js";
import type { ProductsTable, SegmentTermTables } from "./product.table.js";

export interface ProductFilter {
  /** Every word must start a word of the code or name (normalised). */
  words: string[];
  groupIds: number[];
  segmentIds: number[];
  active: boolean | null;
}

export type ProductSort = "name" | "code";

const SORT_COLUMNS: Record<ProductSort, readonly ["p.name_key" | "p.code_key", "p.id"]> = {
  name: ["p.name_key", "p.id"],
  code: ["p.code_key", "p.id"],
};

const productColumns = [
  "p.id",
  "p.code",
  "p.code_key",
  "p.name",
  "p.name_key",
  "p.unit",
  "p.vat_category",
  "p.group_id",
  "g.name as group_name",
  "p.segment_id",
  "s.name as segment_name",
  "p.list_price_cents",
  "p.launch_date",
  "p.active",
  "p.created_at",
  "p.updated_at",
  "p.version",
] as const;

/** The cost price is selected only for a viewer who may see margins (domain/access.ts). */
function selectProducts(db: Db, viewer: Viewer) {
  return db
    .selectFrom("products as p")
    .leftJoin("product_groups as g", "g.id", "p.group_id")
    .leftJoin("market_segments as s", "s.id", "p.segment_id")
    .select(productColumns)
    .$if(seesMargin(viewer), (q) => q.select("p.cost_price_cents"));
}

export type ProductRow = NonNullable<Awaited<ReturnType<typeof findProductRow>>>;

export async function listProducts(db: Db, viewer: Viewer, f: ProductFilter, sort: ProductSort, after: CursorValue[] | null, limit: number) {
  let q = selectProducts(db, viewer);
  // Substring, not word prefix: Dutch compounds hide words inside ("schoon" in "kantoorschoonmaak").
  // Words are normalised to [a-z0-9] (domain/text.ts), so no LIKE wildcard reaches the pattern; on
  // PostgreSQL the trigram index of migration 0010 serves it.
  for (const word of f.words) q = q.where("p.search_key", "like", `%${word}%`);
  if (f.groupIds.length > 0) q = q.where("p.group_id", "in", f.groupIds);
  if (f.segmentIds.length > 0) q = q.where("p.segment_id", "in", f.segmentIds);
  if (f.active !== null) q = q.where("p.active", "=", f.active ? 1 : 0);
  const [first, id] = SORT_COLUMNS[sort];
  if (after) q = q.where(sql<SqlBool>`(${sql.ref(first)}, ${sql.ref(id)}) > (${after[0]}, ${after[1]})`);
  return q.orderBy(first).orderBy(id).limit(limit).execute();
}

export function findProductRow(db: Db, viewer: Viewer, id: number) {
  return selectProducts(db, viewer).where("p.id", "=", id).executeTakeFirst();
}

export function findProductsByIds(db: Db, viewer: Viewer, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectProducts(db, viewer).where("p.id", "in", [...ids]).execute();
}

export function findProductByCodeKey(db: Db, viewer: Viewer, codeKey: string) {
  return selectProducts(db, viewer).where("p.code_key", "=", codeKey).executeTakeFirst();
}

export function findProductsByNameKey(db: Db, viewer: Viewer, nameKey: string) {
  return selectProducts(db, viewer).where("p.name_key", "=", nameKey).orderBy("p.id").execute();
}

export async function insertProduct(db: Db, values: Insertable<ProductsTable>): Promise<number> {
  const row = await db.insertInto("products").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Updates when the version still matches; false when someone else saved first. */
export async function updateProductRow(db: Db, id: number, version: number, values: Updateable<ProductsTable>): Promise<boolean> {
  const result = await db
    .updateTable("products")
    .set({ ...values, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listGroups(db: Db) {
  return db.selectFrom("product_groups").select(["id", "code", "name"]).orderBy("name_key").execute();
}

export function findGroup(db: Db, by: { id?: number; nameKey?: string; code?: string }) {
  let q = db.selectFrom("product_groups").select(["id", "code", "name"]);
  if (by.id !== undefined) q = q.where("id", "=", by.id);
  if (by.nameKey !== undefined) q = q.where("name_key", "=", by.nameKey);
  if (by.code !== undefined) q = q.where("code", "=", by.code);
  return q.executeTakeFirst();
}

export async function insertGroup(db: Db, values: { name: string; name_key: string; code: string | null }): Promise<number> {
  return (await db.insertInto("product_groups").values(values).returning("id").executeTakeFirstOrThrow()).id;
}

export function findSegment(db: Db, by: { id?: number; code?: string }) {
  let q = db.withTables<SegmentTermTables>().selectFrom("market_segments").select(["id", "code", "name", "max_decision_months"]);
  if (by.id !== undefined) q = q.where("id", "=", by.id);
  if (by.code !== undefined) q = q.where("code", "=", by.code);
  return q.executeTakeFirst();
}

export function listSegmentsWithTerms(db: Db) {
  return db.withTables<SegmentTermTables>().selectFrom("market_segments").select(["id", "code", "name", "max_decision_months"]).orderBy("name").execute();
}

export async function insertSegment(db: Db, values: { code: string; name: string }): Promise<number> {
  return (await db.insertInto("market_segments").values(values).returning("id").executeTakeFirstOrThrow()).id;
}

export async function setSegmentTerm(db: Db, id: number, months: number | null): Promise<boolean> {
  const result = await db.withTables<SegmentTermTables>().updateTable("market_segments").set({ max_decision_months: months }).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
