import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ErrorAlert } from "../components/ErrorAlert.js";
import { PageLoader } from "../components/PageLoader.js";
import { CurrentUserContext, useSession } from "../features/auth/session.js";

/** Pages behind a login: without a session go to /login, and come back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <CurrentUserContext.Provider value={session.data}>{children}</CurrentUserContext.Provider>;
}
