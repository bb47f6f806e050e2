// The "Inbox" entry of the main navigation: received mails that wait, for users who log contact moments.
import { NavLink } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { can } from "../../../domain/roles.js";
import { useCurrentUser } from "../auth/session.js";

export function InboxNavLink({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  if (!can(user.role, "crm.write")) return null;
  const active = location.pathname === "/inbox";
  return <NavLink component={Link} to="/inbox" label={t("mailInbox.nav")} active={active} aria-current={active ? "page" : undefined} onClick={onClick} />;
}
