// The one shape of an edit in Koers: PATCH /api/<things>/:id with the version the user read in
// If-Match; the permission is checked, a stale version answers 412 (in the service's conditional
// UPDATE), and the new state comes back with its ETag. Features declare only what differs.
import type { FastifySchema } from "fastify";
import type { Static, TSchema } from "typebox";
import type { Permission } from "../domain/roles.js";
import type { AuthUser } from "../features/auth/auth-user.js";
import type { App } from "./context.js";
import { expectedVersion, sendWithEtag } from "./http.js";
import { requirePermission } from "./plugins/auth.js";
import { IdParams } from "./schema-helpers.js";

export interface VersionedPatch<B extends TSchema, R extends TSchema> {
  path: `/api/${string}/:id`;
  tag: string;
  /** What the change does, e.g. "Change a relation"; the If-Match rule is added. */
  summary: string;
  permission: Permission;
  body: B;
  response: R;
  update(user: AuthUser, id: number, version: number, body: Static<B>): Promise<Static<R> & { version: number }>;
}

export function versionedPatch<B extends TSchema, R extends TSchema>(app: App, route: VersionedPatch<B, R>): void {
  // Declared as a plain FastifySchema: the body type is the generic Static<B>, not inferred here.
  const schema: FastifySchema = {
    tags: [route.tag],
    summary: `${route.summary}; send If-Match: "<version>" (412 when someone else saved first)`,
    params: IdParams,
    body: route.body,
    response: { 200: route.response },
  };
  app.patch(route.path, { schema }, async (request, reply) => {
      const user = requirePermission(request, route.permission);
      const version = expectedVersion(request);
      const params = request.params as Static<typeof IdParams>;
    return sendWithEtag(reply, await route.update(user, params.id, version, request.body as Static<B>));
  });
}
