// The addresses of the sales area (Verkoop). Each page is its own chunk, loaded when first opened;
// ECharts comes later still, with the first chart.
import type { RouteObject } from "react-router";

export const salesRoutes: RouteObject[] = [
  { path: "sales", lazy: () => import("./SalesDashboardPage.js").then((m) => ({ Component: m.SalesDashboardPage })) },
  { path: "sales/report", lazy: () => import("./SalesReportPage.js").then((m) => ({ Component: m.SalesReportPage })) },
  { path: "sales/pareto", lazy: () => import("./ParetoPage.js").then((m) => ({ Component: m.ParetoPage })) },
  { path: "sales/import", lazy: () => import("./SalesImportPage.js").then((m) => ({ Component: m.SalesImportPage })) },
  { path: "sales/targets", lazy: () => import("./TargetsPage.js").then((m) => ({ Component: m.TargetsPage })) },
];
