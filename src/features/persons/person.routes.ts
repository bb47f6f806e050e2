import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { PersonCreate, PersonPatch, PersonSummary } from "./person.schemas.js";
import { createPerson, getPerson, listPersonsOfRelation, updatePerson } from "./person.service.js";

export const personRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/relations/:id/persons",
    { schema: { tags: ["persons"], summary: "Persons of a relation", params: IdParams, response: { 200: Type.Object({ items: Type.Array(PersonSummary) }) } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return { items: await listPersonsOfRelation(ctx.db, request.params.id) };
    },
  );

  app.post(
    "/api/relations/:id/persons",
    { schema: { tags: ["persons"], summary: "Add a person to a relation", params: IdParams, body: PersonCreate, response: { 201: PersonSummary } } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const person = await createPerson(ctx.db, user, request.params.id, request.body, ctx.now());
      reply.header("location", `/api/persons/${person.id}`);
      return sendWithEtag(reply, person, 201);
    },
  );

  app.get(
    "/api/persons/:id",
    { schema: { tags: ["persons"], summary: "One person", params: IdParams, response: { 200: PersonSummary } } },
    async (request, reply) => {
      requirePermission(request, "crm.read");
      return sendWithEtag(reply, await getPerson(ctx.db, request.params.id));
    },
  );

  versionedPatch(app, {
    path: "/api/persons/:id",
    tag: "persons",
    summary: "Change a person",
    permission: "crm.write",
    body: PersonPatch,
    response: PersonSummary,
    update: (user, id, version, body) => updatePerson(ctx.db, user, id, version, body, ctx.now()),
  });
};
