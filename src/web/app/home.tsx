// Where a user lands after login (and on "/"): the page of their day's work. Reps start on "Mijn
// dag" (today's visits, follow-ups, contracts ending); a sales manager, marketing and purchasing on
// their own sales dashboard (rayons against target, the campaign, the forecast to buy by); an
// administrator on the settings (users, rules). A `next` address on the login page still wins.
import { Navigate } from "react-router";
import type { Role } from "../../domain/roles.js";
import { useCurrentUser } from "../features/auth/session.js";

export const HOME_PATHS: Readonly<Record<Role, string>> = {
  field_sales: "/my-day",
  inside_sales: "/my-day",
  sales_manager: "/sales",
  marketing: "/sales",
  purchasing: "/sales",
  admin: "/settings",
};

export function homePathOf(role: Role): string {
  return HOME_PATHS[role] ?? "/relations";
}

/** The index route: sends the logged-in user to the home page of their role. */
export function HomeRedirect() {
  const user = useCurrentUser();
  return <Navigate to={homePathOf(user.role)} replace />;
}
