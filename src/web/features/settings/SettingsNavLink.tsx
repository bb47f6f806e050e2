// The "Instellingen" entry of the main navigation, for administrators (users.manage) and those who
// draw territories (territories.manage: sales managers).
import { NavLink } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { can } from "../../../domain/roles.js";
import { useCurrentUser } from "../auth/session.js";

export function SettingsNavLink({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  if (!can(user.role, "users.manage") && !can(user.role, "territories.manage")) return null;
  const active = location.pathname === "/settings" || location.pathname.startsWith("/settings/");
  return <NavLink component={Link} to="/settings" label={t("settings.nav")} active={active} aria-current={active ? "page" : undefined} onClick={onClick} />;
}
