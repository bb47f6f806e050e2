// The first job of a sales upload: read the header row, take the remembered or recognised mapping,
// and queue the analysis when every required column is there (else the user maps the columns).
import { MAX_SALES_UPLOAD_BYTES } from "../../server/uploads.js";
import type { JobHandler } from "../jobs/job-handler.js";
import { insertJobRow } from "../jobs/job.repository.js";
import { importSourceOf } from "./sales-import-files.js";
import { salesImportRow } from "./sales-import.repository.js";
import { mappingComplete, readHeaderAndMapping } from "./sales-import.service.js";

export const salesReadJob: JobHandler<{ importId: number }> = async (ctx) => {
  const job = await salesImportRow(ctx.db, ctx.params.importId);
  const header = await readHeaderAndMapping(ctx.db, await importSourceOf(ctx.db, job), job.file_name, MAX_SALES_UPLOAD_BYTES);
  const complete = mappingComplete(header);
  const next = complete
    ? await insertJobRow(ctx.db, { kind: "sales.analyse", params: JSON.stringify({ input: { importId: job.id }, viewer: ctx.viewer }), owner_id: ctx.viewer.id, created_at: ctx.now().toISOString() })
    : null;
  await ctx.db
    .updateTable("import_jobs")
    .set({
      format: header.format,
      encoding: header.encoding,
      delimiter: header.delimiter,
      headers: JSON.stringify(header.headers),
      layout_key: header.layout,
      mapping: JSON.stringify(header.mapping),
      status: next ? "analysing" : "mapping",
      ...(next ? { analysis_job_id: next.id } : {}),
    })
    .where("id", "=", job.id)
    .execute();
  return { headers: header.headers.length, mapped: complete };
};
