// The public side of a password link: whom it is for, and choosing the password. The token travels
// in the body, never in a URL, so it does not end up in access logs.
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { completePasswordReset, lookUpPasswordReset } from "./password-reset.service.js";

const Token = Type.String({ minLength: 20, maxLength: 100 });

export const passwordResetRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/password-reset/lookup",
    {
      config: { public: true },
      schema: {
        tags: ["session"],
        summary: "Whom a password link is for; 410 when it has expired or was used",
        body: Type.Object({ token: Token }, { additionalProperties: false }),
        response: { 200: Type.Object({ email: Type.String(), name: Type.String(), expiresAt: Type.String() }) },
      },
    },
    async (request) => lookUpPasswordReset(ctx.db, request.body.token, ctx.now()),
  );

  app.post(
    "/api/password-reset",
    {
      config: { public: true },
      schema: {
        tags: ["session"],
        summary: "Choose a password with a password link (once); ends every session of the user",
        body: Type.Object({ token: Token, password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ email: Type.String() }) },
      },
    },
    async (request) => completePasswordReset(ctx.db, request.body.token, request.body.password, ctx.now()),
  );
};
