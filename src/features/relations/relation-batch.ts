// The batch writer of relations (imports): the same rows and derived columns the relation service
// writes (name_key, city_key, coordinates, search terms with the aliases of merged duplicates, SBI
// sections, status and class history, audit lines), in multi-row inserts, inside the caller's
// transaction. It lives here, beside the service, so the two cannot drift apart: the search terms of
// an updated relation are rewritten by the same refreshRelationTerms the service uses. (The per-row
// service opens its own transaction and reads the relation back: too slow for 100,000 rows, and not
// part of one all-or-nothing commit.)
import type { Insertable } from "kysely";
import { normalizeKey } from "../../domain/text.js";
import type { Db } from "../../db/kysely.js";
import type { Selectable, Updateable } from "kysely";
import type { AuditLogTable, RelationsTable } from "../../db/schema.js";
import type { RelationStatus } from "../../domain/lifecycle.js";
import { AppError } from "../../server/errors.js";
import { type RelationGeoColumns, relationGeoAfter, touchesVisitAddress } from "../geo/geo-columns.js";
import { refreshRelationTerms, relationSearchTerms, searchPrefixes } from "./relation-terms.js";

type RelationRow = Selectable<RelationsTable>;

/** One relation to create or update, as an import planned it. */
export interface RelationBatchItem {
  row: number;
  action: string;
  current: RelationRow | null;
  /** Columns to write: all values for a create, only the differing ones for an update. */
  changes: Omit<Updateable<RelationsTable>, "id" | "version" | "created_at" | "updated_at">;
  sbi: { code: string; section: string }[] | null;
  status: { from: RelationStatus | null; to: RelationStatus } | null;
  accountClass: { from: string | null; to: string | null } | null;
}

/** Rows per multi-row insert: well below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;
function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface WriteContext {
  userId: number | null;
  /** ISO instant of the commit. */
  at: string;
  /** Reason kept in the status history, e.g. "Import relaties.xlsx". */
  reason: string;
  /** Called with the number of rows written so far. */
  onProgress?: (done: number) => void;
}

type AuditRow = Insertable<AuditLogTable>;
/** Columns whose changes get no audit line (derived or bookkeeping), as in the relation service. */
const NOT_AUDITED = new Set(["name_key", "city_key", "lat", "lon", "geo_source", "geo_precision_m", "updated_at", "version"]);
const TERM_SOURCES = ["name", "visit_city", "visit_postcode", "kvk_number", "debtor_number"];

async function insertAll<T>(db: Db, table: "relation_status_changes" | "relation_class_changes" | "relation_search_terms" | "relation_search_prefixes" | "relation_sbi_codes" | "audit_log", rows: T[]) {
  // Audit lines have 8 columns: 500 rows stay far below every engine's parameter limit.
  for (const chunk of chunks(rows)) if (chunk.length > 0) await db.insertInto(table).values(chunk as never).execute();
}

