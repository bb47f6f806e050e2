// SQL of sales imports: the import row with its mapping and options, the keys (staged lines: sales-staging.ts).
import type { Db } from "../../db/kysely.js";
import type { BulkTable } from "../../db/bulk.js";
import type { SalesField } from "../../domain/sales-line.js";
import { AppError } from "../../server/errors.js";

export type SalesMapping = Partial<Record<SalesField, number>>;

export interface SalesImportOptions {
  createMissing: boolean;
  /** A file on this machine (the CLI) instead of an upload. */
  path?: string;
}

export interface SalesImportRow {
  id: number;
  file_name: string;
  file_id: number | null;
  status: string;
  mapping: SalesMapping;
  mappingSource: string;
  options: SalesImportOptions;
  headers: string[];
  counts: unknown;
  created_by: number | null;
  analysis_job_id: number | null;
  commit_job_id: number | null;
  layout_key: string;
  created_at: string;
  committed_at: string | null;
}

export async function salesImportRow(db: Db, id: number): Promise<SalesImportRow> {
  const row = await db.selectFrom("import_jobs").selectAll().where("id", "=", id).where("kind", "=", "sales").executeTakeFirst();
  if (!row) throw new AppError("not_found", `Sales import ${id} does not exist`);
  const stored = row.mapping ? (JSON.parse(row.mapping) as { source: string; fields: SalesMapping }) : { source: "recognised", fields: {} };
  return {
    id: row.id,
    file_name: row.file_name,
    file_id: row.file_id,
    status: row.status,
    mapping: stored.fields,
    mappingSource: stored.source,
    options: row.options ? (JSON.parse(row.options) as SalesImportOptions) : { createMissing: false },
    headers: JSON.parse(row.headers) as string[],
    counts: row.counts ? JSON.parse(row.counts) : null,
    created_by: row.created_by,
    analysis_job_id: row.analysis_job_id,
    commit_job_id: row.commit_job_id,
    layout_key: row.layout_key,
    created_at: row.created_at,
    committed_at: row.committed_at,
  };
}

export const SALES_LINE_COLUMNS: BulkTable = {
  table: "sales_lines",
  columns: [
    ["invoice_number", "text"],
    ["line_number", "integer"],
    ["invoice_date", "date"],
    ["month", "integer"],
    ["relation_id", "integer"],
    ["product_id", "integer"],
    ["product_group_id", "integer"],
    ["salesperson_id", "integer"],
    ["rayon_id", "integer"],
    ["quantity_milli", "bigint"],
    ["revenue_cents", "bigint"],
    ["cost_cents", "bigint"],
    ["credit", "smallint"],
    ["import_job_id", "integer"],
    ["source_row", "integer"],
  ],
};

/** The analysis result and the state it leaves the import in (analysed, or invalid with problems). */
export async function writeAnalysis(db: Db, id: number, status: "analysed" | "invalid", counts: unknown): Promise<void> {
  await db.updateTable("import_jobs").set({ status, counts: JSON.stringify(counts) }).where("id", "=", id).execute();
}

export function importKeys(db: Db, importId: number) {
  return db.selectFrom("sales_import_keys").selectAll().where("job_id", "=", importId).execute();
}

export async function setResolvedKey(db: Db, importId: number, kind: string, key: string, id: number): Promise<void> {
  await db.updateTable("sales_import_keys").set({ resolved_id: id }).where("job_id", "=", importId).where("kind", "=", kind as "debtor").where("key", "=", key).execute();
}

/** Staged lines, keys and problems of an import go when it is committed or abandoned. */
export async function clearStaging(db: Db, importId: number): Promise<void> {
  await db.deleteFrom("sales_import_batches").where("job_id", "=", importId).execute();
  await db.deleteFrom("sales_import_keys").where("job_id", "=", importId).execute();
}
