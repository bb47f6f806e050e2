// The personal calendar feed: its owner makes, replaces and revokes it; calendar apps read it without
// a session, by the secret in its URL (an unknown or revoked secret is a 404).
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { notFound } from "../../server/errors.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { baseUrlOf } from "../users/user-admin.routes.js";
import { createFeed, feedCalendar, feedStatus, revokeFeed } from "./calendar-feed.service.js";

const Status = Type.Object({ active: Type.Boolean(), createdAt: Type.Union([Type.String(), Type.Null()]), lastReadAt: Type.Union([Type.String(), Type.Null()]) });

export const calendarFeedRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/calendar-feed",
    { schema: { tags: ["agenda"], summary: "Whether you have a calendar feed, since when, and when a calendar last read it", response: { 200: Status } } },
    async (request) => feedStatus(ctx.db, requirePermission(request, "crm.read").id),
  );

  app.post(
    "/api/calendar-feed",
    {
      schema: {
        tags: ["agenda"],
        summary: "Make your calendar feed, or replace it (the old address stops working); the address is shown this once",
        response: { 201: Type.Object({ url: Type.String() }) },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.read");
      const token = await createFeed(ctx.db, user.id, ctx.now());
      return reply.code(201).send({ url: `${baseUrlOf(ctx, request)}/api/calendar/${token}.ics` });
    },
  );

  app.delete(
    "/api/calendar-feed",
    { schema: { tags: ["agenda"], summary: "Revoke your calendar feed: its address answers 404 from now on" } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.read");
      if (!(await revokeFeed(ctx.db, user.id))) throw notFound("Your calendar feed");
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/calendar/:file",
    {
      config: { public: true },
      schema: {
        tags: ["agenda"],
        summary: "A calendar feed (ICS), read by calendar apps by its secret address",
        params: Type.Object({ file: Type.String({ pattern: "^[A-Za-z0-9_-]{20,100}\\.ics$" }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const token = request.params.file.slice(0, -".ics".length);
      const ics = await feedCalendar(ctx.db, token, ctx.now(), baseUrlOf(ctx, request));
      if (ics === null) throw notFound("This calendar feed");
      return reply.type("text/calendar; charset=utf-8").header("cache-control", "private, max-age=300").send(ics);
    },
  );
};
