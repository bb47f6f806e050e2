import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams, Nullable } from "../../server/schema-helpers.js";
import { nearbyRelations, parseStatuses } from "./nearby.service.js";

const Nearby = Type.Object({
  origin: Type.Object({ id: Type.Integer(), name: Type.String(), city: Nullable(Type.String()), lat: Type.Number(), lon: Type.Number() }),
  statuses: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      status: Type.String(),
      accountClass: Nullable(Type.String()),
      street: Nullable(Type.String()),
      houseNumber: Nullable(Type.String()),
      postcode: Nullable(Type.String()),
      city: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      distanceKm: Type.Number({ description: "straight line, km with one decimal" }),
    }),
  ),
});

export const nearbyRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/relations/:id/nearby",
    {
      schema: {
        tags: ["relations"],
        summary: "Alternative addresses: the nearest customers and prospects (or the given statuses), nearest first",
        params: IdParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            statuses: Type.Optional(Type.String({ maxLength: 100, description: "comma-separated, default customer,prospect; dead is never listed" })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Nearby },
      },
    },
    async (request) => {
      requirePermission(request, "crm.read");
      return nearbyRelations(ctx.db, request.params.id, parseStatuses(request.query.statuses), request.query.limit ?? 20);
    },
  );
};
