// Use cases of products and product groups: list with search and keyset paging, read, create and
// update with optimistic concurrency. Quotes (and later the sales figures) reach products through here.
import { isIsoDate } from "../../domain/calendar.js";
import { DEFAULT_VAT_CATEGORY, isVatCategory } from "../../domain/vat.js";
import { normalizeKey, searchTerms } from "../../domain/text.js";
import type { Db } from "../../db/kysely.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import { decodeCursor, encodeCursor } from "../../server/http.js";
import { seesMargin, SYSTEM_VIEWER, type Viewer } from "../../domain/access.js";
import { inTransaction } from "../../db/kysely.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import {
  findGroup,
  findProductByCodeKey,
  findProductRow,
  findProductsByIds,
  findProductsByNameKey,
  findSegment,
  insertGroup,
  insertProduct,
  listGroups,
  listProducts,
  type ProductRow,
  type ProductSort,
  updateProductRow,
} from "./product.repository.js";
import type { ProductCreateInput, ProductDto, ProductGroupCreateInput, ProductListQueryInput, ProductPatchInput } from "./product.schemas.js";
import type { ProductsTable } from "./product.table.js";
import type { Updateable } from "kysely";

export const codeKeyOf = (code: string) => code.trim().toLowerCase();
export const searchKeyOf = (code: string, name: string) => ` ${searchTerms([code, name]).join(" ")}`;

/** The row as the viewer's query selected it: a cost price the query did not select is not in it. */
export function toProductDto(row: ProductRow): ProductDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    unit: row.unit,
    vatCategory: isVatCategory(row.vat_category) ? row.vat_category : DEFAULT_VAT_CATEGORY,
    group: row.group_id !== null && row.group_name !== null ? { id: row.group_id, name: row.group_name } : null,
    segment: row.segment_id !== null && row.segment_name !== null ? { id: row.segment_id, name: row.segment_name } : null,
    listPriceCents: row.list_price_cents,
    ...(row.cost_price_cents !== undefined ? { costPriceCents: row.cost_price_cents } : {}),
    launchDate: row.launch_date,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function listProductsPage(db: Db, viewer: Viewer, q: ProductListQueryInput) {
  const sort: ProductSort = q.sort ?? "name";
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const filter = { words: searchTerms([q.q ?? ""]), groupIds: q.group ?? [], segmentIds: q.segment ?? [], active: q.active ?? null };
  const rows = await listProducts(db, viewer, filter, sort, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toProductDto),
    nextCursor: rows.length > limit && last ? encodeCursor([sort === "name" ? last.name_key : last.code_key, last.id]) : null,
  };
}

export async function getProduct(db: Db, viewer: Viewer, id: number): Promise<ProductDto> {
  const row = await findProductRow(db, viewer, id);
  if (!row) throw notFound(`Product ${id}`);
  return toProductDto(row);
}

/** Products by id, for quote lines; missing ids are simply absent from the map. */
export async function productsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<Map<number, ProductRow>> {
  return new Map((await findProductsByIds(db, viewer, [...new Set(ids)])).map((p) => [p.id, p]));
}

type Columns = Updateable<ProductsTable>;

async function productColumns(db: Db, input: ProductPatchInput, selfId: number | null): Promise<{ columns: Columns; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const columns: Columns = {};
  if (input.code !== undefined) {
    const code = input.code.trim();
    if (code === "") problems.push(fieldProblem("code", "required"));
    else {
      const other = await findProductByCodeKey(db, SYSTEM_VIEWER, codeKeyOf(code));
      if (other && other.id !== selfId) problems.push(fieldProblem("code", "product_code_taken"));
      columns.code = code;
      columns.code_key = codeKeyOf(code);
    }
  }
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name === "") problems.push(fieldProblem("name", "required"));
    else {
      columns.name = name;
      columns.name_key = normalizeKey(name);
    }
  }
  if (input.unit !== undefined) {
    if (input.unit.trim() === "") problems.push(fieldProblem("unit", "required"));
    else columns.unit = input.unit.trim();
  }
  if (input.vatCategory !== undefined) columns.vat_category = input.vatCategory;
  if (input.groupId !== undefined) {
    if (input.groupId !== null && !(await findGroup(db, { id: input.groupId }))) problems.push(fieldProblem("groupId", "product_group_unknown"));
    else columns.group_id = input.groupId;
  }
  if (input.segmentId !== undefined) {
    if (input.segmentId !== null && !(await findSegment(db, { id: input.segmentId }))) problems.push(fieldProblem("segmentId", "segment_unknown"));
    else columns.segment_id = input.segmentId;
  }
  if (input.listPriceCents !== undefined) columns.list_price_cents = input.listPriceCents;
  if (input.costPriceCents !== undefined) columns.cost_price_cents = input.costPriceCents;
  if (input.launchDate !== undefined) {
    if (input.launchDate !== null && !isIsoDate(input.launchDate)) problems.push(fieldProblem("launchDate", "date_invalid"));
    else columns.launch_date = input.launchDate;
  }
  if (input.active !== undefined) columns.active = input.active ? 1 : 0;
  return { columns, problems };
}

