import type { RoutesPlugin } from "../../server/context.js";
import { AppError, invalid } from "../../server/errors.js";
import { headProblem } from "../../files/table-check.js";
import { readJobFileHead } from "../jobs/job-files.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { MAX_UPLOAD_BYTES, uploadedFileToStore } from "../../server/uploads.js";
import type { ImportKind } from "./import-run.js";
import { sendTable } from "../../files/table-writer.js";
import { tableOptionsOf } from "../../labels/labels.js";
import { CommitQuery, ImportJob, MappingBody, Preview, PreviewQuery, RejectedQuery, UploadQuery } from "./import.schemas.js";
import { commitImportJob, getImport, previewImport, rejectedRowsOf, setImportMapping, uploadImport } from "./import.service.js";

function checkedKind(kind: string | undefined): ImportKind {
  if (kind !== "relations" && kind !== "persons") {
    throw new AppError("validation_failed", "Say what the file holds: kind=relations or kind=persons", [{ field: "kind", code: "required", message: "is required (relations or persons)" }]);
  }
  return kind;
}

export const importRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "Upload a CSV or XLSX file of relations or persons (multipart: kind, file); its header, sample rows and proposed mapping follow from a background job (status reading → uploaded)",
        consumes: ["multipart/form-data"],
        querystring: UploadQuery,
        response: { 201: ImportJob },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      // The kind comes as ?kind= (checked before the file is stored) or as a form field before the file.
      if (request.query.kind) checkedKind(request.query.kind);
      const stored = await uploadedFileToStore(request, ctx.db, user.id, MAX_UPLOAD_BYTES, ctx.now().toISOString());
      const problem = headProblem(await readJobFileHead(ctx.db, stored.fileId, 64 * 1024), stored.size, stored.fileName);
      if (problem) {
        await ctx.db.deleteFrom("job_files").where("id", "=", stored.fileId).execute();
        throw invalid({ field: "file", code: problem.code, message: problem.message });
      }
      const job = await uploadImport(ctx.db, ctx.jobs, user, checkedKind(request.query.kind ?? stored.fields.kind), stored, ctx.now());
      reply.header("location", `/api/imports/${job.id}`);
      return reply.status(201).send(job);
    },
  );

  app.get(
    "/api/imports/:id",
    { schema: { tags: ["imports"], summary: "An uploaded import: headers, sample rows, mapping and status", params: IdParams, response: { 200: ImportJob } } },
    async (request) => getImport(ctx.db, requirePermission(request, "crm.write"), request.params.id),
  );

  app.put(
    "/api/imports/:id/mapping",
    {
      schema: {
        tags: ["imports"],
        summary: "Choose which column feeds which field; remembered for files with the same headers",
        params: IdParams,
        body: MappingBody,
        response: { 200: ImportJob },
      },
    },
    async (request) => setImportMapping(ctx.db, ctx.jobs, requirePermission(request, "crm.write"), request.params.id, request.body.mapping, ctx.now()),
  );

  app.get(
    "/api/imports/:id/preview",
    {
      schema: {
        tags: ["imports"],
        summary: "What the import would do per row (create / update / unchanged / skip), and the row problems (row, column, reason)",
        params: IdParams,
        querystring: PreviewQuery,
        response: { 200: Preview },
      },
    },
    async (request) =>
      previewImport(ctx.db, requirePermission(request, "crm.write"), request.params.id, { offset: request.query.offset ?? 0, limit: request.query.limit ?? 100 }),
  );

  app.post(
    "/api/imports/:id/commit",
    {
      schema: {
        tags: ["imports"],
        summary: "Import all rows in one transaction: all or nothing (any row problem imports nothing), or with skipInvalid=true the good rows, the rejected ones kept for download",
        params: IdParams,
        querystring: CommitQuery,
        response: { 200: ImportJob },
      },
    },
    async (request) => commitImportJob(ctx.db, ctx.jobs, requirePermission(request, "crm.write"), request.params.id, request.query.skipInvalid === true),
  );

  app.get(
    "/api/imports/:id/rejected",
    {
      schema: {
        tags: ["imports"],
        summary: "The rows an import of the good rows set aside, with their reasons, as CSV or XLSX to correct and import again",
        params: IdParams,
        querystring: RejectedQuery,
      },
    },
    async (request, reply) => {
      const { format = "xlsx", dialect, lang = "nl" } = request.query;
      const table = await rejectedRowsOf(ctx.db, requirePermission(request, "crm.write"), request.params.id, lang);
      return sendTable(reply, table.fileName, format, table.headers, table.rows, tableOptionsOf(lang, dialect));
    },
  );
};
