import { uploadedFile } from "../../server/uploads.js";
import type { RoutesPlugin } from "../../server/context.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { sendWithEtag } from "../../server/http.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { amsterdamDate } from "../../server/time.js";
import { attachmentHeader } from "../../files/table-writer.js";
import { Activity, ActivityCreate, ActivityListQuery, ActivityPage, ActivityPatch, AttachmentInfo } from "./activity.schemas.js";
import { createActivity, getActivity, listActivitiesPage, updateActivity } from "./activity.service.js";
import { addAttachment, MAX_ATTACHMENT_BYTES, readAttachment } from "./attachment.service.js";

export const activityRoutes: RoutesPlugin = async (app, { ctx }) => {
  const today = () => amsterdamDate(ctx.now());

  app.get(
    "/api/relations/:id/activities",
    {
      schema: {
        tags: ["contact moments"],
        summary: "Timeline of a relation's contact moments, newest first (keyset paging)",
        params: IdParams,
        querystring: ActivityListQuery,
        response: { 200: ActivityPage },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      return listActivitiesPage(ctx.db, request.params.id, request.query, today(), viewer);
    },
  );

  app.post(
    "/api/relations/:id/activities",
    {
      schema: {
        tags: ["contact moments"],
        summary: "Log a contact moment, optionally with its next follow-up",
        params: IdParams,
        body: ActivityCreate,
        response: { 201: Activity },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const created = await createActivity(ctx.db, user, request.params.id, request.body, ctx.now());
      reply.header("location", `/api/activities/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    "/api/activities/:id",
    { schema: { tags: ["contact moments"], summary: "One contact moment", params: IdParams, response: { 200: Activity } } },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      return sendWithEtag(reply, await getActivity(ctx.db, request.params.id, today(), viewer));
    },
  );

  versionedPatch(app, {
    path: "/api/activities/:id",
    tag: "contact moments",
    summary: "Change a contact moment",
    permission: "crm.write",
    body: ActivityPatch,
    response: Activity,
    update: (user, id, version, body) => updateActivity(ctx.db, user, id, version, body, ctx.now()),
  });

  app.post(
    "/api/activities/:id/attachments",
    {
      schema: {
        tags: ["contact moments"],
        summary: "Attach a file (multipart/form-data, field 'file'; pdf, png, jpeg, docx, xlsx, txt, eml; at most 10 MB)",
        params: IdParams,
        consumes: ["multipart/form-data"],
        response: { 201: AttachmentInfo },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const { buffer, fileName } = await uploadedFile(request, MAX_ATTACHMENT_BYTES);
      const info = await addAttachment(ctx.db, user, request.params.id, fileName, buffer, ctx.now());
      reply.header("location", info.url);
      return reply.status(201).send(info);
    },
  );

  app.get(
    "/api/attachments/:id",
    {
      schema: {
        tags: ["contact moments"],
        summary: "Download an attachment (logged-in users only)",
        params: IdParams,
      },
    },
    async (request, reply) => {
      requirePermission(request, "crm.read");
      const file = await readAttachment(ctx.db, request.params.id);
      reply.header("content-type", file.content_type);
      reply.header("content-disposition", attachmentHeader(file.file_name));
      reply.header("x-content-type-options", "nosniff");
      reply.header("cache-control", "private, no-store");
      return reply.send(file.content);
    },
  );
};
