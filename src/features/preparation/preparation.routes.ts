// HTTP of visit preparation. The sheet's id is its appointment's id: GET /api/visit-preparations/:id
// reads it for the viewer (404 outside the agendas they may see), PATCH saves what the rep adds
// (If-Match: "0" creates it), POST …/report turns it into the contact report and follow-up.
import type { RoutesPlugin } from "../../server/context.js";
import { expectedVersion, sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { PreparationPatch, PreparationSettings, PreparationSettingsInput, PreparationSheet, VisitReportInput } from "./preparation.schemas.js";
import { getSheet, readPreparationSettings, savePreparation, writePreparationSettings } from "./preparation.service.js";
import { reportVisit } from "./visit-report.service.js";

export const preparationRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/visit-preparations/:id",
    {
      schema: {
        tags: ["agenda"],
        summary: "The preparation sheet of appointment :id: what Koers knows (sales in your viewer scope, CRM history, route, nearby) and what the rep added; ETag \"0\" until saved",
        params: IdParams,
        response: { 200: PreparationSheet },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      return sendWithEtag(reply, await getSheet(ctx, viewer, request.params.id));
    },
  );

  versionedPatch(app, {
    path: "/api/visit-preparations/:id",
    tag: "agenda",
    summary: 'Save what the rep adds to the sheet of appointment :id (method, templates, research, objectives, keywords, checklist, notes); If-Match "0" creates it',
    permission: "crm.write",
    body: PreparationPatch,
    response: PreparationSheet,
    update: (user, id, version, body) => savePreparation(ctx, user, id, version, body, ctx.now()),
  });

  app.post(
    "/api/visit-preparations/:id/report",
    {
      schema: {
        tags: ["agenda"],
        summary: 'Report the visit: results per objective, ticked keywords, and the contact moment with its follow-up made from them; send If-Match: "<version>"',
        params: IdParams,
        body: VisitReportInput,
        response: { 200: PreparationSheet },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const version = expectedVersion(request);
      return sendWithEtag(reply, await reportVisit(ctx, user, request.params.id, version, request.body, ctx.now()));
    },
  );

  app.get(
    "/api/preparation-settings",
    {
      schema: {
        tags: ["agenda"],
        summary: "The company's checklist of things to bring to a visit, and the preparation time and a rep's hourly cost that the sheet sets against half a percent of discount",
        response: { 200: PreparationSettings },
      },
    },
    async (request) => {
      requirePermission(request, "crm.read");
      return readPreparationSettings(ctx.db);
    },
  );

  app.put(
    "/api/preparation-settings",
    { schema: { tags: ["agenda"], summary: "Set the checklist of things to bring, the preparation time and a rep's hourly cost (administrators)", body: PreparationSettingsInput, response: { 200: PreparationSettings } } },
    async (request) => {
      requirePermission(request, "users.manage");
      return writePreparationSettings(ctx.db, request.body);
    },
  );
};
