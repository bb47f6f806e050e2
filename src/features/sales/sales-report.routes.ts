import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { SalesReportRequest, SalesReportResponse } from "./sales-report.schemas.js";
import type { SalesReport } from "./sales-report.service.js";
import { salesReport } from "./sales-report.service.js";
import { SALES_REPORT_TASK } from "./sales-report.task.js";

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
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      const { id, role, profitResponsible, rayonIds } = viewer;
      const scoped = { id, role, profitResponsible, rayonIds };
      // SQLite answers on the thread that asks: a report runs in a worker thread, never on the event loop.
      if (ctx.engine === "sqlite") return ctx.jobs.runQuery<SalesReport>(SALES_REPORT_TASK, [scoped, request.body, ctx.now().getTime()]);
      return salesReport(ctx.db, scoped, request.body, ctx.now());
    },
  );
};
