// The pages and their addresses. Everything but /login sits behind the session check and the shell.
import { Navigate, createBrowserRouter } from "react-router";
import { LoginPage } from "../features/auth/LoginPage.js";
import { RelationCreatePage } from "../features/relations/RelationCreatePage.js";
import { RelationEditPage } from "../features/relations/RelationEditPage.js";
import { RelationPage } from "../features/relations/RelationPage.js";
import { RelationsListPage } from "../features/relations/RelationsListPage.js";
import { quoteRoutes } from "../features/quotes/routes.js";
import { MyDayPage } from "../features/myday/MyDayPage.js";
import { ReportsPage } from "../features/reports/ReportsPage.js";
import { dataRoutes } from "../features/imports/routes.js";
import { SettingsPage } from "../features/settings/SettingsPage.js";
import { ComingSoon } from "./ComingSoon.js";
import { NotFound } from "./NotFound.js";
import { RequireSession } from "./RequireSession.js";
import { Shell } from "./Shell.js";

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  {
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/relations" replace /> },
      { path: "relations", element: <RelationsListPage /> },
      { path: "relations/new", element: <RelationCreatePage /> },
      { path: "relations/:id", element: <RelationPage /> },
      { path: "relations/:id/edit", element: <RelationEditPage /> },
      { path: "my-day", element: <MyDayPage /> },
      { path: "reports", element: <ReportsPage /> },
      { path: "settings", element: <SettingsPage /> },
      { path: "agenda", element: <ComingSoon area="agenda" /> },
      ...quoteRoutes,
      ...dataRoutes,
      { path: "sales", element: <ComingSoon area="sales" /> },
      { path: "planning", element: <ComingSoon area="planning" /> },
      { path: "*", element: <NotFound /> },
    ],
  },
]);
