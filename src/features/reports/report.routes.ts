import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission, teamScopeOf } from "../../server/plugins/auth.js";
import { AppError } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { readCrmSettings, writeCrmSettings } from "../followups/crm-settings.service.js";
import { ContactMomentsQuery, ContactMomentsReport, CrmSettingsDto, CrmSettingsPatch, PreparationPaybackQuery, PreparationPaybackReport, SellingTimeQuery, SellingTimeReport, VisitNormsQuery, VisitNormsReport } from "./report.schemas.js";
import { preparationPaybackReport } from "./preparation-payback.service.js";
import { sellingTimeReport } from "./selling-time.service.js";
import { contactMomentsReport, visitNormsReport } from "./report.service.js";

export const reportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/reports/contact-moments",
    {
      schema: {
        tags: ["reports"],
        summary: "Contact moments per rep per ISO week and per relation class (Amsterdam dates, both ends included)",
        querystring: ContactMomentsQuery,
        response: { 200: ContactMomentsReport },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      return contactMomentsReport(ctx.db, request.query.from, request.query.to, teamScopeOf(viewer, "contactMoments"));
    },
  );

  app.get(
    "/api/reports/visit-norms",
    {
      schema: {
        tags: ["reports"],
        summary: "Visits per key/A/B/C relation in the twelve months up to asOf against the visit norm of its class",
        querystring: VisitNormsQuery,
        response: { 200: VisitNormsReport },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      const repIds = teamScopeOf(viewer, "visitNorms");
      const ownerId = request.query.ownerId;
      // A rep asking for another rep's relations asks for what the policy hides.
      if (repIds !== null && ownerId !== undefined && !repIds.includes(ownerId)) throw new AppError("team_report_hidden", "You see the visit norms of your own relations only");
      return visitNormsReport(ctx.db, request.query.asOf ?? amsterdamDate(ctx.now()), ownerId ?? (repIds === null ? undefined : repIds[0]));
    },
  );

  app.get(
    "/api/reports/selling-time",
    {
      schema: {
        tags: ["reports"],
        summary: "Selling and travel hours per field rep per ISO week from the agenda, and the yearly gain of starting at 08:30 and of route discipline",
        querystring: SellingTimeQuery,
        response: { 200: SellingTimeReport },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      return sellingTimeReport(ctx.db, viewer, request.query, teamScopeOf(viewer, "sellingTime"));
    },
  );

  app.get(
    "/api/reports/preparation-payback",
    {
      schema: {
        tags: ["reports"],
        summary: "Per rep: half a percent less discount over the year's revenue against the preparation of the visits the norms ask (DOMAIN.md, discount)",
        querystring: PreparationPaybackQuery,
        response: { 200: PreparationPaybackReport },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      const repIds = teamScopeOf(viewer, "preparationPayback");
      const year = request.query.year ?? Number(amsterdamDate(ctx.now()).slice(0, 4)) - 1;
      return preparationPaybackReport(ctx, viewer, year, repIds);
    },
  );

  app.get(
    "/api/crm-settings",
    { schema: { tags: ["reports"], summary: "Proposal window, visit norms and GDPR retention", response: { 200: CrmSettingsDto } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return readCrmSettings(ctx.db);
    },
  );

  app.patch(
    "/api/crm-settings",
    { schema: { tags: ["reports"], summary: "Change the proposal window, visit norms or GDPR retention (administrators)", body: CrmSettingsPatch, response: { 200: CrmSettingsDto } } },
    async (request) => {
      requirePermission(request, "users.manage");
      return writeCrmSettings(ctx.db, request.body);
    },
  );
};