/** A cost price reveals the margin: only a viewer who may see margins sets one (form or import). */
export function checkCostPriceAccess(viewer: Viewer, settingCost: boolean): void {
  if (settingCost && !seesMargin(viewer)) throw new AppError("margin_hidden", "Only users who may see margins can set a cost price");
}

/** Audited product fields; cost price lines are read only by viewers who may see margins. */
const AUDITED = ["code", "name", "unit", "vat_category", "group_id", "segment_id", "list_price_cents", "cost_price_cents", "launch_date", "active"] as const;

export async function createProduct(db: Db, viewer: Viewer, input: ProductCreateInput, now: Date): Promise<ProductDto> {
  checkCostPriceAccess(viewer, input.costPriceCents !== undefined);
  const { columns, problems } = await productColumns(db, input, null);
  if (problems.length > 0) throw invalid(...problems);
  const stamp = now.toISOString();
  const code = columns.code as string;
  const name = columns.name as string;
  const id = await inTransaction(db, async (trx) => {
    const newId = await insertProduct(trx, {
      ...columns,
      code,
      code_key: codeKeyOf(code),
      name,
      name_key: normalizeKey(name),
      search_key: searchKeyOf(code, name),
      created_at: stamp,
      updated_at: stamp,
    });
    await auditProductCreated(trx, viewer.id, newId, code, columns.cost_price_cents ?? null, stamp);
    return newId;
  });
  return getProduct(db, viewer, id);
}

export async function updateProduct(db: Db, user: AuthUser, id: number, version: number, input: ProductPatchInput, now: Date): Promise<ProductDto> {
  checkCostPriceAccess(user, input.costPriceCents !== undefined);
  const current = await findProductRow(db, SYSTEM_VIEWER, id);
  if (!current) throw notFound(`Product ${id}`);
  if (current.version !== version) {
    throw new AppError("version_conflict", `You edited version ${version}, but the product is now at version ${current.version}; reload to see the changes`);
  }
  const { columns, problems } = await productColumns(db, input, id);
  if (problems.length > 0) throw invalid(...problems);
  if (columns.code !== undefined || columns.name !== undefined) {
    columns.search_key = searchKeyOf(columns.code ?? current.code, columns.name ?? current.name);
  }
  const stamp = now.toISOString();
  await inTransaction(db, async (trx) => {
    if (!(await updateProductRow(trx, id, version, { ...columns, updated_at: stamp }))) {
      throw new AppError("version_conflict", `You edited version ${version}, but someone saved a newer version at the same moment; reload`);
    }
    await auditProductChanges(trx, user.id, id, current, columns, stamp);
  });
  return getProduct(db, user, id);
}

/** "created", and the first cost price on its own line (which only margin viewers read). */
export async function auditProductCreated(db: Db, userId: number | null, id: number, code: string, costCents: number | null, at: string) {
  await writeAudit(db, { entity: "product", entityId: id, relationId: null, userId, at }, [
    ["created", null, code],
    ...(costCents !== null ? [["cost_price_cents", null, costCents] as const] : []),
  ]);
}

/** One audit line per audited field whose value changed (import and form alike). */
export async function auditProductChanges(db: Db, userId: number | null, id: number, before: Record<string, unknown>, after: Record<string, unknown>, at: string) {
  const changes = AUDITED.filter((f) => f in after && after[f] !== undefined && after[f] !== before[f]).map((f) => [f, before[f] ?? null, after[f]] as const);
  await writeAudit(db, { entity: "product", entityId: id, relationId: null, userId, at }, changes);
}

