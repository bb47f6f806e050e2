// The logged-in user, as the server knows it: GET /api/session (null when not logged in). The CSRF
// token that comes with it is handed to the API client for every write.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { api, apiRequest, isApiError, setCsrfToken } from "../../api/client.js";
import type { AuthUser } from "../../api/types.js";

interface SessionBody {
  user: AuthUser;
  csrfToken: string | null;
  totpSetupRequired: boolean;
}

/** The logged-in user, and whether the company requires them to set up a second factor first. */
export type SessionUser = AuthUser & { totpSetupRequired: boolean };

const sessionUser = (body: SessionBody): SessionUser => ({ ...body.user, totpSetupRequired: body.totpSetupRequired });

export const SESSION_KEY = ["session"] as const;

/**
 * A logout made without connection: the device was cleared at once, but the server's session lives
 * on until it is ended. The flag (localStorage: it must survive closing the app) ends it at the
 * first answer from the server, before anything of the session is used.
 */
const PENDING_LOGOUT = "koers.pendingLogout";
const pendingLogout = () => globalThis.localStorage?.getItem(PENDING_LOGOUT) === "1";
/** DELETE /api/session, never answered or queued by the device (offline: false). */
const endSession = () => apiRequest<void>("/api/session", { method: "DELETE", offline: false });
const setPendingLogout = (on: boolean) => (on ? globalThis.localStorage?.setItem(PENDING_LOGOUT, "1") : globalThis.localStorage?.removeItem(PENDING_LOGOUT));

async function fetchSession(): Promise<SessionUser | null> {
  try {
    const body = await api.get<SessionBody>("/api/session");
    setCsrfToken(body.csrfToken);
    if (pendingLogout()) {
      await endSession();
      setPendingLogout(false);
      setCsrfToken(null);
      return null;
    }
    return sessionUser(body);
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setPendingLogout(false);
      setCsrfToken(null);
      return null;
    }
    // Logged out on the road: nobody is logged in on this device, with or without connection.
    if (isApiError(error) && error.status === 0 && pendingLogout()) return null;
    // No connection: the field app opens for the user whose data the device keeps (loaded only
    // now, so the login page never carries the offline code).
    if (isApiError(error) && error.status === 0) {
      const { offlineUser } = await import("../offline/offline-api.js");
      const user = await offlineUser().catch(() => null);
      if (user) return user;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: false });
}

/**
 * The user of the pages behind RequireSession, as it was when they rendered: while logging out the
 * session is already gone but the shell is still on screen for a moment.
 */
export const CurrentUserContext = createContext<AuthUser | null>(null);

export function useCurrentUser(): AuthUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser outside RequireSession");
  return user;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string; totpCode?: string }) => api.post<SessionBody>("/api/session", input),
    onSuccess: async (body) => {
      setCsrfToken(body.csrfToken);
      // Another rep's copy and unsent changes never serve (or are sent in) this user's session.
      await import("../offline/offline-api.js").then((m) => m.forgetOtherUser(body.user.id)).catch(() => undefined);
      queryClient.setQueryData(SESSION_KEY, sessionUser(body));
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await endSession();
      } catch (error) {
        // No connection: the session is ended when the server answers next (fetchSession).
        if (isApiError(error) && error.status === 0) setPendingLogout(true);
        else throw error;
      }
    },
    onSettled: async () => {
      // The device keeps nothing of a user who logged out (the field app's store and outbox).
      await import("../offline/offline-api.js").then((m) => m.clearDevice()).catch(() => undefined);
      setCsrfToken(null);
      // Nothing of the previous user may stay visible to the next one.
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}
