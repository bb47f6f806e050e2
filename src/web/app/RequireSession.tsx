import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ErrorAlert } from "../components/ErrorAlert.js";
import { PageLoader } from "../components/PageLoader.js";
import { CurrentUserContext, useSession } from "../features/auth/session.js";

/**
 * Pages behind a login: without a session go to /login, and come back here afterwards. An
 * administrator who must still set up the second factor is kept on /account (the server refuses
 * everything else to them anyway).
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // The company requires a second factor of this administrator: nothing else works until it is set up.
  if (session.data.totpSetupRequired && location.pathname !== "/account") return <Navigate to="/account" replace />;
  return <CurrentUserContext.Provider value={session.data}>{children}</CurrentUserContext.Provider>;
}
