
import type { RoutesPlugin } from "../../server/context.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { sendWithEtag } from "../../server/http.js";
import { AppError } from "../../server/errors.js";
import { requirePermission, teamScopeOf } from "../../server/plugins/auth.js";
import { amsterdamDate } from "../../server/time.js";
import { IdParams, Page } from "../../server/schema-helpers.js";
import { AuditTrail } from "../audit/audit.schemas.js";
import { namedAuditLines } from "../audit/audit-names.js";
import { auditOfRelation } from "../audit/audit.service.js";
import { RelationCreate, RelationDetail, RelationListQuery, RelationPatch, RelationSummary } from "./relation.schemas.js";
import { createRelation, getRelation, listRelationsPage, updateRelation } from "./relation.service.js";


export const relationRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/relations",
    {
      schema: {
        tags: ["relations"],
        summary: "List relations with type-ahead search, filters, sorting and keyset paging",
        querystring: RelationListQuery,
        response: { 200: Page(RelationSummary) },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      let query = request.query;
      // The visit-norm filter lists the relations behind the visit-norm report: the same team scope
      // (a rep their own relations only, marketing and purchasing not at all).
      if (query.visitNorm !== undefined) {
        const repIds = teamScopeOf(viewer, "visitNorms");
        if (repIds !== null) {
          const own = repIds.map(String);
          if (query.owner?.some((o) => !own.includes(o))) throw new AppError("team_report_hidden", "You see the visit norms of your own relations only");
          query = { ...query, owner: own };
        }
      }
      return listRelationsPage(ctx.db, query, viewer, amsterdamDate(ctx.now()));
    },
  );

  app.post(
    "/api/relations",
    { schema: { tags: ["relations"], summary: "Create a relation", body: RelationCreate, response: { 201: RelationDetail } } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const relation = await createRelation(ctx.db, user, request.body, ctx.now());
      reply.header("location", `/api/relations/${relation.id}`);
      return sendWithEtag(reply, relation, 201);
    },
  );

  app.get(
    "/api/relations/:id",
    { schema: { tags: ["relations"], summary: "One relation with its persons and history", params: IdParams, response: { 200: RelationDetail } } },
    async (request, reply) => {
      requirePermission(request, "crm.read");
      return sendWithEtag(reply, await getRelation(ctx.db, request.params.id));
    },
  );

  versionedPatch(app, {
    path: "/api/relations/:id",
    tag: "relations",
    summary: "Change a relation",
    permission: "crm.write",
    body: RelationPatch,
    response: RelationDetail,
    update: (user, id, version, body) => updateRelation(ctx.db, user, id, version, body, ctx.now()),
  });

  app.get(
    "/api/relations/:id/audit",
    {
      schema: {
        tags: ["relations"],
        summary: "Audit trail of a relation and its persons (newest first)",
        params: IdParams,
        response: { 200: AuditTrail },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      await getRelation(ctx.db, request.params.id);
      return { items: await namedAuditLines(ctx.db, await auditOfRelation(ctx.db, viewer, request.params.id)) };
    },
  );
};
