import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { JobDto } from "./job.schemas.js";
import { cancelJob, getJob, listJobs, visibleJob } from "./job.service.js";
import { outputFileOfJob, readJobFile } from "./job-files.js";
import { notFound } from "../../server/errors.js";

export const jobRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/jobs",
    {
      schema: {
        tags: ["jobs"],
        summary: "Your background jobs (imports, rebuilds, reports as of a date, large exports), newest first",
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(JobDto) }) },
      },
    },
    async (request) => ({ items: await listJobs(ctx.db, requirePermission(request, "crm.read"), request.query.limit ?? 20) }),
  );

  app.get(
    "/api/jobs/:id",
    { schema: { tags: ["jobs"], summary: "One job: state, progress, and its result or problem", params: IdParams, response: { 200: JobDto } } },
    async (request) => getJob(ctx.db, requirePermission(request, "crm.read"), request.params.id),
  );

  app.get(
    "/api/jobs/:id/file",
    {
      schema: {
        tags: ["jobs"],
        summary: "The file a finished job wrote (an export), streamed",
        params: IdParams,
        response: { 200: { description: "The file, with its name in Content-Disposition" } },
      },
    },
    async (request, reply) => {
      const job = await visibleJob(ctx.db, requirePermission(request, "crm.read"), request.params.id);
      const file = await outputFileOfJob(ctx.db, job.id);
      if (!file) throw notFound(`A file of job ${job.id}`);
      reply.header("content-disposition", `attachment; filename="${file.name.replace(/[^\w.-]/g, "_")}"`);
      reply.header("content-length", String(file.size));
      return reply.type(file.content_type).send(readJobFile(ctx.db, file.id));
    },
  );

  app.post(
    "/api/jobs/:id/cancel",
    {
      schema: {
        tags: ["jobs"],
        summary: "Ask a job to stop: a queued job is cancelled at once, a running one after its current batch (committed batches stay)",
        params: IdParams,
        response: { 200: JobDto },
      },
    },
    async (request) => cancelJob(ctx.db, requirePermission(request, "crm.read"), request.params.id),
  );
};
