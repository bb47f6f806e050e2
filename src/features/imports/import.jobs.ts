// The background jobs of the relations and persons import (worker threads): read the header and
// sample rows of the stored file; plan every row and store the plan; commit all or nothing. Each
// reads the file as a stream from job_files. Planning holds the rows of one file in memory (at most
// DEFAULT_MAX_ROWS): matching needs them all at once — duplicates within the file, dead relations.
import { openTableStream, TableReadError } from "../../files/table-stream.js";
import type { Table, TableRow } from "../../files/table.js";
import { AppError, invalid } from "../../server/errors.js";
import { insertJobRow } from "../jobs/job.repository.js";
import type { JobContext, JobHandler } from "../jobs/job-handler.js";
import { jobFileSource } from "./import-source.js";
import type { Db } from "../../db/kysely.js";
import type { RowProblem } from "./import-row.js";
import { analyseImport, commitImport, type ImportKind, ImportRowsInvalid, type PlanItem } from "./import-run.js";
import { clearProblems, ProblemLog } from "./import-problems.js";
import { findJob, rememberMapping } from "./import.repository.js";
import { initialMapping, layoutKey, mappingOf, mappingProblems } from "./import.service.js";

type Params = { importId: number; skipInvalid?: boolean };
const SAMPLE_ROWS = 5;

async function importOf(ctx: JobContext<Params>) {
  const job = await findJob(ctx.db, ctx.params.importId);
  if (!job || job.file_id === null) throw new AppError("not_found", `Import ${ctx.params.importId} has no file`);
  return { job, source: await jobFileSource(ctx.db, job.file_id) };
}

/** The whole table (header and rows) of the import's file, or the reader's problem as an AppError. */
async function readWhole(ctx: JobContext<Params>): Promise<Pick<Table, "headers" | "rows">> {
  const { job, source } = await importOf(ctx);
  const opened = await openTableStream(source, job.file_name);
  if (!opened.ok) throw new AppError(opened.error.code === "too_large" ? "payload_too_large" : "bad_request", `${job.file_name}: ${opened.error.message}`);
  const rows: TableRow[] = [];
  try {
    for await (const row of opened.value.rows) {
      rows.push(row);
      if (rows.length % 5000 === 0) await ctx.progress(rows.length, null, `${rows.length.toLocaleString("nl-NL")} rijen gelezen`);
    }
  } catch (error) {
    if (error instanceof TableReadError) throw new AppError("bad_request", `${job.file_name}: ${error.message}`);
    throw error;
  }
  if (rows.length === 0) throw new AppError("bad_request", `${job.file_name}: the file has a header row but no data rows`);
  return { headers: opened.value.headers, rows };
}

/** Header, first rows and the remembered or recognised mapping; the user checks the mapping next. */
export const importReadJob: JobHandler<Params> = async (ctx) => {
  const { job, source } = await importOf(ctx);
  const opened = await openTableStream(source, job.file_name);
  if (!opened.ok) throw invalid({ field: "file", code: opened.error.code, message: opened.error.message });
  const { headers, format, encoding, delimiter } = opened.value;
  const sample: [number, string[]][] = [];
  try {
    for await (const row of opened.value.rows) {
      sample.push([row.rowNumber, row.cells]);
      if (sample.length >= SAMPLE_ROWS) break;
    }
  } catch (error) {
    if (!(error instanceof TableReadError)) throw error;
    throw invalid({ field: "file", code: "unreadable", message: error.message });
  }
  if (sample.length === 0) throw invalid({ field: "file", code: "empty", message: "The file has a header row but no data rows" });
  const kind = job.kind as ImportKind;
  const mapping = await initialMapping(ctx.db, kind, headers);
  // With every required column recognised, the plan starts at once (the user may still change the mapping).
  const complete = mappingProblems(kind, headers, mapping.fields as Record<string, number>).length === 0;
  const next = complete
    ? await insertJobRow(ctx.db, { kind: "imports.analyse", params: JSON.stringify({ input: { importId: job.id }, viewer: ctx.viewer }), owner_id: ctx.viewer.id, created_at: ctx.now().toISOString() })
    : null;
  await ctx.db
    .updateTable("import_jobs")
    .set({
      format,
      encoding: encoding ?? null,
      delimiter: delimiter ?? null,
      headers: JSON.stringify(headers),
      sample: JSON.stringify(sample),
      layout_key: layoutKey(kind, headers),
      mapping: JSON.stringify(mapping),
      status: next ? "analysing" : "uploaded",
      ...(next ? { analysis_job_id: next.id } : {}),
    })
    .where("id", "=", job.id)
    .execute();
  return { headers: headers.length };
};

