// Authentication of every /api request: a session cookie (browser, with CSRF token on writes) or
// an API token (Authorization: Bearer …, for integrations; no CSRF since no cookie is involved).
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { type TeamReport, teamScope, type Viewer } from "../../domain/access.js";
import { can, type Permission } from "../../domain/roles.js";
import type { AuthUser } from "../../features/auth/auth-user.js";
import { resolveApiToken, resolveSession } from "../../features/auth/session.service.js";
import { totpSetupRequired } from "../../features/users/totp.service.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";

export const SESSION_COOKIE = "koers_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Reachable without logging in (login itself, health, docs). */
    public?: boolean;
    /** Reachable by an administrator who must still set up the second factor (its set-up, the session). */
    beforeTotpSetup?: boolean;
  }
  interface FastifyRequest {
    user: AuthUser | null;
    /** How the user was authenticated; CSRF applies to cookie sessions only. */
    authVia: "session" | "token" | null;
    csrfToken: string | null;
    /** The company requires a second factor of this session's user and there is none yet. */
    totpSetupRequired: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const authPlugin = fp<{ ctx: AppContext }>(async (app, { ctx }) => {
  app.decorateRequest("user", null);
  app.decorateRequest("authVia", null);
  app.decorateRequest("csrfToken", null);
  app.decorateRequest("totpSetupRequired", false);

  app.addHook("onRequest", async (request: FastifyRequest) => {
    if (!request.url.startsWith("/api/")) return;
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const user = await resolveApiToken(ctx.db, header.slice("Bearer ".length).trim(), ctx.now());
      if (user) {
        request.user = user;
        request.authVia = "token";
      }
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = await resolveSession(ctx.db, token, ctx.now(), ctx.config.sessionHours, ctx.config.sessionMaxHours);
        if (session) {
          request.user = session.user;
          request.authVia = "session";
          request.csrfToken = session.csrfToken;
          // API tokens are a credential of their own; the company's rule is about logging in.
          request.totpSetupRequired = await totpSetupRequired(ctx.db, session.user);
        }
      }
    }
    if (request.routeOptions.config?.public) return;
    if (!request.user) throw new AppError("unauthenticated", "Log in first: this request has no valid session or API token");
    if (request.authVia === "session" && !SAFE_METHODS.has(request.method)) {
      if (request.headers[CSRF_HEADER] !== request.csrfToken) throw new AppError("csrf_invalid");
    }
    if (request.totpSetupRequired && !request.routeOptions.config?.beforeTotpSetup) throw new AppError("totp_setup_required");
  });
});

/** The logged-in user of a non-public route. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AppError("unauthenticated");
  return request.user;
}

/** Throws 403 unless the user's role grants `permission`. */
export function requirePermission(request: FastifyRequest, permission: Permission): AuthUser {
  const user = currentUser(request);
  if (!can(user.role, permission)) throw new AppError("forbidden", `Your role (${user.role}) may not do this (${permission})`);
  return user;
}

/**
 * The reps whose figures a per-rep report may show this viewer: null = all, [own id] = only their
 * own. Throws 403 when the role sees no per-rep figures at all (docs/security.md).
 */
export function teamScopeOf(viewer: Viewer, report: TeamReport): readonly number[] | null {
  const scope = teamScope(viewer, report);
  if (scope.access === "none") throw new AppError("team_report_hidden", `Your role (${viewer.role}) does not see figures per salesperson (${report})`);
  return scope.repIds;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    expires: new Date(expiresAt),
  });
}