export function listProductGroups(db: Db) {
  return listGroups(db);
}

export async function createProductGroup(db: Db, input: ProductGroupCreateInput) {
  const name = input.name.trim();
  const code = input.code?.trim() || null;
  const problems: FieldProblem[] = [];
  if (name === "") problems.push(fieldProblem("name", "required"));
  else if (await findGroup(db, { nameKey: normalizeKey(name) })) problems.push(fieldProblem("name", "product_group_taken"));
  if (code !== null && (await findGroup(db, { code }))) problems.push(fieldProblem("code", "product_group_taken"));
  if (problems.length > 0) throw invalid(...problems);
  const id = await insertGroup(db, { name, name_key: normalizeKey(name), code });
  return { id, code, name };
}

/** A product named in an import by its code or else its name (case- and accent-insensitive), if any. */
export async function findProductByText(db: Db, viewer: Viewer, text: string): Promise<ProductRow | null> {
  const byCode = await findProductByCodeKey(db, viewer, codeKeyOf(text));
  if (byCode) return byCode;
  return (await findProductsByNameKey(db, viewer, normalizeKey(text)))[0] ?? null;
}

/** The product of an import line, created (code = name = the text) when no code or name matches. */
export async function findOrCreateProduct(db: Db, text: string, listPriceCents: number, now: Date): Promise<{ id: number; created: boolean }> {
  const found = await findProductByText(db, SYSTEM_VIEWER, text);
  if (found) return { id: found.id, created: false };
  const stamp = now.toISOString();
  const name = text.trim();
  const id = await insertProduct(db, {
    code: name,
    code_key: codeKeyOf(name),
    name,
    name_key: normalizeKey(name),
    search_key: searchKeyOf(name, name),
    list_price_cents: listPriceCents,
    created_at: stamp,
    updated_at: stamp,
  });
  return { id, created: true };
}

/** Products by code (case-insensitive) or, failing that, by name: for sales lines that name them. */
export async function matchProducts(db: Db, texts: readonly string[]): Promise<Map<string, { id: number; groupId: number | null }>> {
  const found = new Map<string, { id: number; groupId: number | null }>();
  for (let i = 0; i < texts.length; i += 500) {
    const part = [...new Set(texts.slice(i, i + 500).map(codeKeyOf))];
    const byCode = await db.selectFrom("products").select(["id", "code_key", "group_id"]).where("code_key", "in", part).execute();
    for (const p of byCode) found.set(p.code_key, { id: p.id, groupId: p.group_id });
    const rest = part.filter((k) => !found.has(k));
    if (rest.length > 0) {
      const byName = await db.selectFrom("products").select(["id", "name_key", "group_id"]).where("name_key", "in", rest.map(normalizeKey)).orderBy("id").execute();
      for (const k of rest) {
        const p = byName.find((r) => r.name_key === normalizeKey(k));
        if (p) found.set(k, { id: p.id, groupId: p.group_id });
      }
    }
  }
  return found;
}

/** The group of every product (a few thousand rows): sales lines keep the group they were sold in. */
export async function productGroupIds(db: Db): Promise<Map<number, number | null>> {
  return new Map((await db.selectFrom("products").select(["id", "group_id"]).execute()).map((p) => [p.id, p.group_id]));
}

/** A product a sales file names and Koers did not know: code as given, name from the file if any. */
export async function createProductFromSales(db: Db, code: string, name: string | null, now: Date): Promise<number> {
  const stamp = now.toISOString();
  const label = (name ?? code).trim().slice(0, 200);
  return inTransaction(db, async (trx) => {
    const id = await insertProduct(trx, {
      code: code.trim(),
      code_key: codeKeyOf(code),
      name: label,
      name_key: normalizeKey(label),
      search_key: searchKeyOf(code, label),
      created_at: stamp,
      updated_at: stamp,
    });
    await auditProductCreated(trx, null, id, code.trim(), null, stamp);
    return id;
  });
}

/** "CODE Name" of products by id (labels of sales figures). */
export async function productLabels(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom("products").select(["id", "code", "name"]).where("id", "in", ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, `${r.code} ${r.name}`);
  }
  return out;
}
