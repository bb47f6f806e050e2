// Exports of large lists as a background job: the rows are read page by page and written as CSV or
// XLSX into a stored file, downloaded afterwards from /api/jobs/:id/file. The XLSX writer and the
// row formatting are CPU work that does not belong on the server's event loop.
import { can } from "../../domain/roles.js";
import { type CsvDialect, tableStream, type TableFormat } from "../../files/table-writer.js";
import { type LabelLanguage, tableOptionsOf } from "../../labels/labels.js";
import { AppError } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import type { JobHandler } from "../jobs/job-handler.js";
import { writeJobFile } from "../jobs/job-files.js";
import { type ExportQuery, exportActivities, exportPersons, exportRelations } from "./export.service.js";

export type ExportDataset = "relations" | "persons" | "contact-moments";
export const DATASET_FILES: Record<ExportDataset, string> = { relations: "relaties", persons: "contactpersonen", "contact-moments": "contactmomenten" };

export interface ExportParams {
  dataset: ExportDataset;
  format: TableFormat;
  /** Absent in jobs queued before dialects existed: the Dutch defaults. */
  dialect?: CsvDialect;
  lang?: LabelLanguage;
  query: ExportQuery & { from?: string; to?: string };
}

export const exportJob: JobHandler<ExportParams> = async (ctx) => {
  const { dataset, format, query, dialect = "nl", lang = "nl" } = ctx.params;
  // Personal data only for the roles that may export it, checked again with the starter's rights.
  if (dataset !== "relations" && !can(ctx.viewer.role, "persons.export")) throw new AppError("forbidden", "Your role may not export personal data");
  const table = dataset === "relations" ? exportRelations(ctx.db, query, ctx.viewer, lang) : dataset === "persons" ? exportPersons(ctx.db, query, ctx.viewer, lang) : exportActivities(ctx.db, query, ctx.viewer, lang);
  let rows = 0;
  async function* counted() {
    for await (const row of table.rows) {
      rows += 1;
      if (rows % 1000 === 0) await ctx.progress(rows, null, `${rows.toLocaleString("nl-NL")} rijen`);
      yield row;
    }
  }
  const name = `${DATASET_FILES[dataset]}-${amsterdamDate(ctx.now())}.${format}`;
  const { stream, contentType } = tableStream(DATASET_FILES[dataset], format, table.headers, counted(), tableOptionsOf(lang, dialect));
  const file = await writeJobFile(ctx.db, { ownerId: ctx.viewer.id, jobId: ctx.jobId, purpose: "output", name, contentType }, stream, ctx.now().toISOString());
  await ctx.progress(rows, rows, "klaar");
  return { fileId: file.id, name, rows, size: file.size };
};
