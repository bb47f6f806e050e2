// Use cases of the relations and persons import, on the import engine: the upload is stored as a
// file (job_files) and every step that reads it runs as a background job — reading the header and
// sample rows, planning every row, committing — so no request parses a file on the event loop.
// The plan is stored per row (import_rows) and the preview pages through it.
import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { type ImportField, isImportField, normalizeHeader, proposeMapping } from "../../files/dutch-headers.js";
import { type LabelLanguage, labelsOf } from "../../labels/labels.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import type { JobRunner } from "../jobs/job-runner.js";
import { findJobRow } from "../jobs/job.repository.js";
import { toJobDto } from "../jobs/job.service.js";
import { deleteJobFilesBefore } from "../jobs/job-files.js";
import type { ImportMapping } from "./import-row.js";
import type { ImportCounts, ImportKind } from "./import-run.js";
import { deleteJobsBefore, findJob, findRememberedMapping, insertJob, rememberMapping } from "./import.repository.js";
import type { ImportJobsTable } from "./import.table.js";
import { queueCommit, visibleStatus } from "./import-state.js";

/** Uploaded files are kept with their imports this long (milliseconds), then removed. */
const JOB_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export const RELATION_FIELDS: readonly ImportField[] = [
  "name", "kvkNumber", "debtorNumber", "legalForm", "street", "houseNumber", "houseNumberAddition", "postcode", "city", "country",
  "phone", "email", "website", "status", "accountClass", "sbi", "revenuePotential", "currentSupplier", "contractEndDate", "notes", "owner", "rayon",
];
/** Persons rows name their relation by KvK number, or name and postcode. */
export const PERSON_FIELDS: readonly ImportField[] = [
  "name", "kvkNumber", "postcode", "country", "fullName", "firstName", "initials", "infix", "lastName", "jobTitle", "department",
  "phone", "mobile", "email", "gender", "title", "newsletter",
];

export const fieldsOf = (kind: ImportKind) => (kind === "relations" ? RELATION_FIELDS : PERSON_FIELDS);

/** The same file layout (the same headers in the same order) has the same key, whatever its rows. */
export function layoutKey(kind: ImportKind, headers: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify([kind, headers.map(normalizeHeader)])).digest("hex");
}

export type MappingSource = "remembered" | "recognised" | "chosen";
type JobRow = Selectable<ImportJobsTable>;
export interface StoredMapping {
  source: MappingSource;
  fields: ImportMapping;
}

/** The problems of a mapping: unknown fields, columns outside the file, required fields missing. */
export function mappingProblems(kind: ImportKind, headers: readonly string[], mapping: Record<string, number>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const allowed = fieldsOf(kind);
  for (const [field, column] of Object.entries(mapping)) {
    if (!isImportField(field) || !allowed.includes(field)) problems.push(fieldProblem(`mapping.${field}`, "invalid"));
    else if (!Number.isInteger(column) || column < 0 || column >= headers.length) problems.push(fieldProblem(`mapping.${field}`, "import_column_unknown"));
  }
  if (kind === "relations" && mapping.name === undefined) problems.push(fieldProblem("mapping.name", "import_field_required"));
  if (kind === "persons") {
    if (mapping.lastName === undefined && mapping.fullName === undefined) problems.push(fieldProblem("mapping.lastName", "import_field_required"));
    if (mapping.name === undefined && mapping.kvkNumber === undefined) problems.push(fieldProblem("mapping.kvkNumber", "import_field_required"));
  }
  return problems;
}

/** The remembered mapping of this layout, else the one recognised from the headers. */
export async function initialMapping(db: Db, kind: ImportKind, headers: readonly string[]): Promise<StoredMapping> {
  const remembered = await findRememberedMapping(db, kind, layoutKey(kind, headers));
  if (remembered) return { source: "remembered", fields: JSON.parse(remembered) as ImportMapping };
  const allowed = fieldsOf(kind);
  const proposed = Object.entries(proposeMapping(headers)).filter(([field]) => allowed.includes(field as ImportField));
  return { source: "recognised", fields: Object.fromEntries(proposed) };
}

