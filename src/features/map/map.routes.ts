// Map API. The CRM is open to every role (DOMAIN.md, "Visibility"): names, class, status and the
// coordinate of a relation are no figures, so every user with crm.read sees the same map.
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { MapRelations, MapRelationsQuery } from "./map.schemas.js";
import { runMapRelations } from "./map-tasks.js";

export const mapRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/map/relations",
    {
      schema: {
        tags: ["map"],
        summary: "Relations with coordinates for the map (points up to limit, else counts per grid cell), and those without coordinates",
        querystring: MapRelationsQuery,
        response: { 200: MapRelations },
      },
    },
    async (request) => {
      requirePermission(request, "crm.read");
      return runMapRelations(ctx, request.query);
    },
  );
};
