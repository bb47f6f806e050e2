// The pages and their addresses. Everything but /login sits behind the session check and the shell.
// Every page is its own chunk (route `lazy`): the login page loads React, Mantine, the router and the
// texts, not the CRM, the quotes or the sales figures (issue 8: first load at most 250 kB gzipped).
import { createBrowserRouter } from "react-router";
import { dataRoutes } from "../features/imports/routes.js";
import { quoteRoutes } from "../features/quotes/routes.js";
import { salesRoutes } from "../features/sales/routes.js";
import { PageLoader } from "../components/PageLoader.js";
import { HomeRedirect } from "./home.js";
import { NotFound } from "./NotFound.js";

export const router = createBrowserRouter([
  {
    // Shown while the first page's chunk loads (later navigations keep the old page until then).
    hydrateFallbackElement: <PageLoader />,
    children: [
      { path: "/login", lazy: () => import("../features/auth/LoginPage.js").then((m) => ({ Component: m.LoginPage })) },
      // Public: opened from a password link, before the user can log in.
      { path: "/wachtwoord-kiezen", lazy: () => import("../features/users/PasswordResetPage.js").then((m) => ({ Component: m.PasswordResetPage })) },
      {
        lazy: () => import("./SessionShell.js").then((m) => ({ Component: m.SessionShell })),
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: "relations", lazy: () => import("../features/relations/RelationsListPage.js").then((m) => ({ Component: m.RelationsListPage })) },
          { path: "relations/new", lazy: () => import("../features/relations/RelationCreatePage.js").then((m) => ({ Component: m.RelationCreatePage })) },
          { path: "relations/:id", lazy: () => import("../features/relations/RelationPage.js").then((m) => ({ Component: m.RelationPage })) },
          { path: "relations/:id/edit", lazy: () => import("../features/relations/RelationEditPage.js").then((m) => ({ Component: m.RelationEditPage })) },
          { path: "follow-ups", lazy: () => import("../features/followups/FollowUpsPage.js").then((m) => ({ Component: m.FollowUpsPage })) },
          { path: "my-day", lazy: () => import("../features/myday/MyDayPage.js").then((m) => ({ Component: m.MyDayPage })) },
          { path: "my-day/route", lazy: () => import("../features/myday/DayRoutePage.js").then((m) => ({ Component: m.DayRoutePage })) },
          { path: "reports", lazy: () => import("../features/reports/ReportsPage.js").then((m) => ({ Component: m.ReportsPage })) },
          { path: "settings", lazy: () => import("../features/settings/SettingsPage.js").then((m) => ({ Component: m.SettingsPage })) },
          { path: "settings/users", lazy: () => import("../features/users/UsersPage.js").then((m) => ({ Component: m.UsersPage })) },
          { path: "inbox", lazy: () => import("../features/mailinbox/InboxPage.js").then((m) => ({ Component: m.InboxPage })) },
          { path: "account", lazy: () => import("../features/users/AccountPage.js").then((m) => ({ Component: m.AccountPage })) },
          { path: "map", lazy: () => import("../features/map/MapPage.js").then((m) => ({ Component: m.MapPage })) },
          { path: "agenda", lazy: () => import("../features/agenda/AgendaPage.js").then((m) => ({ Component: m.AgendaPage })) },
          { path: "agenda/:id/voorbereiding", lazy: () => import("../features/preparation/PreparationPage.js").then((m) => ({ Component: m.PreparationPage })) },
          { path: "agenda/:id/verslag", lazy: () => import("../features/preparation/ReportPage.js").then((m) => ({ Component: m.ReportPage })) },
          { path: "settings/templates", lazy: () => import("../features/preparation/TemplatesPage.js").then((m) => ({ Component: m.TemplatesPage })) },
          { path: "settings/company", lazy: () => import("../features/company/CompanySettingsPage.js").then((m) => ({ Component: m.CompanySettingsPage })) },
          ...quoteRoutes,
          ...dataRoutes,
          ...salesRoutes,
          { path: "planning", lazy: () => import("../features/planning/PlanningPage.js").then((m) => ({ Component: m.PlanningPage })) },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
]);
