// Use cases of the import flow: upload → (remembered or recognised) mapping → preview → commit.
// A job keeps the parsed rows, so preview and commit read exactly the file the user uploaded.
import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../../db/kysely.js";
import { type ImportField, isImportField, normalizeHeader, proposeMapping } from "../../files/dutch-headers.js";
import { readTable, type Table, type TableRow } from "../../files/table-reader.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import type { PersonPlanItem, RelationPlanItem } from "./import-plan.js";
import type { ImportMapping } from "./import-row.js";
import { analyseImport, commitImport, type ImportCounts, type ImportKind } from "./import-run.js";
import { deleteJobsBefore, findJob, findRememberedMapping, insertJob, rememberMapping } from "./import.repository.js";
import type { ImportJobsTable } from "./import.table.js";

/** Uploaded files are kept as jobs this long (milliseconds), then removed. */
const JOB_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export const RELATION_FIELDS: readonly ImportField[] = [
  "name", "kvkNumber", "debtorNumber", "legalForm", "street", "houseNumber", "houseNumberAddition", "postcode", "city", "country",
  "phone", "email", "website", "status", "accountClass", "sbi", "revenuePotential", "currentSupplier", "contractEndDate", "notes",
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

type MappingSource = "remembered" | "recognised" | "chosen";
type JobRow = Selectable<ImportJobsTable>;
interface StoredMapping {
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

function tableOf(job: JobRow): Pick<Table, "headers" | "rows"> {
  const rows = (JSON.parse(job.rows) as [number, string[]][]).map(([rowNumber, cells]): TableRow => ({ rowNumber, cells }));
  return { headers: JSON.parse(job.headers) as string[], rows };
}

function mappingOf(job: JobRow): StoredMapping {
  return job.mapping ? (JSON.parse(job.mapping) as StoredMapping) : { source: "recognised", fields: {} };
}

function toDto(job: JobRow) {
  const table = tableOf(job);
  const mapping = mappingOf(job);
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.file_name,
    format: job.format,
    encoding: job.encoding,
    delimiter: job.delimiter,
    headers: table.headers,
    rowCount: job.row_count,
    sample: table.rows.slice(0, 5).map((r) => ({ row: r.rowNumber, cells: r.cells })),
    fields: [...fieldsOf(job.kind as ImportKind)],
    mapping: mapping.fields as Record<string, number>,
    mappingSource: mapping.source,
    status: job.status,
    counts: job.counts ? (JSON.parse(job.counts) as ImportCounts) : null,
    createdAt: job.created_at,
    committedAt: job.committed_at,
  };
}
export type ImportJobDto = ReturnType<typeof toDto>;

async function ownJob(db: Db, user: AuthUser, id: number): Promise<JobRow> {
  const job = await findJob(db, id);
  // Another user's upload holds personal data they chose to share with no one: it does not exist for you.
  if (!job || (job.created_by !== user.id && user.role !== "admin")) throw notFound(`Import ${id}`);
  return job;
}

export async function uploadImport(db: Db, user: AuthUser, kind: ImportKind, fileName: string, data: Buffer, now: Date): Promise<ImportJobDto> {
  const read = await readTable(data, fileName);
  if (!read.ok) throw invalid({ field: "file", code: read.error.code, message: read.error.message });
  const table = read.value;
  await deleteJobsBefore(db, new Date(now.getTime() - JOB_LIFETIME_MS).toISOString());
  const mapping = await initialMapping(db, kind, table.headers);
  const id = await insertJob(db, {
    kind,
    file_name: fileName,
    format: table.format,
    encoding: table.encoding ?? null,
    delimiter: table.delimiter ?? null,
    headers: JSON.stringify(table.headers),
    rows: JSON.stringify(table.rows.map((r) => [r.rowNumber, r.cells])),
    row_count: table.rows.length,
    layout_key: layoutKey(kind, table.headers),
    mapping: JSON.stringify(mapping),
    created_by: user.id,
    created_at: now.toISOString(),
  });
  return getImport(db, user, id);
}

export async function getImport(db: Db, user: AuthUser, id: number): Promise<ImportJobDto> {
  return toDto(await ownJob(db, user, id));
}

/** Sets the mapping of a job and remembers it for every later file with the same layout. */
export async function setImportMapping(db: Db, user: AuthUser, id: number, mapping: Record<string, number>, now: Date): Promise<ImportJobDto> {
  const job = await ownJob(db, user, id);
  if (job.status === "committed") throw new AppError("conflict", "This import has already been committed; upload the file again to import it anew");
  const problems = mappingProblems(job.kind as ImportKind, JSON.parse(job.headers) as string[], mapping);
  if (problems.length > 0) throw invalid(...problems);
  const stored: StoredMapping = { source: "chosen", fields: mapping as ImportMapping };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("import_jobs").set({ mapping: JSON.stringify(stored) }).where("id", "=", id).execute();
    await rememberMapping(trx, job.kind, job.layout_key, JSON.stringify(mapping), user.id, now.toISOString());
  });
  return getImport(db, user, id);
}

function checkedMapping(job: JobRow): ImportMapping {
  const mapping = mappingOf(job).fields;
  const problems = mappingProblems(job.kind as ImportKind, JSON.parse(job.headers) as string[], mapping as Record<string, number>);
  if (problems.length > 0) throw invalid(...problems);
  return mapping;
}

function previewRow(item: RelationPlanItem | PersonPlanItem) {
  const isPerson = "relationId" in item;
  return {
    row: item.row,
    action: item.action,
    name: item.name,
    relationId: isPerson ? item.relationId : (item.current?.id ?? null),
    personId: isPerson ? (item.current?.id ?? null) : null,
    changes: item.action === "update" ? Object.keys(item.changes) : [],
    notes: item.notes,
  };
}

export async function previewImport(db: Db, user: AuthUser, id: number, page: { offset: number; limit: number }) {
  const job = await ownJob(db, user, id);
  const analysis = await analyseImport(db, job.kind as ImportKind, tableOf(job), checkedMapping(job));
  return {
    counts: analysis.counts,
    problemCount: analysis.problems.length,
    problems: analysis.problems.slice(0, 500),
    total: analysis.items.length,
    rows: analysis.items.slice(page.offset, page.offset + page.limit).map(previewRow),
  };
}

export async function commitImportJob(db: Db, user: AuthUser, id: number, now: Date): Promise<ImportJobDto> {
  const job = await ownJob(db, user, id);
  if (job.status === "committed") throw new AppError("conflict", "This import has already been committed");
  const mapping = checkedMapping(job);
  await commitImport(db, job.kind as ImportKind, tableOf(job), mapping, {
    userId: user.id,
    now,
    fileName: job.file_name,
    finish: async (trx, counts) => {
      // In the same transaction: a commit that fails leaves the job "uploaded", ready to run again.
      const marked = await trx
        .updateTable("import_jobs")
        .set({ status: "committed", counts: JSON.stringify(counts), committed_at: now.toISOString() })
        .where("id", "=", id)
        .where("status", "=", "uploaded")
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) throw new AppError("conflict", "This import was committed at the same moment by another request");
      await rememberMapping(trx, job.kind, job.layout_key, JSON.stringify(mapping), user.id, now.toISOString());
    },
  });
  return getImport(db, user, id);
}
