// Imports that take a whole small table and answer with a summary (products, quote lists) run on the
// same engine: the upload is stored, a background job reads it (the streaming reader, collected) and
// calls the kind's importer, and its summary is the job's result. The request only stores and queues.
import type { FastifyRequest } from "fastify";
import type { Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { headProblem } from "../../files/table-check.js";
import { openTableStream, TableReadError } from "../../files/table-stream.js";
import type { TableRow } from "../../files/table.js";
import type { AppContext } from "../../server/context.js";
import { AppError, invalid } from "../../server/errors.js";
import type { ImportTable } from "../../server/table-file.js";
import { MAX_UPLOAD_BYTES, uploadedFileToStore } from "../../server/uploads.js";
import { readJobFileHead } from "../jobs/job-files.js";
import type { JobRow } from "../jobs/job.repository.js";
import { jobFileSource } from "./import-source.js";

export interface FileImportParams {
  fileId: number;
  fileName: string;
}

/** Stores the upload, checks its first bytes, and queues `kind` with the file and `extra` params. */
export async function queueFileImport(ctx: AppContext, request: FastifyRequest, viewer: Viewer, kind: string, extra: Record<string, unknown> = {}): Promise<JobRow> {
  const stored = await uploadedFileToStore(request, ctx.db, viewer.id, MAX_UPLOAD_BYTES, ctx.now().toISOString());
  const problem = headProblem(await readJobFileHead(ctx.db, stored.fileId, 64 * 1024), stored.size, stored.fileName);
  if (problem) {
    await ctx.db.deleteFrom("job_files").where("id", "=", stored.fileId).execute();
    throw invalid({ field: "file", code: problem.code, message: problem.message });
  }
  return ctx.jobs.enqueue(kind, { fileId: stored.fileId, fileName: stored.fileName, ...extra }, viewer);
}

/** The whole table of a stored upload (in a job); a file that cannot be read is the job's problem. */
export async function readStoredTable(db: Db, params: FileImportParams): Promise<ImportTable> {
  const opened = await openTableStream(await jobFileSource(db, params.fileId), params.fileName);
  if (!opened.ok) throw invalid({ field: "file", code: opened.error.code, message: `${params.fileName}: ${opened.error.message}` });
  const rows: TableRow[] = [];
  try {
    for await (const row of opened.value.rows) rows.push(row);
  } catch (error) {
    if (error instanceof TableReadError) throw new AppError("bad_request", `${params.fileName}: ${error.message}`);
    throw error;
  }
  return { headers: opened.value.headers, rows };
}
