// The pages of data exchange: the import wizard and the duplicates of the relations (merging).
// "relations/duplicates" outranks "relations/:id" in React Router (a static segment wins).
import type { RouteObject } from "react-router";
import { DuplicatesPage } from "../merge/DuplicatesPage.js";
import { ImportPage } from "./ImportPage.js";

export const dataRoutes: RouteObject[] = [
  { path: "imports", element: <ImportPage /> },
  { path: "relations/duplicates", element: <DuplicatesPage /> },
];
