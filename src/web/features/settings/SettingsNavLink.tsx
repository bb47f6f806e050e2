// The "Instellingen" entry of the main navigation, for roles that may manage users (administrators).
import { NavLink } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { can } from "../../../domain/roles.js";
import { useCurrentUser } from "../auth/session.js";

export function SettingsNavLink({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  if (!can(user.role, "users.manage")) return null;
  const active = location.pathname === "/settings" || location.pathname.startsWith("/settings/");
  return <NavLink component={Link} to="/settings" label={t("settings.nav")} active={active} aria-current={active ? "page" : undefined} onClick={onClick} />;
}
