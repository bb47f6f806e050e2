import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IdParams } from "../../server/schema-helpers.js";
import { amsterdamDate } from "../../server/time.js";
import { sendTable } from "../../files/table-writer.js";
import { ConsentCreate, ConsentOverview, ConsentWithdraw, MailingListQuery } from "./consent.schemas.js";
import { addConsent, consentOverview, withdrawConsent } from "./consent.service.js";
import { mailingListHeaders, mailingListRows } from "./mailing-list.service.js";

export const consentRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/persons/:id/consents",
    { schema: { tags: ["consent"], summary: "Mailing consent of a person: current state per purpose and the full record", params: IdParams, response: { 200: ConsentOverview } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return consentOverview(ctx.db, request.params.id);
    },
  );

  app.post(
    "/api/persons/:id/consents",
    {
      schema: {
        tags: ["consent"],
        summary: "Record a consent given or withdrawn, with source, text version and proof (append-only)",
        params: IdParams,
        body: ConsentCreate,
        response: { 201: ConsentOverview },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "crm.write");
      const now = ctx.now();
      const b = request.body;
      const overview = await addConsent(
        ctx.db,
        user.id,
        request.params.id,
        { purpose: b.purpose, state: b.state, date: b.date, source: b.source, textVersion: b.textVersion ?? null, proof: b.proof ?? null },
        { now, today: amsterdamDate(now) },
      );
      return reply.status(201).send(overview);
    },
  );

  app.post(
    "/api/persons/:id/consents/withdraw",
    {
      schema: {
        tags: ["consent"],
        summary: "Withdraw consent in one call (one purpose, or all without a purpose)",
        params: IdParams,
        body: ConsentWithdraw,
        response: { 200: ConsentOverview },
      },
    },
    async (request) => {
      const user = requirePermission(request, "crm.write");
      const now = ctx.now();
      return withdrawConsent(ctx.db, user.id, request.params.id, request.body ?? {}, { now, today: amsterdamDate(now) });
    },
  );

  app.get(
    "/api/mailing-list",
    {
      schema: {
        tags: ["consent"],
        summary: "Export the persons who may be mailed for a purpose (CSV or XLSX); never dead relations or inactive persons",
        querystring: MailingListQuery,
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "persons.export");
      const { purpose, format = "csv" } = request.query;
      const name = `${user.locale === "en" ? "mailing-list" : "mailinglijst"}-${purpose}-${amsterdamDate(ctx.now())}`;
      return sendTable(reply, name, format, mailingListHeaders(user.locale), mailingListRows(ctx.db, purpose, user.locale));
    },
  );
};
