// GET /api/offline/bundle: what the field app keeps on the device (offline-bundle.service.ts).
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { OfflineBundle } from "./offline.schemas.js";
import { offlineBundle } from "./offline-bundle.service.js";

export const offlineRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/offline/bundle",
    {
      schema: {
        tags: ["agenda"],
        summary: "For the field app: your appointments of today and the next 3 working days (at most 40) with their preparation sheets and each day's route, and the relation cards, persons with their consent, open follow-ups and latest 10 contact moments of those relations",
        response: { 200: OfflineBundle },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.read");
      // Personal data: never kept by a shared cache.
      reply.header("cache-control", "private, no-store");
      return offlineBundle(ctx, user);
    },
  );
};
