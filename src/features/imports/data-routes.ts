// One plugin for the data-exchange features (import, export, merging duplicates), so the app
// registers them with one line.
import type { RoutesPlugin } from "../../server/context.js";
import { exportRoutes } from "../exports/export.routes.js";
import { mergeRoutes } from "../merge/merge.routes.js";
import { importRoutes } from "./import.routes.js";

export const dataExchangeRoutes: RoutesPlugin = async (app, { ctx }) => {
  await app.register(importRoutes, { ctx });
  await app.register(exportRoutes, { ctx });
  await app.register(mergeRoutes, { ctx });
};
