
import type { RoutesPlugin } from "../../server/context.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
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
      return listRelationsPage(ctx.db, request.query, viewer);
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
