// HTTP of the company's visit templates: GET /api/visit-templates for everyone who prepares visits,
// POST and PATCH …/:id (If-Match) for those with templates.manage (administrators, sales managers).
import type { RoutesPlugin } from "../../server/context.js";
import { sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { TemplateCreate, TemplateList, TemplateListQuery, TemplatePatch, VisitTemplateDto } from "./template.schemas.js";
import { changeTemplate, createTemplate, listTemplates } from "./template.service.js";

export const templateRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/visit-templates",
    {
      schema: {
        tags: ["agenda"],
        summary: "The company's visit templates (objectives with keywords, visit keywords) in their order; switched-off ones only with all=true",
        querystring: TemplateListQuery,
        response: { 200: TemplateList },
      },
    },
    async (request) => {
      requirePermission(request, "crm.read");
      const all = request.query.all === true;
      if (all) requirePermission(request, "templates.manage");
      return { items: await listTemplates(ctx.db, { all }) };
    },
  );

  app.post(
    "/api/visit-templates",
    { schema: { tags: ["agenda"], summary: "Add a visit template (administrators, sales managers)", body: TemplateCreate, response: { 201: VisitTemplateDto } } },
    async (request, reply) => {
      const user = requirePermission(request, "templates.manage");
      return sendWithEtag(reply, await createTemplate(ctx.db, user, request.body, ctx.now()), 201);
    },
  );

  versionedPatch(app, {
    path: "/api/visit-templates/:id",
    tag: "agenda",
    summary: "Change a visit template or switch it off (administrators, sales managers)",
    permission: "templates.manage",
    body: TemplatePatch,
    response: VisitTemplateDto,
    update: (user, id, version, body) => changeTemplate(ctx.db, user, id, version, body, ctx.now()),
  });
};
