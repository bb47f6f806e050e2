import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams, Nullable, Id } from "../../server/schema-helpers.js";
import { RelationDetail } from "../relations/relation.schemas.js";
import { findDuplicates, mergeRelations } from "./merge.service.js";

const Side = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  city: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  kvkNumber: Nullable(Type.String()),
  status: Type.String(),
  accountClass: Nullable(Type.String()),
  version: Type.Integer(),
});

export const mergeRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/relations/duplicates",
    {
      schema: {
        tags: ["relations"],
        summary: "Candidate duplicate pairs: same normalised name and postcode, or same name and city (KvK numbers are unique already)",
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ reason: Type.String({ description: "name_postcode | name_city" }), a: Side, b: Side })) }) },
      },
    },
    async (request) => {
      requirePermission(request, "crm.read");
      return findDuplicates(ctx.db, request.query.limit ?? 50);
    },
  );

  app.post(
    "/api/relations/:id/merge",
    {
      schema: {
        tags: ["relations"],
        summary: "Merge a duplicate into this relation (the survivor), in one transaction; 412 when either version is stale",
        params: IdParams,
        body: Type.Object(
          { duplicateId: Id(), version: Id(), duplicateVersion: Id() },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            relation: RelationDetail,
            moved: Type.Record(Type.String(), Type.Integer(), { description: "rows re-pointed per table.column" }),
            becameDead: Type.Boolean({ description: "the duplicate was dead, so the survivor is dead now" }),
          }),
        },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const result = await mergeRelations(ctx.db, ctx.engine, user, request.params.id, request.body, ctx.now());
      reply.header("etag", `"${result.relation.version}"`);
      return result;
    },
  );
};