export function mappingOf(job: JobRow): StoredMapping {
  return job.mapping ? (JSON.parse(job.mapping) as StoredMapping) : { source: "recognised", fields: {} };
}

async function toDto(db: Db, job: JobRow) {
  const mapping = mappingOf(job);
  const jobOf = async (id: number | null) => (id ? await findJobRow(db, id) : undefined);
  const analysis = await jobOf(job.analysis_job_id);
  const commit = await jobOf(job.commit_job_id);
  const sample = job.sample ? (JSON.parse(job.sample) as [number, string[]][]) : [];
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.file_name,
    format: job.format,
    encoding: job.encoding,
    delimiter: job.delimiter,
    headers: JSON.parse(job.headers) as string[],
    rowCount: job.row_count,
    sample: sample.map(([row, cells]) => ({ row, cells })),
    fields: [...fieldsOf(job.kind as ImportKind)],
    mapping: mapping.fields as Record<string, number>,
    mappingSource: mapping.source,
    status: visibleStatus(job.status, analysis, commit),
    counts: job.status === "committed" && job.counts ? (JSON.parse(job.counts) as ImportCounts) : null,
    analysisJob: analysis ? toJobDto(analysis) : null,
    commitJob: commit ? toJobDto(commit) : null,
    createdAt: job.created_at,
    committedAt: job.committed_at,
  };
}
export type ImportJobDto = Awaited<ReturnType<typeof toDto>>;

export async function ownJob(db: Db, viewer: Viewer, id: number): Promise<JobRow> {
  const job = await findJob(db, id);
  // Another user's upload holds personal data they chose to share with no one: it does not exist for you.
  if (!job || job.kind === "sales" || (job.created_by !== viewer.id && viewer.role !== "admin")) throw notFound(`Import ${id}`);
  return job;
}

/** Stores the import of an uploaded file and queues the reading of its header and first rows. */
export async function uploadImport(db: Db, jobs: JobRunner, viewer: Viewer, kind: ImportKind, file: { fileId: number; fileName: string }, now: Date): Promise<ImportJobDto> {
  const before = new Date(now.getTime() - JOB_LIFETIME_MS).toISOString();
  await deleteJobsBefore(db, before);
  await deleteJobFilesBefore(db, before);
  const id = await insertJob(db, {
    kind,
    file_name: file.fileName,
    format: "",
    headers: "[]",
    rows: "[]",
    row_count: 0,
    layout_key: "",
    status: "reading",
    created_by: viewer.id,
    created_at: now.toISOString(),
    file_id: file.fileId,
  });
  const read = await jobs.enqueue("imports.read", { importId: id }, viewer);
  await db.updateTable("import_jobs").set({ analysis_job_id: read.id }).where("id", "=", id).execute();
  return getImport(db, viewer, id);
}

export async function getImport(db: Db, viewer: Viewer, id: number): Promise<ImportJobDto> {
  return toDto(db, await ownJob(db, viewer, id));
}

/** Sets the mapping (remembered for every later file with the same layout) and queues the plan. */
export async function setImportMapping(db: Db, jobs: JobRunner, viewer: Viewer, id: number, mapping: Record<string, number>, now: Date): Promise<ImportJobDto> {
  const job = await ownJob(db, viewer, id);
  if (job.status === "committed" || job.status === "committing") throw new AppError("conflict", "This import has already been committed; upload the file again to import it anew");
  if (job.status === "reading") throw new AppError("conflict", "The file is still being read; wait a moment");
  const problems = mappingProblems(job.kind as ImportKind, JSON.parse(job.headers) as string[], mapping);
  if (problems.length > 0) throw invalid(...problems);
  const stored: StoredMapping = { source: "chosen", fields: mapping as ImportMapping };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("import_jobs").set({ mapping: JSON.stringify(stored), status: "analysing", counts: null }).where("id", "=", id).execute();
    await rememberMapping(trx, job.kind, job.layout_key, JSON.stringify(mapping), viewer.id, now.toISOString());
  });
  const analysis = await jobs.enqueue("imports.analyse", { importId: id }, viewer);
  await db.updateTable("import_jobs").set({ analysis_job_id: analysis.id }).where("id", "=", id).execute();
  return getImport(db, viewer, id);
}

