import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { AppError } from "../../server/errors.js";
import { CSRF_HEADER, currentUser, SESSION_COOKIE, setSessionCookie } from "../../server/plugins/auth.js";
import { totpSetupRequired } from "../users/totp.service.js";
import { login, logout } from "./session.service.js";

export const AuthUserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  profitResponsible: Type.Boolean(),
  locale: Type.Union([Type.Literal("nl"), Type.Literal("en")]),
  rayonIds: Type.Array(Type.Integer()),
});

const SessionSchema = Type.Object({
  user: AuthUserSchema,
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  /** The company requires a second factor of this user and there is none yet: only its set-up works. */
  totpSetupRequired: Type.Boolean(),
});

export const sessionRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/session",
    {
      config: { public: true },
      schema: {
        tags: ["session"],
        summary: "Log in; sets the session cookie and returns the CSRF token for writes",
        body: Type.Object(
          {
            email: Type.String({ minLength: 1, maxLength: 254 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            totpCode: Type.Optional(Type.String({ maxLength: 20, description: "The 6-digit code of the authenticator app, when the user has the second factor on" })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SessionSchema },
      },
    },
    async (request, reply) => {
      let session: Awaited<ReturnType<typeof login>>;
      try {
        session = await login(ctx.db, request.body.email, request.body.password, ctx.now(), ctx.config.sessionHours, request.ip, request.body.totpCode);
      } catch (error) {
        // Failed logins and lockouts are logged (who and from where; never the password).
        if (error instanceof AppError && (error.code === "invalid_credentials" || error.code === "rate_limited" || error.code === "totp_invalid")) {
          request.log.warn({ email: request.body.email.trim().toLowerCase(), ip: request.ip, outcome: error.code }, error.code === "rate_limited" ? "login locked out" : "login failed");
        }
        throw error;
      }
      setSessionCookie(reply, session.token, session.expiresAt, ctx.config.secureCookies);
      return { user: session.user, csrfToken: session.csrfToken, totpSetupRequired: await totpSetupRequired(ctx.db, session.user) };
    },
  );

  app.get(
    "/api/session",
    { config: { beforeTotpSetup: true }, schema: { tags: ["session"], summary: "The logged-in user and the CSRF token", response: { 200: SessionSchema } } },
    async (request) => ({ user: currentUser(request), csrfToken: request.csrfToken, totpSetupRequired: request.totpSetupRequired }),
  );

  app.delete(
    "/api/session",
    { config: { public: true }, schema: { tags: ["session"], summary: "Log out: ends the session on the server" } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      // A live session ends only with its CSRF token: another site cannot log a user out.
      if (request.authVia === "session" && request.headers[CSRF_HEADER] !== request.csrfToken) throw new AppError("csrf_invalid");
      if (token) await logout(ctx.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );
};
