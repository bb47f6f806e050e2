// The "Rapportages" entry of the main navigation, for roles that may see team reports or export
// mailing lists.
import { NavLink } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { can } from "../../../domain/roles.js";
import { useCurrentUser } from "../auth/session.js";

export function ReportsNavLink({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  if (!can(user.role, "reports.team") && !can(user.role, "persons.export")) return null;
  const active = location.pathname === "/reports" || location.pathname.startsWith("/reports/");
  return <NavLink component={Link} to="/reports" label={t("reports.nav")} active={active} aria-current={active ? "page" : undefined} onClick={onClick} />;
}
