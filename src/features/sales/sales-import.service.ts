// Use cases of a sales import: start it (an upload or a file on this machine) with its columns
// recognised or remembered, follow its analysis, change the mapping, commit it. The work itself runs
// as two background jobs (sales-analyse.job.ts, sales-commit.job.ts); these functions only write
// the import row and queue jobs, so no request holds the event loop.
import { createHash } from "node:crypto";
import type { Viewer } from "../../domain/access.js";
import { REQUIRED_SALES_FIELDS, SALES_FIELDS, type SalesField } from "../../domain/sales-line.js";
import type { Db } from "../../db/kysely.js";
import { normalizeHeader } from "../../files/dutch-headers.js";
import { openTableStream, type ByteSource } from "../../files/table-stream.js";
import { AppError, fieldProblem, invalid, notFound } from "../../server/errors.js";
import { problemsPage } from "../imports/import-problems.js";
import { queueCommit, visibleStatus } from "../imports/import-state.js";
import { findRememberedMapping, rememberMapping } from "../imports/import.repository.js";
import type { JobRunner } from "../jobs/job-runner.js";
import { findJobRow } from "../jobs/job.repository.js";
import { toJobDto } from "../jobs/job.service.js";
import { SALES_HEADERS } from "./sales-headers.js";
import { type SalesImportOptions, type SalesImportRow, type SalesMapping, salesImportRow } from "./sales-import.repository.js";

export const layoutKeyOf = (headers: readonly string[]) => createHash("sha256").update(JSON.stringify(["sales", headers.map(normalizeHeader)])).digest("hex");

export interface StartSalesImport {
  fileName: string;
  /** The upload in job_files, or a path on this machine (CLI). */
  fileId: number | null;
  path?: string;
  source: ByteSource;
  createMissing: boolean;
  /** A mapping given up front (CLI --mapping), else remembered or recognised. */
  mapping?: SalesMapping;
}

function mappingProblems(headers: readonly string[], mapping: Record<string, number>) {
  const problems = [];
  for (const [field, column] of Object.entries(mapping)) {
    if (!(SALES_FIELDS as readonly string[]).includes(field)) problems.push(fieldProblem(`mapping.${field}`, "invalid"));
    else if (!Number.isInteger(column) || column < 0 || column >= headers.length) problems.push(fieldProblem(`mapping.${field}`, "import_column_unknown"));
  }
  for (const f of REQUIRED_SALES_FIELDS) if (mapping[f] === undefined) problems.push(fieldProblem(`mapping.${f}`, "import_field_required"));
  return problems;
}

/**
 * Stores the import of an upload and queues the reading of its header (a job: even the header row of
 * a pathological file is not parsed on the event loop), which queues the analysis when every required
 * column is recognised.
 */
export async function startSalesImport(db: Db, jobs: JobRunner, viewer: Viewer, input: StartSalesImport, now: Date): Promise<SalesImportDto> {
  if (input.path) {
    // The CLI reads the header in its own process.
    const { id, mapped } = await createSalesImport(db, viewer, input, now);
    if (mapped) await queueAnalysis(db, jobs, viewer, id);
    return getSalesImport(db, viewer, id);
  }
  const id = await insertImportRow(db, viewer, input, now, null);
  const read = await jobs.enqueue("sales.read", { importId: id }, viewer);
  await db.updateTable("import_jobs").set({ analysis_job_id: read.id }).where("id", "=", id).execute();
  return getSalesImport(db, viewer, id);
}

export interface HeaderAndMapping {
  headers: string[];
  format: string;
  encoding: string | null;
  delimiter: string | null;
  layout: string;
  mapping: { source: string; fields: SalesMapping };
}

/** The header row of a file and the mapping for it: given, remembered for its layout, or recognised. */
export async function readHeaderAndMapping(db: Db, source: ByteSource, fileName: string, maxBytes: number | undefined, given?: SalesMapping): Promise<HeaderAndMapping> {
  const opened = await openTableStream(source, fileName, { maxBytes });
  if (!opened.ok) throw invalid({ field: "file", code: opened.error.code, message: opened.error.message });
  const { headers, format, encoding, delimiter } = opened.value;
  const layout = layoutKeyOf(headers);
  const remembered = await findRememberedMapping(db, "sales", layout);
  const mapping = given
    ? { source: "chosen", fields: given }
    : remembered
      ? { source: "remembered", fields: JSON.parse(remembered) as SalesMapping }
      : { source: "recognised", fields: SALES_HEADERS.propose(headers) };
  return { headers, format, encoding: encoding ?? null, delimiter: delimiter ?? null, layout, mapping };
}

/** True when every required field has a column. */
export const mappingComplete = (h: HeaderAndMapping) => mappingProblems(h.headers, h.mapping.fields as Record<string, number>).length === 0;

