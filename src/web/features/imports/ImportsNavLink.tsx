// The "Importeren" entry of the main navigation, for roles that may write CRM data.
import { NavLink } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { can } from "../../../domain/roles.js";
import { useCurrentUser } from "../auth/session.js";

export function ImportsNavLink({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  if (!can(user.role, "crm.write")) return null;
  const active = location.pathname === "/imports" || location.pathname.startsWith("/imports/");
  return <NavLink component={Link} to="/imports" label={t("imports.navLabel")} active={active} aria-current={active ? "page" : undefined} onClick={onClick} />;
}
