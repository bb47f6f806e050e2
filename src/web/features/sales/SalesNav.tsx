// The pages of the sales area (Verkoop): the role's dashboard, the report, Pareto / ABC, targets and,
// for managers, the import — as links at the top of each page (each its own address).
import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { SALES_POLICY } from "../../../domain/access.js";
import { can } from "../../../domain/roles.js";
import { useCurrentUser } from "../auth/session.js";

export function SalesNav() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const pages = [
    { path: "/sales", key: "dashboard", shown: true },
    { path: "/sales/report", key: "report", shown: true },
    // Pareto ranks relations: only for roles that see sales per debtor.
    { path: "/sales/pareto", key: "pareto", shown: SALES_POLICY[user.role].dimensions.includes("debtor") },
    { path: "/sales/targets", key: "targets", shown: user.role !== "purchasing" },
    { path: "/sales/import", key: "import", shown: can(user.role, "sales.import") },
  ];
  return (
    <Group component="nav" aria-label={t("sales.nav.label")} gap="xs">
      {pages
        .filter((p) => p.shown)
        .map((p) => {
          const active = pathname === p.path;
          return (
            <Button key={p.path} component={Link} to={p.path} size="compact-sm" variant={active ? "light" : "subtle"} aria-current={active ? "page" : undefined}>
              {t(`sales.nav.${p.key}`)}
            </Button>
          );
        })}
    </Group>
  );
}
