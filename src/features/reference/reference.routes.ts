import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { listRayons, listSegments, searchSbiCodes } from "./reference.service.js";

const SbiCode = Type.Object({
  code: Type.String(),
  level: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  section: Type.String(),
  name_nl: Type.String(),
  name_en: Type.String(),
});

export const referenceRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/sbi-codes",
    {
      schema: {
        tags: ["reference"],
        summary: "Search SBI 2025 codes by code prefix or name",
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 30 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(SbiCode) }) },
      },
    },
    async (request) => ({ items: await searchSbiCodes(ctx.db, request.query.q ?? "", request.query.limit ?? 30) }),
  );

  app.get(
    "/api/rayons",
    {
      schema: {
        tags: ["reference"],
        summary: "Rayons (sales territories)",
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), description: Type.Union([Type.String(), Type.Null()]) })),
          }),
        },
      },
    },
    async () => ({ items: await listRayons(ctx.db) }),
  );

  app.get(
    "/api/market-segments",
    {
      schema: {
        tags: ["reference"],
        summary: "Market segments",
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })) }) },
      },
    },
    async () => ({ items: await listSegments(ctx.db) }),
  );
};
