import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { attachmentHeader } from "../../files/table-writer.js";
import { erasePerson } from "./erase.service.js";
import { gdprExport } from "./gdpr-export.service.js";
import { gdprHtml } from "./gdpr-html.js";

export const gdprRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/persons/:id/gdpr-export",
    {
      schema: {
        tags: ["gdpr"],
        summary: "Everything held about a person (right of access), as JSON or a readable HTML page",
        params: IdParams,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal("json"), Type.Literal("html")])) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      requirePermission(request, "persons.export");
      const data = await gdprExport(ctx.db, request.params.id, ctx.now());
      const format = request.query.format ?? "json";
      const name = `inzage-persoon-${request.params.id}-${data.generatedAt.slice(0, 10)}.${format}`;
      // The readable page opens in the browser (to read or print); the JSON is a file to hand over.
      reply.header("content-disposition", format === "html" ? `inline; filename="${name}"` : attachmentHeader(name));
      reply.header("cache-control", "no-store");
      if (format === "html") return reply.type("text/html; charset=utf-8").send(gdprHtml(data));
      return reply.type("application/json; charset=utf-8").send(JSON.stringify(data, null, 2));
    },
  );

  app.post(
    "/api/persons/:id/erase",
    {
      schema: {
        tags: ["gdpr"],
        summary: "Erase a person (right to erasure): personal data removed, contact history kept without it",
        params: IdParams,
        response: {
          200: Type.Object({ personId: Type.Integer(), erasedAt: Type.String(), contactMomentsKept: Type.Integer(), textsRedacted: Type.Integer(), mailsWiped: Type.Integer() }),
        },
      },
    },
    async (request) => {
      const user = requirePermission(request, "persons.erase");
      return erasePerson(ctx.db, user.id, request.params.id, ctx.now());
    },
  );
};