function rowOf(importId: number, item: PlanItem) {
  const isPerson = "relationId" in item;
  return {
    job_id: importId,
    row_number: item.row,
    action: item.action,
    name: item.name.slice(0, 300),
    relation_id: isPerson ? item.relationId : (item.current?.id ?? null),
    person_id: isPerson ? (item.current?.id ?? null) : null,
    changes: JSON.stringify(item.action === "update" ? Object.keys(item.changes) : []),
    notes: JSON.stringify(item.notes),
  };
}

/** Plans every row against the database and stores the plan and the problems (nothing is written). */
export const importAnalyseJob: JobHandler<Params> = async (ctx) => {
  const { job } = await importOf(ctx);
  const kind = job.kind as ImportKind;
  const mapping = mappingOf(job).fields;
  const table = await readWhole(ctx);
  const wrong = mappingProblems(kind, table.headers, mapping as Record<string, number>);
  if (wrong.length > 0) throw new AppError("validation_failed", "Choose the columns first", wrong);
  await ctx.progress(0, table.rows.length, "rijen vergelijken met Koers");
  const analysis = await analyseImport(ctx.db, kind, table, mapping);
  await ctx.db.deleteFrom("import_rows").where("job_id", "=", job.id).execute();
  await clearProblems(ctx.db, job.id);
  const problems = new ProblemLog(ctx.db, job.id);
  for (const p of analysis.problems) problems.add({ row: p.row, column: p.column, code: p.code, message: p.message, field: p.field, company: p.company });
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < analysis.items.length; i += 500) {
      await trx.insertInto("import_rows").values(analysis.items.slice(i, i + 500).map((item) => rowOf(job.id, item))).execute();
    }
    await problems.flush(trx);
    const counts = { counts: analysis.counts, problems: analysis.problems.length, rows: analysis.items.length };
    await trx
      .updateTable("import_jobs")
      .set({ status: analysis.problems.length === 0 ? "analysed" : "invalid", counts: JSON.stringify(counts), row_count: table.rows.length })
      .where("id", "=", job.id)
      .execute();
  });
  await ctx.progress(table.rows.length, table.rows.length, "klaar");
  return { rows: table.rows.length, problems: analysis.problems.length, counts: analysis.counts };
};

/**
 * The rows a commit of the good rows set aside, with their cells and reasons, as the rows of the
 * import (action "rejected", notes `{ cells, problems }`): what `GET /api/imports/:id/rejected` hands
 * back as a file to correct and import again. The preview's plan rows are of no use once committed.
 */
async function keepRejected(trx: Db, importId: number, rejected: readonly RowProblem[], table: Pick<Table, "rows">): Promise<void> {
  await trx.deleteFrom("import_rows").where("job_id", "=", importId).execute();
  const wanted = new Set(rejected.map((p) => p.row));
  // The cells as the file had them, so the download can be corrected and imported again.
  const cellsOf = new Map(table.rows.filter((r) => wanted.has(r.rowNumber)).map((r) => [r.rowNumber, r.cells]));
  const byRow = new Map<number, RowProblem[]>();
  for (const p of rejected) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  const rows = [...byRow].map(([row, problems]) => ({
    job_id: importId,
    row_number: row,
    action: "rejected",
    name: problems[0]?.company ?? "",
    relation_id: null,
    person_id: null,
    changes: "[]",
    notes: JSON.stringify({ cells: cellsOf.get(row) ?? [], problems: problems.map((p) => ({ column: p.column, code: p.code, message: p.message })) }),
  }));
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto("import_rows").values(rows.slice(i, i + 500)).execute();
}

/** Plans again (the data may have changed since the preview) and writes everything in one transaction. */
export const importCommitJob: JobHandler<Params> = async (ctx) => {
  const { job } = await importOf(ctx);
  const kind = job.kind as ImportKind;
  const mapping = mappingOf(job).fields;
  const table = await readWhole(ctx);
  const now = ctx.now();
  try {
    return await commitImport(ctx.db, kind, table, mapping, {
      userId: ctx.viewer.id,
      now,
      fileName: job.file_name,
      onProgress: (done, total) => void ctx.progress(done, total, "importeren"),
      skipInvalid: ctx.params.skipInvalid === true,
      finish: async (trx, counts, rejected) => {
        // In the same transaction: a commit that fails leaves the import "committing", to run again.
        await trx.updateTable("import_jobs").set({ status: "committed", counts: JSON.stringify(counts), committed_at: now.toISOString() }).where("id", "=", job.id).execute();
        if (ctx.params.skipInvalid) await keepRejected(trx, job.id, rejected, table);
        await rememberMapping(trx, job.kind, job.layout_key, JSON.stringify(mapping), ctx.viewer.id, now.toISOString());
      },
    });
  } catch (error) {
    if (error instanceof ImportRowsInvalid) throw new AppError("validation_failed", error.message, error.fields);
    throw error;
  }
};
