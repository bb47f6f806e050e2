import { Type } from "typebox";
import { monthRange } from "../../domain/calendar.js";
import type { RoutesPlugin } from "../../server/context.js";
import { AppError } from "../../server/errors.js";
import { requirePermission, teamScopeOf } from "../../server/plugins/auth.js";
import { IdParams, Id } from "../../server/schema-helpers.js";
import { readTableFile } from "../../server/table-file.js";
import { amsterdamDate } from "../../server/time.js";
import { uploadedFile } from "../../server/uploads.js";
import { getRelation } from "../relations/relation.service.js";
import { acceptClassProposals, readThresholds, writeThresholds } from "./sales-abc.service.js";
import { runSalesReport } from "./sales-report.routes.js";
import { targetsVersusActual } from "./sales-targets-report.js";
import { importTargets, listTargets, setTargets } from "./sales-targets.service.js";
import { runSalesTask } from "./sales-tasks.js";
import { listSalespeople } from "./salespeople.service.js";

const Month = Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$", description: "YYYY-MM" });
const Period = Type.Object({ from: Month, to: Month }, { additionalProperties: false });
const Cents = Type.Integer({ minimum: -1e12, maximum: 1e12 });
const Thresholds = Type.Object({ A: Type.Integer({ minimum: 0, maximum: 1e12 }), B: Type.Integer({ minimum: 0, maximum: 1e12 }) }, { additionalProperties: false });
const Any = Type.Unknown();

