// Rayon planning API: the reps you may plan for, cycle plans (made by a job, read, accepted,
// discarded) and a day's route (a job). Planning for someone follows the acting-for policy; a
// plan outside your agenda scope does not exist for you (404).
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { expectedVersion, sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { Id, IdParams } from "../../server/schema-helpers.js";
import { amsterdamDate } from "../../server/time.js";
import { JobDto } from "../jobs/job.schemas.js";
import { toJobDto } from "../jobs/job.service.js";
import { AgendaRoute, AgendaRouteQuery } from "./agenda-route.schemas.js";
import { myDayRoute } from "./agenda-route.service.js";
import { acceptCyclePlan, checkCycleRequest, discardCyclePlan, getCyclePlan, listCyclePlans, planningReps } from "./cycle-plan.service.js";
import { acceptDayRoute, checkRouteRequest } from "./day-route.service.js";
import { CyclePlan, CyclePlanListItem, CyclePlanRequest, PlanningRep, RouteAcceptRequest, RouteAcceptResult, RouteRequest } from "./planning.schemas.js";

export const planningRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get<{ Querystring: { date?: string } }>(
    "/api/my-day/route",
    {
      schema: {
        tags: ["planning"],
        summary: "Your route of one day as your agenda has it (default today): the stops in time order with the drive before each, arrival and departure, leaving and coming home",
        querystring: AgendaRouteQuery,
        response: { 200: AgendaRoute },
      },
    },
    async (request) => {
      const user = requirePermission(request, "crm.read");
      return myDayRoute(ctx.db, ctx.config, user, request.query.date ?? amsterdamDate(ctx.now()));
    },
  );

  app.get(
    "/api/planning/reps",
    { schema: { tags: ["planning"], summary: "The field reps you may plan for, with whether planning can start for them", response: { 200: Type.Object({ items: Type.Array(PlanningRep) }) } } },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      return { items: await planningReps(ctx.db, viewer) };
    },
  );

  app.post(
    "/api/planning/cycle-plans",
    {
      schema: {
        tags: ["planning"],
        summary: "Start a job that plans a rep's coming weeks on the sub-area days (the result names the draft plan)",
        body: CyclePlanRequest,
        response: { 202: JobDto },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.write");
      // Checked now, so a bad request is a 400/403/422 and not a failed job a moment later.
      const params = await checkCycleRequest(ctx.db, viewer, request.body, amsterdamDate(ctx.now()));
      const job = await ctx.jobs.enqueue("planning.cycle", params, viewer);
      reply.header("location", `/api/jobs/${job.id}`);
      return reply.status(202).send(toJobDto(job));
    },
  );

  app.get(
    "/api/planning/cycle-plans",
    {
      schema: {
        tags: ["planning"],
        summary: "The latest cycle plans you may see (of one rep with userId)",
        querystring: Type.Object({ userId: Type.Optional(Id()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(CyclePlanListItem) }) },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      return { items: await listCyclePlans(ctx.db, viewer, request.query.userId) };
    },
  );

  app.get(
    "/api/planning/cycle-plans/:id",
    { schema: { tags: ["planning"], summary: "A cycle plan by week and day: visits and times, travel and selling minutes, what did not fit and why", params: IdParams, response: { 200: CyclePlan } } },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      return sendWithEtag(reply, await getCyclePlan(ctx.db, viewer, request.params.id));
    },
  );

  // Accepting and discarding a draft: the same shape (If-Match, the plan back with its ETag).
  const decisions = [
    {
      url: "/api/planning/cycle-plans/:id/accept",
      summary: 'Accept a draft plan: its visits become appointments in the rep\'s agenda (once; accepting again changes nothing); send If-Match: "<version>"',
      decide: acceptCyclePlan,
    },
    { url: "/api/planning/cycle-plans/:id/discard", summary: 'Discard a draft plan (nothing reaches the agenda); send If-Match: "<version>"', decide: discardCyclePlan },
  ] as const;
  for (const { url, summary, decide } of decisions) {
    app.post(
      url,
      {
        schema: {
          tags: ["planning"],
          summary,
          params: IdParams,
          body: Type.Optional(Type.Object({}, { additionalProperties: false })),
          response: { 200: CyclePlan },
        },
      },
      async (request, reply) => {
        const user = requirePermission(request, "crm.write");
        const version = expectedVersion(request);
        return sendWithEtag(reply, await decide(ctx.db, user, request.params.id, version, ctx.now()));
      },
    );
  }

  app.post(
    "/api/planning/routes",
    {
      schema: {
        tags: ["planning"],
        summary: "Start a job that orders a rep's appointments of one day from home and back with least travel (the result is the route)",
        body: RouteRequest,
        response: { 202: JobDto },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      const params = await checkRouteRequest(ctx.db, viewer, request.body);
      const job = await ctx.jobs.enqueue("planning.route", params, viewer);
      reply.header("location", `/api/jobs/${job.id}`);
      return reply.status(202).send(toJobDto(job));
    },
  );

  app.post(
    "/api/planning/routes/accept",
    {
      schema: {
        tags: ["planning"],
        summary:
          "Accept a (re-planned) day's route: its appointments get the route's start times through the agenda, all or none; each stop names the appointment's version the route saw (a change since is 412); appointments not from an accepted cycle plan keep their time (422)",
        body: RouteAcceptRequest,
        response: { 200: RouteAcceptResult },
      },
    },
    async (request) => {
      const user = requirePermission(request, "crm.write");
      return acceptDayRoute(ctx.db, user, request.body, ctx.now());
    },
  );
};
