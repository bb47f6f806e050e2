// What every user does with their own account: change the password, see and revoke API tokens.
// Administrators see and revoke anyone's tokens.
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { currentUser, SESSION_COOKIE } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { changeOwnPassword } from "../users/password-reset.service.js";
import { ApiToken } from "../users/user-admin.schemas.js";
import { listApiTokens, revokeApiToken } from "./api-token.service.js";

export const accountRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/session/password",
    {
      schema: {
        tags: ["session"],
        summary: "Change your own password (the current one is required); your other sessions end",
        body: Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const keep = request.authVia === "session" ? (request.cookies[SESSION_COOKIE] ?? null) : null;
      await changeOwnPassword(ctx.db, user, request.body.currentPassword, request.body.newPassword, keep, ctx.now());
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/users/:id/api-tokens",
    {
      schema: {
        tags: ["users"],
        summary: "A user's API tokens (name, created, last used; never the token): their own, or anyone's for an administrator",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ApiToken) }) },
      },
    },
    async (request) => ({ items: await listApiTokens(ctx.db, currentUser(request), request.params.id) }),
  );

  app.delete(
    "/api/api-tokens/:id",
    { schema: { tags: ["users"], summary: "Revoke an API token (its owner or an administrator); it is refused from then on", params: IdParams, response: { 200: ApiToken } } },
    async (request) => revokeApiToken(ctx.db, currentUser(request), request.params.id, ctx.now()),
  );
};
