// The frame around every page after login: header (name, language, user menu), navigation to the
// areas of Koers, and the page itself.
import { AppShell, Burger, Group, NavLink, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, ScrollRestoration, useLocation } from "react-router";
import { InboxNavLink } from "../features/mailinbox/InboxNavLink.js";
import { ReportsNavLink } from "../features/reports/ReportsNavLink.js";
import { ImportsNavLink } from "../features/imports/ImportsNavLink.js";
import { SettingsNavLink } from "../features/settings/SettingsNavLink.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import classes from "./shell.module.css";
import { UserMenu } from "./UserMenu.js";

// The field app's offline state and outbox (Dexie): its own chunk, never on the login page.
const FieldAppStatus = lazy(() => import("../features/offline/FieldAppStatus.js"));

const AREAS = [
  { path: "/relations", key: "relations" },
  { path: "/my-day", key: "myDay" },
  { path: "/follow-ups", key: "followUps" },
  { path: "/agenda", key: "agenda" },
  { path: "/quotes", key: "quotes" },
  { path: "/quotes/forecast", key: "forecast" },
  { path: "/sales", key: "sales" },
  { path: "/map", key: "map" },
  { path: "/planning", key: "planning" },
] as const;

export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
      <a className={classes.skip} href="#main">
        {t("app.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("app.toggleNavigation")} />
            <Title order={2} size="h3" style={{ whiteSpace: "nowrap" }}>
              {t("app.name")}
            </Title>
          </Group>
          {/* On a phone with the OFFLINE badge the room is tight: the user's name shrinks (…), never the language switch. */}
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Suspense fallback={null}>
              <FieldAppStatus />
            </Suspense>
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t("nav.label")}>
        {AREAS.map((area) => {
          // The longest matching path wins: /quotes/forecast lights Forecast, not Offertes.
          const matches = (path: string) => location.pathname === path || location.pathname.startsWith(`${path}/`);
          const active = matches(area.path) && !AREAS.some((other) => other.path.length > area.path.length && other.path.startsWith(area.path) && matches(other.path));
          return (
            <NavLink
              key={area.path}
              component={Link}
              to={area.path}
              label={t(`nav.${area.key}`)}
              active={active}
              aria-current={active ? "page" : undefined}
              onClick={close}
            />
          );
        })}
        <InboxNavLink onClick={close} />
        <ReportsNavLink onClick={close} />
        <ImportsNavLink onClick={close} />
        <SettingsNavLink onClick={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
        <ScrollRestoration />
      </AppShell.Main>
    </AppShell>
  );
}