/** The stored plan: counts, the first problems, and a page of rows. */
export async function previewImport(db: Db, viewer: Viewer, id: number, page: { offset: number; limit: number }) {
  const job = await ownJob(db, viewer, id);
  if (job.status !== "analysed" && job.status !== "invalid") throw new AppError("conflict", job.status === "analysing" ? "The file is still being checked; the preview follows" : "Choose the columns first");
  const analysis = job.counts ? (JSON.parse(job.counts) as { counts: ImportCounts; problems: number; rows: number }) : null;
  const problems = await db.selectFrom("import_problems").select(["row_number", "column_name", "field", "code", "message", "company"]).where("job_id", "=", id).orderBy("row_number").limit(500).execute();
  const rows = await db.selectFrom("import_rows").selectAll().where("job_id", "=", id).orderBy("row_number").offset(page.offset).limit(page.limit).execute();
  return {
    counts: analysis?.counts ?? { created: 0, updated: 0, unchanged: 0, skippedDead: 0, skippedDuplicate: 0, consentsRecorded: 0 },
    problemCount: analysis?.problems ?? problems.length,
    problems: problems.map((p) => ({ row: p.row_number, column: p.column_name, field: p.field ?? "", code: p.code, message: p.message, company: p.company })),
    total: analysis?.rows ?? 0,
    rows: rows.map((r) => ({
      row: r.row_number,
      action: r.action,
      name: r.name,
      relationId: r.relation_id,
      personId: r.person_id,
      changes: JSON.parse(r.changes) as string[],
      notes: JSON.parse(r.notes) as string[],
    })),
  };
}

/**
 * Queues the commit (all or nothing, in one transaction; with `skipInvalid` the good rows, the
 * rejected ones set aside for download). A failed commit may be started again.
 */
export async function commitImportJob(db: Db, jobs: JobRunner, viewer: Viewer, id: number, skipInvalid = false): Promise<ImportJobDto> {
  const job = await ownJob(db, viewer, id);
  await queueCommit(db, jobs, viewer, job, "imports.commit", "Some rows cannot be imported (see the preview); fix the file and upload it again, or import the good rows only", skipInvalid);
  return getImport(db, viewer, id);
}

/** Rows per read of the rejected rows: the download streams them page by page. */
const REJECTED_PAGE = 1000;

/**
 * The rows a commit of the good rows set aside, as a table to correct and import again: the file's
 * own columns, then the row number in the original file and the reasons in the user's language.
 */
export async function rejectedRowsOf(db: Db, viewer: Viewer, id: number, lang: LabelLanguage) {
  const job = await ownJob(db, viewer, id);
  if (job.status !== "committed") throw new AppError("conflict", "The import has not been committed yet; the rejected rows are known after the commit");
  const words = labelsOf(lang);
  const messages: Readonly<Record<string, string>> = words.fieldErrors;
  const headers = [...(JSON.parse(job.headers) as string[]), words.exportFile.importRow, words.exportFile.importReasons];
  async function* rows() {
    for (let after = 0; ; ) {
      const page = await db
        .selectFrom("import_rows")
        .select(["row_number", "notes"])
        .where("job_id", "=", id)
        .where("action", "=", "rejected")
        .where("row_number", ">", after)
        .orderBy("row_number")
        .limit(REJECTED_PAGE)
        .execute();
      for (const r of page) {
        const { cells, problems } = JSON.parse(r.notes) as { cells: string[]; problems: { column: string; code: string; message: string }[] };
        const padded = headers.slice(0, -2).map((_, i) => cells[i] ?? "");
        yield [...padded, r.row_number, problems.map((p) => `${p.column}: ${messages[p.code] ?? p.message}`).join("; ")];
      }
      if (page.length < REJECTED_PAGE) return;
      after = page[page.length - 1]?.row_number ?? after;
    }
  }
  const base = job.file_name.replace(/\.(csv|xlsx)$/i, "");
  return { fileName: `${base}-${words.exportFile.rejectedSuffix}`, headers, rows: rows() };
}