export async function writeRelations(db: Db, items: readonly RelationBatchItem[], ctx: WriteContext): Promise<void> {
  const creates = items.filter((i) => i.action === "create");
  const updates = items.filter((i) => i.action === "update");
  let done = 0;
  const audit: AuditRow[] = [];
  for (const chunk of chunks(creates)) {
    const rows = chunk.map((item) => {
      const v = item.changes;
      const name = v.name as string;
      // Every row carries every column: SQLite has no DEFAULT in multi-row VALUES.
      return {
        name, name_key: normalizeKey(name), legal_form: v.legal_form ?? null, kvk_number: v.kvk_number ?? null, debtor_number: v.debtor_number ?? null,
        status: item.status?.to ?? "suspect", account_class: item.accountClass?.to ?? null, class_override: 0,
        visit_street: v.visit_street ?? null, visit_house_number: v.visit_house_number ?? null, visit_postcode: v.visit_postcode ?? null,
        visit_city: v.visit_city ?? null, city_key: normalizeKey(v.visit_city ?? ""), visit_country: v.visit_country ?? "NL",
        phone: v.phone ?? null, website: v.website ?? null, email: v.email ?? null,
        revenue_potential_cents: v.revenue_potential_cents ?? null, current_supplier: v.current_supplier ?? null,
        contract_end_date: v.contract_end_date ?? null, notes: v.notes ?? null, product_interests: "[]", kind: "customer_side",
        ...relationGeoAfter(null, v), owner_id: v.owner_id ?? null, rayon_id: v.rayon_id ?? null, created_at: ctx.at, updated_at: ctx.at,
      };
    });
    const ids = await db.insertInto("relations").values(rows).returning("id").execute();
    if (ids.length !== rows.length) throw new AppError("internal", "relation insert returned a different number of rows");
    const status: object[] = [];
    const classes: object[] = [];
    const terms: object[] = [];
    const prefixes: object[] = [];
    const sbi: object[] = [];
    chunk.forEach((item, i) => {
      const id = (ids[i] as { id: number }).id;
      const row = rows[i] as (typeof rows)[number];
      status.push({ relation_id: id, from_status: null, to_status: row.status, reason: ctx.reason, changed_by: ctx.userId, changed_at: ctx.at });
      if (item.accountClass) classes.push({ relation_id: id, from_class: null, to_class: item.accountClass.to, reason: ctx.reason, override: 0, changed_by: ctx.userId, changed_at: ctx.at });
      const own = relationSearchTerms(row);
      for (const term of own) terms.push({ term, relation_id: id });
      for (const prefix of searchPrefixes(own)) prefixes.push({ prefix, name_key: row.name_key, relation_id: id });
      item.sbi?.forEach((s, position) => {
        sbi.push({ relation_id: id, sbi_code: s.code, section: s.section, position });
      });
      audit.push({ entity: "relation", entity_id: id, relation_id: id, field: "created", old_value: null, new_value: row.name, user_id: ctx.userId, at: ctx.at });
    });
    await insertAll(db, "relation_status_changes", status);
    await insertAll(db, "relation_class_changes", classes);
    await insertAll(db, "relation_search_terms", terms);
    await insertAll(db, "relation_search_prefixes", prefixes);
    await insertAll(db, "relation_sbi_codes", sbi);
    done += chunk.length;
    ctx.onProgress?.(done);
  }

  for (const item of updates) {
    await updateOne(db, item, ctx, audit);
    done += 1;
    if (done % 100 === 0) ctx.onProgress?.(done);
  }
  await insertAll(db, "audit_log", audit);
  ctx.onProgress?.(items.length);
}

async function updateOne(
  db: Db,
  item: RelationBatchItem,
  ctx: WriteContext,
  audit: AuditRow[],
) {
  const current = item.current as RelationRow;
  const next: Record<string, unknown> = { ...item.changes };
  if (next.name !== undefined) next.name_key = normalizeKey(next.name as string);
  if (next.visit_city !== undefined) next.city_key = normalizeKey((next.visit_city as string | null) ?? "");
  if (touchesVisitAddress(item.changes, current) && current.geo_source !== "manual") Object.assign(next, relationGeoAfter(current, item.changes) satisfies RelationGeoColumns);
  if (item.status) next.status = item.status.to;
  if (item.accountClass) next.account_class = item.accountClass.to;
  const result = await db
    .updateTable("relations")
    .set({ ...next, updated_at: ctx.at, version: current.version + 1 })
    .where("id", "=", current.id)
    .where("version", "=", current.version)
    .executeTakeFirst();
  // Someone saved this relation between the plan and the write: nothing of the import is kept.
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError("version_conflict", `${current.name} (row ${item.row}) was changed by someone else during the import; nothing was imported, run it again`);
  }
  const id = current.id;
  if (item.status) {
    await db.insertInto("relation_status_changes").values({ relation_id: id, from_status: current.status, to_status: item.status.to, reason: ctx.reason, changed_by: ctx.userId, changed_at: ctx.at }).execute();
  }
  if (item.accountClass) {
    await db.insertInto("relation_class_changes").values({ relation_id: id, from_class: current.account_class, to_class: item.accountClass.to, reason: ctx.reason, override: 0, changed_by: ctx.userId, changed_at: ctx.at }).execute();
  }
  if (item.sbi) {
    await db.deleteFrom("relation_sbi_codes").where("relation_id", "=", id).execute();
    if (item.sbi.length > 0) await db.insertInto("relation_sbi_codes").values(item.sbi.map((s, position) => ({ relation_id: id, sbi_code: s.code, section: s.section, position }))).execute();
    audit.push({ entity: "relation", entity_id: id, relation_id: id, field: "sbi_codes", old_value: null, new_value: item.sbi.map((s) => s.code).join(","), user_id: ctx.userId, at: ctx.at });
  }
  // With the aliases of merged duplicates, as the service does: an import never drops them.
  if (TERM_SOURCES.some((k) => k in next)) await refreshRelationTerms(db, id, { ...current, ...(next as Partial<RelationRow>) });
  for (const [field, value] of Object.entries(next)) {
    if (NOT_AUDITED.has(field)) continue;
    const old = (current as unknown as Record<string, unknown>)[field];
    audit.push({ entity: "relation", entity_id: id, relation_id: id, field, old_value: text(old), new_value: text(value), user_id: ctx.userId, at: ctx.at });
  }
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
