// Your logging address (see, make or renew, revoke), the administrator's overview of who has one,
// and your mail inbox. Everything here is the caller's own: no route reads another user's mail.
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { notFound } from "../../server/errors.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { addressesByUser, addressStatus, renewAddress, revokeAddress } from "./mail-address.service.js";
import { assignMail, dropMail, getInboxMail, listInbox } from "./mail-inbox.service.js";
import { mailImapStatus } from "./mail-imap-status.js";
import { AddressStatus, AdminAddresses, AssignBody, Inbox, InboxMail, MailImapStatus } from "./mail-intake.schemas.js";

const TAGS = ["mail"];

export const mailIntakeRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/mail-log-address",
    { schema: { tags: TAGS, summary: "Your personal logging (BCC) address, if you have one", response: { 200: AddressStatus } } },
    async (request) => addressStatus(ctx.db, ctx.config.mailLog, requirePermission(request, "crm.write").id),
  );

  app.post(
    "/api/mail-log-address",
    { schema: { tags: TAGS, summary: "Make your logging address, or renew it (the old address is refused from now on)", response: { 201: AddressStatus } } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      if (ctx.config.mailLog === null) throw notFound("A mail log (KOERS_MAIL_LOG_PORT or KOERS_MAIL_IMAP_HOST) on this Koers");
      await renewAddress(ctx.db, user.id, ctx.now());
      return reply.code(201).send(await addressStatus(ctx.db, ctx.config.mailLog, user.id));
    },
  );

  app.delete(
    "/api/mail-log-address",
    { schema: { tags: TAGS, summary: "Revoke your logging address: mail to it is refused (550 5.1.6) from now on" } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      if (!(await revokeAddress(ctx.db, user.id, ctx.now()))) throw notFound("Your logging address");
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/admin/mail-log-addresses",
    { schema: { tags: TAGS, summary: "Which users have a logging address (not the addresses themselves)", response: { 200: AdminAddresses } } },
    async (request) => {
      requirePermission(request, "users.manage");
      return addressesByUser(ctx.db);
    },
  );

  app.get(
    "/api/admin/mail-imap",
    { schema: { tags: TAGS, summary: "The IMAP mailbox Koers reads (never the password) and how its last reads went", response: { 200: MailImapStatus } } },
    async (request) => {
      requirePermission(request, "users.manage");
      return mailImapStatus(ctx.db, ctx.config.mailLog);
    },
  );

  app.get(
    "/api/mail-inbox",
    { schema: { tags: TAGS, summary: "Your received mails that wait: matched nobody, came from an unknown sender, or could not be read", response: { 200: Inbox } } },
    async (request) => listInbox(ctx.db, requirePermission(request, "crm.write")),
  );

  app.get(
    "/api/mail-inbox/:id",
    { schema: { tags: TAGS, summary: "One of your received mails", params: IdParams, response: { 200: InboxMail } } },
    async (request) => getInboxMail(ctx.db, requirePermission(request, "crm.write"), request.params.id),
  );

  app.post(
    "/api/mail-inbox/:id/assign",
    {
      schema: {
        tags: TAGS,
        summary: "Log a waiting mail as an e-mail contact moment on a relation",
        params: IdParams,
        body: AssignBody,
        response: { 201: Type.Object({ activityId: Type.Integer(), relationId: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const { activityId } = await assignMail(ctx.db, user, request.params.id, request.body, ctx.now());
      return reply.code(201).send({ activityId, relationId: request.body.relationId });
    },
  );

  app.post(
    "/api/mail-inbox/:id/drop",
    { schema: { tags: TAGS, summary: "Throw a waiting mail away (the same mail arriving again stays away)", params: IdParams } },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      await dropMail(ctx.db, user, request.params.id, ctx.now());
      return reply.code(204).send();
    },
  );
};
