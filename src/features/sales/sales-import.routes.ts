import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { MAX_SALES_UPLOAD_BYTES, uploadedFileToStore } from "../../server/uploads.js";
import { jobFileSource } from "../imports/import-source.js";
import { ProblemsPage, ProblemsQuery, SalesImportDto, SalesMappingBody, SalesUploadQuery } from "./sales-import.schemas.js";
import { commitSalesImport, getSalesImport, salesImportProblems, setSalesMapping, startSalesImport } from "./sales-import.service.js";

export const salesImportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/sales/imports",
    {
      schema: {
        tags: ["sales"],
        summary: "Upload an ERP export of invoice lines (CSV or XLSX, multipart field: file); the file is analysed in the background",
        consumes: ["multipart/form-data"],
        querystring: SalesUploadQuery,
        response: { 202: SalesImportDto },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "sales.import");
      const now = ctx.now();
      const stored = await uploadedFileToStore(request, ctx.db, viewer.id, MAX_SALES_UPLOAD_BYTES, now.toISOString());
      const dto = await startSalesImport(
        ctx.db,
        ctx.jobs,
        viewer,
        { fileName: stored.fileName, fileId: stored.fileId, source: await jobFileSource(ctx.db, stored.fileId), createMissing: request.query.createMissing ?? false },
        now,
      );
      reply.header("location", `/api/sales/imports/${dto.id}`);
      return reply.status(202).send(dto);
    },
  );

  app.get(
    "/api/sales/imports/:id",
    { schema: { tags: ["sales"], summary: "A sales import: mapping, analysis (counts, problems) and the jobs that run it", params: IdParams, response: { 200: SalesImportDto } } },
    async (request) => getSalesImport(ctx.db, requirePermission(request, "sales.import"), request.params.id),
  );

  app.get(
    "/api/sales/imports/:id/problems",
    { schema: { tags: ["sales"], summary: "The problems of a sales import by row and column", params: IdParams, querystring: ProblemsQuery, response: { 200: ProblemsPage } } },
    async (request) => salesImportProblems(ctx.db, requirePermission(request, "sales.import"), request.params.id, request.query.offset ?? 0, request.query.limit ?? 100),
  );

  app.put(
    "/api/sales/imports/:id/mapping",
    { schema: { tags: ["sales"], summary: "Choose the columns (remembered for files of this layout) and analyse again", params: IdParams, body: SalesMappingBody, response: { 202: SalesImportDto } } },
    async (request, reply) => {
      const viewer = requirePermission(request, "sales.import");
      return reply.status(202).send(await setSalesMapping(ctx.db, ctx.jobs, viewer, request.params.id, request.body.mapping, request.body.createMissing, ctx.now()));
    },
  );

  app.post(
    "/api/sales/imports/:id/commit",
    { schema: { tags: ["sales"], summary: "Write the analysed lines (in batches, resumable) and keep the rollups in step", params: IdParams, response: { 202: SalesImportDto } } },
    async (request, reply) => reply.status(202).send(await commitSalesImport(ctx.db, ctx.jobs, requirePermission(request, "sales.import"), request.params.id)),
  );
};
