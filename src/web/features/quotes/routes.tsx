// The addresses of the quotes area (Offertes): the list, a new quote, one quote, and its sub-pages
// forecast, hit ratio and products. Static segments win over /quotes/:id in React Router.
import type { RouteObject } from "react-router";
import { ForecastPage } from "../forecast/ForecastPage.js";
import { HitRatioPage } from "../forecast/HitRatioPage.js";
import { ProductsPage } from "../products/ProductsPage.js";
import { NewQuotePage } from "./NewQuotePage.js";
import { QuotePage } from "./QuotePage.js";
import { QuotesListPage } from "./QuotesListPage.js";

export const quoteRoutes: RouteObject[] = [
  { path: "quotes", element: <QuotesListPage /> },
  { path: "quotes/new", element: <NewQuotePage /> },
  { path: "quotes/forecast", element: <ForecastPage /> },
  { path: "quotes/hit-ratio", element: <HitRatioPage /> },
  { path: "quotes/products", element: <ProductsPage /> },
  { path: "quotes/:id", element: <QuotePage /> },
];
