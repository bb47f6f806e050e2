// Administrators manage user accounts (users.manage): list, add, change with If-Match, start a
// password link. GET /api/users (the pickers' list) stays open to every role.
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { AppContext, RoutesPlugin } from "../../server/context.js";
import { sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { startPasswordReset } from "./password-reset.service.js";
import { PasswordLink, UserAccount, UserAccountCreate, UserAccountPatch } from "./user-admin.schemas.js";
import { createUserAccount, getUserAccount, listUserAccounts, updateUserAccount } from "./user-admin.service.js";

/** Where links point: the configured public address, else the address this request came in on. */
export function baseUrlOf(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

export const userAdminRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/admin/users",
    { schema: { tags: ["users"], summary: "Every user account, active and deactivated (administrators)", response: { 200: Type.Object({ items: Type.Array(UserAccount) }) } } },
    async (request) => {
      requirePermission(request, "users.manage");
      return { items: await listUserAccounts(ctx.db) };
    },
  );

  app.post(
    "/api/admin/users",
    {
      schema: {
        tags: ["users"],
        summary: "Add a user (administrators); they choose a password through a password link",
        body: UserAccountCreate,
        response: { 201: UserAccount },
      },
    },
    async (request, reply) => {
      requirePermission(request, "users.manage");
      return sendWithEtag(reply, await createUserAccount(ctx.db, request.body, ctx.now()), 201);
    },
  );

  app.get(
    "/api/admin/users/:id",
    { schema: { tags: ["users"], summary: "One user account (administrators)", params: IdParams, response: { 200: UserAccount } } },
    async (request, reply) => {
      requirePermission(request, "users.manage");
      return sendWithEtag(reply, await getUserAccount(ctx.db, request.params.id));
    },
  );

  versionedPatch(app, {
    path: "/api/admin/users/:id",
    tag: "users",
    summary: "Change a user; a new role or rayons, or active: false, ends their sessions",
    permission: "users.manage",
    body: UserAccountPatch,
    response: UserAccount,
    update: (_admin, id, version, body) => updateUserAccount(ctx.db, id, version, body, ctx.now()),
  });

  app.post(
    "/api/admin/users/:id/password-reset",
    {
      schema: {
        tags: ["users"],
        summary: `Start a one-time password link (valid 24 h): mailed when a mail server is set, else returned to pass on`,
        params: IdParams,
        response: { 201: PasswordLink },
      },
    },
    async (request, reply) => {
      const admin = requirePermission(request, "users.manage");
      const link = await startPasswordReset(ctx.db, admin.id, request.params.id, baseUrlOf(ctx, request), ctx.config.smtp, ctx.now());
      return reply.status(201).send(link);
    },
  );
};
