// The pages of data exchange: the import wizard and the duplicates of the relations (merging).
// "relations/duplicates" outranks "relations/:id" in React Router (a static segment wins). Each page
// is loaded when first opened (its own chunk).
import type { RouteObject } from "react-router";

export const dataRoutes: RouteObject[] = [
  { path: "imports", lazy: () => import("./ImportPage.js").then((m) => ({ Component: m.ImportPage })) },
  { path: "relations/duplicates", lazy: () => import("../merge/DuplicatesPage.js").then((m) => ({ Component: m.DuplicatesPage })) },
];