export const salesAnalysisRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/relations/:id/sales",
    { schema: { tags: ["sales"], summary: "Sales history of a relation: by year and product group, products bought, discount against list price, last invoice", params: IdParams, response: { 200: Any } } },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      await getRelation(ctx.db, request.params.id);
      return runSalesTask(ctx, "relation", viewer, request.params.id);
    },
  );

  app.get(
    "/api/sales/salespeople",
    { schema: { tags: ["sales"], summary: "Salespeople as the ERP names them (linked to a user when they log in)", response: { 200: Any } } },
    async (request) => {
      requirePermission(request, "crm.read");
      const rows = await listSalespeople(ctx.db);
      return { items: rows.map((r) => ({ id: r.id, name: r.name, email: r.email, userId: r.user_id, rayon: r.rayon_id ? { id: r.rayon_id, name: r.rayon_name } : null, active: r.active === 1 })) };
    },
  );

  app.get(
    "/api/sales/targets",
    { schema: { tags: ["sales"], summary: "Targets per month for rayons and reps (a rep sees the rayon targets and their own)", querystring: Period, response: { 200: Any } } },
    async (request) => ({ items: await listTargets(ctx.db, requirePermission(request, "crm.read"), request.query.from, request.query.to) }),
  );

  app.put(
    "/api/sales/targets",
    {
      schema: {
        tags: ["sales"],
        summary: "Set targets (replacing those of the same month and rayon/rep/group)",
        body: Type.Object(
          {
            targets: Type.Array(
              Type.Object(
                {
                  month: Month,
                  rayonId: Type.Optional(Type.Union([Id(), Type.Null()])),
                  salespersonId: Type.Optional(Type.Union([Id(), Type.Null()])),
                  productGroupId: Type.Optional(Type.Union([Id(), Type.Null()])),
                  revenueCents: Cents,
                  volume: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1e9 }), Type.Null()])),
                },
                { additionalProperties: false },
              ),
              { maxItems: 5000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ saved: Type.Integer() }) },
      },
    },
    async (request) => {
      requirePermission(request, "sales.import");
      return { saved: await setTargets(ctx.db, request.body.targets) };
    },
  );

  app.post(
    "/api/sales/targets/import",
    { schema: { tags: ["sales"], summary: "Import targets from CSV or XLSX (Maand, Rayon, Verkoper, Artikelgroep, Omzet, Afzet); all rows or none", consumes: ["multipart/form-data"], response: { 200: Type.Object({ imported: Type.Integer() }) } } },
    async (request) => {
      requirePermission(request, "sales.import");
      const { buffer, fileName } = await uploadedFile(request);
      return importTargets(ctx.db, await readTableFile(buffer, fileName), amsterdamDate(ctx.now()));
    },
  );

  app.get(
    "/api/reports/targets",
    {
      schema: {
        tags: ["sales"],
        summary: "Revenue against target per rayon or rep and month (a rep: every rayon's totals, and their own rep line)",
        querystring: Type.Object({ ...Period.properties, by: Type.Optional(Type.Union([Type.Literal("rayon"), Type.Literal("rep")])) }, { additionalProperties: false }),
        response: { 200: Any },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      const by = request.query.by ?? "rayon";
      if (by === "rep") teamScopeOf(viewer, "salesByRep");
      const { from, to } = request.query;
      const actual = await runSalesReport(ctx, viewer, { measures: ["revenue"], dimensions: [by, "month"], from, to, limit: 10_000 });
      const targets = await listTargets(ctx.db, viewer, from, to);
      return targetsVersusActual(by, monthRange(from, to), actual, targets);
    },
  );

  app.get(
    "/api/reports/pareto",
    { schema: { tags: ["sales"], summary: "Relations by revenue with cumulative share (Pareto curve) and the class each would get", querystring: Period, response: { 200: Any } } },
    async (request) => runSalesTask(ctx, "pareto", requirePermission(request, "crm.read"), request.query.from, request.query.to, ctx.now().getTime()),
  );

  app.get(
    "/api/sales/class-proposals",
    { schema: { tags: ["sales"], summary: "Relations whose class the ABC analysis would change; overrides and key accounts shown as kept", querystring: Period, response: { 200: Any } } },
    async (request) => runSalesTask(ctx, "proposals", requirePermission(request, "reports.team"), request.query.from, request.query.to, ctx.now().getTime()),
  );

  app.post(
    "/api/sales/class-proposals/accept",
    {
      schema: {
        tags: ["sales"],
        summary: "Accept class proposals for these relations (one or many); the class history says it came from the ABC analysis",
        body: Type.Object({ ...Period.properties, relationIds: Type.Array(Id(), { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ applied: Type.Integer(), skipped: Type.Integer() }) },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "reports.team");
      const { from, to, relationIds } = request.body;
      return acceptClassProposals(ctx.db, viewer, from, to, relationIds, ctx.now());
    },
  );

  app.get(
    "/api/sales/class-thresholds",
    { schema: { tags: ["sales"], summary: "Yearly revenue (cents) from which a relation is A or B, by market segment", response: { 200: Any } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return readThresholds(ctx.db);
    },
  );

  app.put(
    "/api/sales/class-thresholds",
    {
      schema: {
        tags: ["sales"],
        summary: "Set the class thresholds (administrators and sales managers)",
        body: Type.Object({ default: Thresholds, bySegment: Type.Record(Type.String({ pattern: "^\\d+$" }), Thresholds) }, { additionalProperties: false }),
        response: { 200: Any },
      },
    },
    async (request) => {
      requirePermission(request, "reports.team");
      const body = request.body;
      for (const t of [body.default, ...Object.values(body.bySegment)]) {
        if (t.B > t.A) throw new AppError("validation_failed", "The threshold for B must not be above the one for A", [{ field: "B", code: "threshold_order", message: "must not be above A" }]);
      }
      return writeThresholds(ctx.db, body);
    },
  );

  app.get(
    "/api/reports/purchasing-outlook",
    {
      schema: {
        tags: ["sales"],
        summary: "Expected volume per product for the coming months: run rate of the last twelve months plus open quotes × chance",
        querystring: Type.Object({ months: Type.Optional(Type.Integer({ minimum: 1, maximum: 24, default: 6 })) }, { additionalProperties: false }),
        response: { 200: Any },
      },
    },
    async (request) => runSalesTask(ctx, "outlook", requirePermission(request, "crm.read"), request.query.months ?? 6, ctx.now().getTime()),
  );

  app.get(
    "/api/reports/new-customers",
    {
      schema: {
        tags: ["sales"],
        summary: "Relations whose first invoice (of one product, if given) falls in the period, per month",
        querystring: Type.Object({ ...Period.properties, product: Type.Optional(Id()) }, { additionalProperties: false }),
        response: { 200: Any },
      },
    },
    async (request) => runSalesTask(ctx, "newCustomers", requirePermission(request, "crm.read"), request.query.from, request.query.to, request.query.product ?? null),
  );
};

