import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { amsterdamDate } from "../../server/time.js";
import { readCrmSettings, writeCrmSettings } from "../followups/crm-settings.service.js";
import { ContactMomentsQuery, ContactMomentsReport, CrmSettingsDto, CrmSettingsPatch, VisitNormsQuery, VisitNormsReport } from "./report.schemas.js";
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
      requirePermission(request, "reports.team");
      return contactMomentsReport(ctx.db, request.query.from, request.query.to);
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
      requirePermission(request, "reports.team");
      return visitNormsReport(ctx.db, request.query.asOf ?? amsterdamDate(ctx.now()), request.query.ownerId);
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
