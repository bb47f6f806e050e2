// The second factor over HTTP: a user sets up, confirms and turns off their own; an administrator
// takes it off someone who lost their phone. The set-up routes stay open to an administrator whom
// the company requires to set one up (config beforeTotpSetup), everything else waits for it.
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { currentUser, requirePermission, SESSION_COOKIE } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { confirmTotpSetup, disableOwnTotp, resetTotpOf, startTotpSetup, totpStatus } from "./totp.service.js";

const TotpStatus = Type.Object({
  enabled: Type.Boolean(),
  enabledAt: Type.Union([Type.String(), Type.Null()]),
  required: Type.Boolean({ description: "The company requires it of this user" }),
});

const TotpSetup = Type.Object({
  secret: Type.String({ description: "Base32, to type into an app that cannot scan" }),
  otpauthUri: Type.String(),
  qrCode: Type.String({ description: "The otpauth URI as a QR code (SVG data URL)" }),
});

const own = { beforeTotpSetup: true } as const;

export const totpRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/session/totp",
    { config: own, schema: { tags: ["session"], summary: "Whether your second factor (authenticator app) is on", response: { 200: TotpStatus } } },
    async (request) => totpStatus(ctx.db, currentUser(request).id),
  );

  app.post(
    "/api/session/totp/setup",
    {
      config: own,
      schema: { tags: ["session"], summary: "Start setting up the second factor: a new secret and its QR code, on once a code confirms it", response: { 200: TotpSetup } },
    },
    async (request) => startTotpSetup(ctx.db, currentUser(request)),
  );

  app.post(
    "/api/session/totp",
    {
      config: own,
      schema: {
        tags: ["session"],
        summary: "Turn the second factor on with a code from the app being set up; your other sessions end",
        body: Type.Object({ code: Type.String({ maxLength: 20 }) }, { additionalProperties: false }),
        response: { 200: TotpStatus },
      },
    },
    async (request) => {
      const keep = request.authVia === "session" ? (request.cookies[SESSION_COOKIE] ?? null) : null;
      return confirmTotpSetup(ctx.db, currentUser(request), request.body.code, keep, ctx.now());
    },
  );

  app.post(
    "/api/session/totp/disable",
    {
      schema: {
        tags: ["session"],
        summary: "Turn your second factor off (your password is required; not when the company requires it)",
        body: Type.Object({ currentPassword: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 200: TotpStatus },
      },
    },
    async (request) => disableOwnTotp(ctx.db, currentUser(request), request.body.currentPassword, ctx.now()),
  );

  app.post(
    "/api/admin/users/:id/totp-reset",
    {
      schema: { tags: ["users"], summary: "Take a user's second factor off (a lost phone); their sessions end", params: IdParams, response: { 200: TotpStatus } },
    },
    async (request) => resetTotpOf(ctx.db, requirePermission(request, "users.manage"), request.params.id, ctx.now()),
  );
};