async function insertImportRow(db: Db, viewer: Viewer, input: StartSalesImport, now: Date, header: HeaderAndMapping | null): Promise<number> {
  const options: SalesImportOptions = { createMissing: input.createMissing, ...(input.path ? { path: input.path } : {}) };
  const row = await db
    .insertInto("import_jobs")
    .values({
      kind: "sales",
      file_name: input.fileName,
      format: header?.format ?? "",
      encoding: header?.encoding ?? null,
      delimiter: header?.delimiter ?? null,
      headers: JSON.stringify(header?.headers ?? []),
      rows: "[]",
      row_count: 0,
      layout_key: header?.layout ?? "",
      mapping: header ? JSON.stringify(header.mapping) : null,
      status: header === null ? "reading" : mappingComplete(header) ? "analysing" : "mapping",
      created_by: viewer.id,
      created_at: now.toISOString(),
      file_id: input.fileId,
      options: JSON.stringify(options),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The import row with its header and mapping (remembered, recognised or given); `mapped` is false
 * when a required column was not found (status "mapping": the user chooses the columns first).
 */
export async function createSalesImport(db: Db, viewer: Viewer, input: StartSalesImport, now: Date): Promise<{ id: number; mapped: boolean }> {
  const header = await readHeaderAndMapping(db, input.source, input.fileName, input.path ? Number.MAX_SAFE_INTEGER : undefined, input.mapping);
  const id = await insertImportRow(db, viewer, input, now, header);
  return { id, mapped: mappingComplete(header) };
}

async function queueAnalysis(db: Db, jobs: JobRunner, viewer: Viewer, id: number): Promise<void> {
  const job = await jobs.enqueue("sales.analyse", { importId: id }, viewer);
  await db.updateTable("import_jobs").set({ status: "analysing", analysis_job_id: job.id, counts: null }).where("id", "=", id).execute();
}

async function ownImport(db: Db, viewer: Viewer, id: number): Promise<SalesImportRow> {
  const job = await salesImportRow(db, id).catch(() => null);
  // Another user's upload does not exist for you (it may hold figures you may not see).
  if (!job || (job.created_by !== viewer.id && viewer.role !== "admin")) throw notFound(`Sales import ${id}`);
  return job;
}

export async function getSalesImport(db: Db, viewer: Viewer, id: number) {
  const job = await ownImport(db, viewer, id);
  const analysis = job.analysis_job_id ? await findJobRow(db, job.analysis_job_id) : undefined;
  const commit = job.commit_job_id ? await findJobRow(db, job.commit_job_id) : undefined;
  return {
    id: job.id,
    kind: "sales" as const,
    fileName: job.file_name,
    status: visibleStatus(job.status, analysis, commit),
    headers: job.headers,
    fields: [...SALES_FIELDS],
    requiredFields: [...REQUIRED_SALES_FIELDS],
    mapping: job.mapping as Record<string, number>,
    mappingSource: job.mappingSource,
    createMissing: job.options.createMissing,
    analysis: job.counts,
    analysisJob: analysis ? toJobDto(analysis) : null,
    commitJob: commit ? toJobDto(commit) : null,
    createdAt: job.created_at,
    committedAt: job.committed_at,
  };
}
export type SalesImportDto = Awaited<ReturnType<typeof getSalesImport>>;

export async function salesImportProblems(db: Db, viewer: Viewer, id: number, offset: number, limit: number) {
  await ownImport(db, viewer, id);
  return { items: await problemsPage(db, id, offset, limit) };
}

/** A new mapping (remembered for the layout) and a fresh analysis with it. */
export async function setSalesMapping(db: Db, jobs: JobRunner, viewer: Viewer, id: number, mapping: Record<string, number>, createMissing: boolean | undefined, now: Date) {
  const job = await ownImport(db, viewer, id);
  if (job.status === "committing" || job.status === "committed") throw new AppError("conflict", "This import has been committed; upload the file again to import it anew");
  if (job.status === "analysing" || job.status === "reading") throw new AppError("conflict", "The file is still being read; wait for it to finish");
  const problems = mappingProblems(job.headers, mapping);
  if (problems.length > 0) throw invalid(...problems);
  const options = { ...job.options, ...(createMissing !== undefined ? { createMissing } : {}) };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("import_jobs").set({ mapping: JSON.stringify({ source: "chosen", fields: mapping }), options: JSON.stringify(options) }).where("id", "=", id).execute();
    await rememberMapping(trx, "sales", job.layout_key, JSON.stringify(mapping), viewer.id, now.toISOString());
  });
  await queueAnalysis(db, jobs, viewer, id);
  return getSalesImport(db, viewer, id);
}

export async function commitSalesImport(db: Db, jobs: JobRunner, viewer: Viewer, id: number) {
  const job = await ownImport(db, viewer, id);
  await queueCommit(db, jobs, viewer, job, "sales.commit", "The file has problems (see the report); fix them and upload it again");
  return getSalesImport(db, viewer, id);
}

export type { SalesField };
