import type { FastifyRequest } from "fastify";
import type { RoutesPlugin } from "../../server/context.js";
import { AppError } from "../../server/errors.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { formField, uploadedFile } from "../../server/uploads.js";
import type { ImportKind } from "./import-run.js";
import { ImportJob, MappingBody, Preview, PreviewQuery, UploadQuery } from "./import.schemas.js";
import { commitImportJob, getImport, previewImport, setImportMapping, uploadImport } from "./import.service.js";

/** The one file of the multipart upload, and the kind from the query or a form field. */
async function upload(request: FastifyRequest, queryKind: ImportKind | undefined) {
  const { buffer, fileName, part } = await uploadedFile(request);
  const kind = queryKind ?? formField(part, "kind");
  if (kind !== "relations" && kind !== "persons") {
    throw new AppError("validation_failed", "Say what the file holds: kind=relations or kind=persons", [{ field: "kind", code: "required", message: "is required (relations or persons)" }]);
  }
  return { kind: kind as ImportKind, fileName, data: buffer };
}

export const importRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "Upload a CSV or XLSX file of relations or persons (multipart: kind, file); returns headers and the proposed mapping",
        consumes: ["multipart/form-data"],
        querystring: UploadQuery,
        response: { 201: ImportJob },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const { kind, fileName, data } = await upload(request, request.query.kind);
      const job = await uploadImport(ctx.db, user, kind, fileName, data, ctx.now());
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
    async (request) => setImportMapping(ctx.db, requirePermission(request, "crm.write"), request.params.id, request.body.mapping, ctx.now()),
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
        summary: "Import all rows in one transaction: all or nothing; any row problem imports nothing",
        params: IdParams,
        response: { 200: ImportJob },
      },
    },
    async (request) => commitImportJob(ctx.db, requirePermission(request, "crm.write"), request.params.id, ctx.now()),
  );
};
