import { Type } from "typebox";
import { quickDueDates } from "../../domain/followup-dates.js";
import type { RoutesPlugin } from "../../server/context.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { sendWithEtag } from "../../server/http.js";
import { requirePermission, teamScopeOf } from "../../server/plugins/auth.js";
import { IdParams, IsoDateString, Page } from "../../server/schema-helpers.js";
import { amsterdamDate } from "../../server/time.js";
import { listFollowUpsPage } from "./follow-up-list.js";
import { FollowUp, FollowUpCreate, FollowUpListQuery, FollowUpPatch, MyDay, OverdueByRep, QuickDates } from "./follow-up.schemas.js";
import { createFollowUp, getFollowUp, listFollowUpsOfRelation, updateFollowUp } from "./follow-up.service.js";
import { agendaLegs } from "../planning/agenda-route.service.js";
import { myDay, overdueByRep } from "./my-day.service.js";

export const followUpRoutes: RoutesPlugin = async (app, { ctx }) => {
  const today = () => amsterdamDate(ctx.now());

  app.get(
    "/api/my-day",
    { schema: { tags: ["follow-ups"], summary: "My day: follow-ups due today and overdue, planned contact moments, contracts ending soon", response: { 200: MyDay } } },
    async (request) => {
      const user = requirePermission(request, "crm.read");
      const now = ctx.now();
      const day = await myDay(ctx.db, user, now, amsterdamDate(now));
      // The drive before each of today's appointments, by the planner's travel model (the same route as GET /api/my-day/route).
      return { ...day, agendaTravel: await agendaLegs(ctx.db, ctx.config, user.id, day.date, day.agenda.items) };
    },
  );

  app.get(
    "/api/followups",
    {
      schema: {
        tags: ["follow-ups"],
        summary: "List follow-ups (open ones unless status says otherwise), soonest due first, by scope, assignee and timing, with keyset paging",
        querystring: FollowUpListQuery,
        response: { 200: Page(FollowUp) },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      return listFollowUpsPage(ctx.db, viewer, request.query, today());
    },
  );

  app.get(
    "/api/followups/overdue-by-rep",
    { schema: { tags: ["follow-ups"], summary: "Overdue open follow-ups per rep (managers)", response: { 200: OverdueByRep } } },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      return overdueByRep(ctx.db, today(), teamScopeOf(viewer, "overdueFollowUps"));
    },
  );

  app.get(
    "/api/followups/quick-dates",
    {
      schema: {
        tags: ["follow-ups"],
        summary: "Quick due-date choices (1 week … 1 year) from a date, default today in Amsterdam",
        querystring: Type.Object({ from: Type.Optional(IsoDateString) }, { additionalProperties: false }),
        response: { 200: QuickDates },
      },
    },
    async (request) => {
      requirePermission(request, "crm.read");
      const from = request.query.from ?? today();
      return { from, choices: quickDueDates(from) };
    },
  );

  app.get(
    "/api/relations/:id/followups",
    { schema: { tags: ["follow-ups"], summary: "Follow-ups of a relation, open ones first", params: IdParams, response: { 200: Type.Object({ items: Type.Array(FollowUp) }) } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return { items: await listFollowUpsOfRelation(ctx.db, request.params.id, today()) };
    },
  );

  app.post(
    "/api/relations/:id/followups",
    { schema: { tags: ["follow-ups"], summary: "Add a follow-up to a relation", params: IdParams, body: FollowUpCreate, response: { 201: FollowUp } } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const now = ctx.now();
      const created = await createFollowUp(ctx.db, user, request.params.id, request.body, now, amsterdamDate(now));
      reply.header("location", `/api/followups/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    "/api/followups/:id",
    { schema: { tags: ["follow-ups"], summary: "One follow-up", params: IdParams, response: { 200: FollowUp } } },
    async (request, reply) => {
      requirePermission(request, "crm.read");
      return sendWithEtag(reply, await getFollowUp(ctx.db, request.params.id, today()));
    },
  );

  versionedPatch(app, {
    path: "/api/followups/:id",
    tag: "follow-ups",
    summary: "Reassign, move, rename or mark a follow-up done",
    permission: "crm.write",
    body: FollowUpPatch,
    response: FollowUp,
    update: (user, id, version, body) => {
      const now = ctx.now();
      return updateFollowUp(ctx.db, user, id, version, body, now, amsterdamDate(now));
    },
  });
};
