import { Type } from "typebox";
import type { Viewer } from "../../domain/access.js";
import type { AppContext, RoutesPlugin } from "../../server/context.js";
import { sendTable } from "../../files/table-writer.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams, Nullable } from "../../server/schema-helpers.js";
import { amsterdamDate } from "../../server/time.js";
import { reportTable } from "./sales-report-export.js";
import { SalesReportRequest, SalesReportResponse } from "./sales-report.schemas.js";
import type { SalesReport, SalesReportRequest as ReportRequest } from "./sales-report.service.js";
import { salesReport } from "./sales-report.service.js";
import { SALES_REPORT_TASK } from "./sales-report.task.js";
import { deleteView, listViews, saveView } from "./sales-views.service.js";

/** The viewer as a plain object (it crosses into a worker thread). */
const scopeOf = ({ id, role, profitResponsible, rayonIds }: Viewer): Viewer => ({ id, role, profitResponsible, rayonIds: [...rayonIds] });

/** Runs a sales report off the event loop: in a worker thread on SQLite, asynchronously on PostgreSQL. */
export function runSalesReport(ctx: AppContext, viewer: Viewer, request: ReportRequest): Promise<SalesReport> {
  if (ctx.engine === "sqlite") return ctx.jobs.runQuery<SalesReport>(SALES_REPORT_TASK, [scopeOf(viewer), request, ctx.now().getTime()]);
  return salesReport(ctx.db, scopeOf(viewer), request, ctx.now());
}

const View = Type.Object({ id: Type.Integer(), name: Type.String(), request: Type.Unknown(), createdAt: Type.String() });

export const salesReportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/reports/sales",
    {
      schema: {
        tags: ["sales"],
        summary: "Sales figures: measures by dimensions over months, filtered, compared with last year or as moving annual total, top N — within what your role may see",
        body: SalesReportRequest,
        response: { 200: SalesReportResponse },
      },
    },
    async (request) => runSalesReport(ctx, requirePermission(request, "crm.read"), request.body),
  );

  app.post(
    "/api/reports/sales/export",
    {
      schema: {
        tags: ["sales"],
        summary: "The same report as a CSV or XLSX file (Dutch headers, euros)",
        body: Type.Object({ request: SalesReportRequest, format: Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("xlsx")])) }, { additionalProperties: false }),
        response: { 200: { description: "CSV (UTF-8 with BOM, ;) or XLSX" } },
      },
    },
    async (request, reply) => {
      const report = await runSalesReport(ctx, requirePermission(request, "crm.read"), request.body.request);
      const { headers, rows } = reportTable(report);
      return sendTable(reply, `verkoop-${amsterdamDate(ctx.now())}`, request.body.format ?? "xlsx", headers, rows);
    },
  );

  app.get(
    "/api/reports/sales/views",
    { schema: { tags: ["sales"], summary: "Your saved views of the sales report", response: { 200: Type.Object({ items: Type.Array(View) }) } } },
    async (request) => ({ items: await listViews(ctx.db, requirePermission(request, "crm.read").id) }),
  );

  app.post(
    "/api/reports/sales/views",
    {
      schema: {
        tags: ["sales"],
        summary: "Save a view (a report request under a name; the same name replaces it)",
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), request: SalesReportRequest }, { additionalProperties: false }),
        response: { 201: Nullable(View) },
      },
    },
    async (request, reply) => reply.status(201).send((await saveView(ctx.db, requirePermission(request, "crm.read").id, request.body.name, request.body.request, ctx.now())) ?? null),
  );

  app.delete(
    "/api/reports/sales/views/:id",
    { schema: { tags: ["sales"], summary: "Delete one of your saved views", params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await deleteView(ctx.db, requirePermission(request, "crm.read").id, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
