// The addresses of the quotes area (Offertes): the list, a new quote, one quote, and its sub-pages
// forecast, hit ratio and products. Static segments win over /quotes/:id in React Router. Each page
// is loaded when first opened (its own chunk).
import type { RouteObject } from "react-router";

export const quoteRoutes: RouteObject[] = [
  { path: "quotes", lazy: () => import("./QuotesListPage.js").then((m) => ({ Component: m.QuotesListPage })) },
  { path: "quotes/new", lazy: () => import("./NewQuotePage.js").then((m) => ({ Component: m.NewQuotePage })) },
  { path: "quotes/forecast", lazy: () => import("../forecast/ForecastPage.js").then((m) => ({ Component: m.ForecastPage })) },
  { path: "quotes/hit-ratio", lazy: () => import("../forecast/HitRatioPage.js").then((m) => ({ Component: m.HitRatioPage })) },
  { path: "quotes/products", lazy: () => import("../products/ProductsPage.js").then((m) => ({ Component: m.ProductsPage })) },
  { path: "quotes/:id", lazy: () => import("./QuotePage.js").then((m) => ({ Component: m.QuotePage })) },
];
