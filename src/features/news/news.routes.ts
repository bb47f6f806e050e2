// HTTP of news on key relations: a relation's feed and items (read with the relation: crm.read), its
// address and "Nu ophalen" (crm.write), the allow-list of feed hosts (administrators) and "read" on
// Mijn dag.
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams, Nullable } from "../../server/schema-helpers.js";
import { JobDto } from "../jobs/job.schemas.js";
import { toJobDto } from "../jobs/job.service.js";
import type { NewsFetchParams } from "./news.job.js";
import { Feed, FeedInput, NewsSeenInput, NewsSettings, NewsSettingsInput, RelationNews, RelationNewsQuery } from "./news.schemas.js";
import { getRelationNews, markNewsSeen, readAllowedHosts, requireFeed, setRelationFeed, writeAllowedHosts } from "./news.service.js";

export const newsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/relations/:id/news",
    { schema: { tags: ["news"], summary: "The relation's news feed (address, last fetch, last error) and its newest items", params: IdParams, querystring: RelationNewsQuery, response: { 200: RelationNews } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return getRelationNews(ctx.db, request.params.id, request.query.limit ?? 20);
    },
  );

  app.put(
    "/api/relations/:id/news-feed",
    { schema: { tags: ["news"], summary: "Set or remove the relation's news feed address (RSS or Atom, on a host the administrator allowed)", params: IdParams, body: FeedInput, response: { 200: Type.Object({ feed: Nullable(Feed) }) } } },
    async (request) => {
      const user = requirePermission(request, "crm.write");
      return { feed: await setRelationFeed(ctx.db, user, request.params.id, request.body.url, ctx.now()) };
    },
  );

  app.post(
    "/api/relations/:id/news-feed/fetch",
    { schema: { tags: ["news"], summary: "Read the relation's feed now (a news.fetch job); its outcome shows on the feed", params: IdParams, response: { 202: JobDto } } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      await requireFeed(ctx.db, request.params.id);
      const job = await ctx.jobs.enqueue("news.fetch", { relationId: request.params.id } satisfies NewsFetchParams, user);
      reply.header("location", `/api/jobs/${job.id}`);
      return reply.status(202).send(toJobDto(job));
    },
  );

  app.get(
    "/api/news-settings",
    { schema: { tags: ["news"], summary: "The hosts news feeds may be read from (administrators)", response: { 200: NewsSettings } } },
    async (request) => {
      requirePermission(request, "users.manage");
      return { allowedHosts: await readAllowedHosts(ctx.db) };
    },
  );

  app.put(
    "/api/news-settings",
    { schema: { tags: ["news"], summary: "Set the hosts news feeds may be read from (administrators)", body: NewsSettingsInput, response: { 200: NewsSettings } } },
    async (request) => {
      requirePermission(request, "users.manage");
      return writeAllowedHosts(ctx.db, request.body.allowedHosts);
    },
  );

  app.post(
    "/api/my-day/news/seen",
    { schema: { tags: ["news"], summary: "Mark the news of your relations on Mijn dag as read, up to the newest item shown", body: NewsSeenInput, response: { 204: Type.Null() } },
      // An empty POST (as clients sent before upTo existed) means "up to now".
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.read");
      const upTo = request.body?.upTo;
      await markNewsSeen(ctx.db, user.id, upTo ? new Date(upTo) : null, ctx.now());
      return reply.status(204).send(null);
    },
  );
};
