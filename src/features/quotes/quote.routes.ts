import { queueFileImport } from "../imports/file-import.js";
import { JobDto } from "../jobs/job.schemas.js";
import { toJobDto } from "../jobs/job.service.js";
import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { versionedPatch } from "../../server/versioned-patch.js";
import { expectedVersion, sendWithEtag } from "../../server/http.js";
import { requirePermission, teamScopeOf } from "../../server/plugins/auth.js";
import { IdParams, IsoDateString, Nullable, Id } from "../../server/schema-helpers.js";
import { amsterdamDate } from "../../server/time.js";
import { hitRatioReport } from "./hit-ratio.service.js";
import { adviseForRelation, quoteSettings, updateQuoteSettings } from "./quote-advice.service.js";
import { QuoteArguments, quoteArguments } from "./quote-arguments.js";
import { quoteDocument } from "./quote-document.js";
import { Page } from "../../server/schema-helpers.js";
import { getQuote, listQuotesPage } from "./quote-read.js";
import { reviseQuote } from "./quote-revision.service.js";
import { withMayChange } from "./quote-access.js";
import {
  HitRatioQuery,
  HitRatioResult,
  QuoteAdviceRequest,
  QuoteAdviceResult,
  QuoteCreate,
  QuoteDetail,
  QuoteListQuery,
  QuotePatch,
  QuoteRevisionCreate,
  QuoteSummary,
} from "./quote.schemas.js";
import { createQuote, updateQuote } from "./quote.service.js";

const QuoteSettings = Type.Object({
  chanceThreshold: Type.Integer(),
  defaultMaxTermMonths: Type.Integer(),
  segments: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), maxDecisionMonths: Nullable(Type.Integer()) })),
});
const QuoteSettingsUpdate = Type.Object(
  {
    chanceThreshold: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    segments: Type.Optional(
      Type.Array(Type.Object({ id: Id(), maxDecisionMonths: Nullable(Type.Integer({ minimum: 0, maximum: 60 })) }, { additionalProperties: false }), { maxItems: 500 }),
    ),
  },
  { additionalProperties: false },
);


export const quoteRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/quotes",
    {
      schema: {
        tags: ["quotes"],
        summary: "List quotes (latest revisions, newest first) filtered on status, rep, relation or stale, with keyset paging",
        querystring: QuoteListQuery,
        response: { 200: Page(QuoteSummary) },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      return listQuotesPage(ctx.db, request.query, ctx.now(), viewer);
    },
  );

  app.post(
    "/api/quotes",
    {
      schema: {
        tags: ["quotes"],
        summary: "Create a quote (number OVnnn-1 allocated); with `advice` the rep's decision on the quote advice is kept",
        body: QuoteCreate,
        response: { 201: QuoteDetail },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "quotes.write");
      const quote = await createQuote(ctx.db, user, request.body, ctx.now());
      reply.header("location", `/api/quotes/${quote.id}`);
      return sendWithEtag(reply, quote, 201);
    },
  );

  app.get(
    "/api/quotes/hit-ratio",
    {
      schema: {
        tags: ["quotes"],
        summary: "Hit ratio per rep for a period (won ÷ decided, count and value, days to decision) with open and stale quotes",
        querystring: HitRatioQuery,
        response: { 200: HitRatioResult },
      },
    },
    async (request) => {
      const viewer = requirePermission(request, "crm.read");
      return hitRatioReport(ctx.db, request.query, ctx.now(), teamScopeOf(viewer, "hitRatio"));
    },
  );

  app.post(
    "/api/quotes/import",
    {
      schema: {
        tags: ["quotes"],
        summary: "Import a quote list (CSV or XLSX, multipart field: file) as a background job; all or nothing, matched by quote number; the job's result is the summary",
        consumes: ["multipart/form-data"],
        querystring: Type.Object(
          { asOf: Type.Optional({ ...IsoDateString, description: "A month without a year is the first such month on or after this date (default today)" }) },
          { additionalProperties: false },
        ),
        response: { 202: JobDto },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "quotes.write");
      const asOf = request.query.asOf ?? amsterdamDate(ctx.now());
      const job = await queueFileImport(ctx, request, user, "quotes.import", { asOf });
      reply.header("location", `/api/jobs/${job.id}`);
      return reply.status(202).send(toJobDto(job));
    },
  );

  app.get(
    "/api/quotes/:id",
    { schema: { tags: ["quotes"], summary: "One quote with lines, revisions, history and advice", params: IdParams, response: { 200: QuoteDetail } } },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      return sendWithEtag(reply, await withMayChange(ctx.db, viewer, await getQuote(ctx.db, request.params.id, ctx.now())));
    },
  );

  app.get(
    "/api/quotes/:id/arguments",
    {
      schema: {
        tags: ["quotes"],
        summary: "Per product on the quote, its arguments that answer one of the relation's requirements (the others are left out)",
        params: IdParams,
        response: { 200: QuoteArguments },
      },
    },
    async (request) => {
      requirePermission(request, "crm.read");
      return quoteArguments(ctx.db, request.params.id, ctx.now());
    },
  );

  versionedPatch(app, {
    path: "/api/quotes/:id",
    tag: "quotes",
    summary: "Change a quote (chance, decision month, status …)",
    permission: "quotes.write",
    body: QuotePatch,
    response: QuoteDetail,
    update: (user, id, version, body) => updateQuote(ctx.db, user, id, version, body, ctx.now()),
  });

  app.post(
    "/api/quotes/:id/revisions",
    {
      schema: {
        tags: ["quotes"],
        summary: "Make a new revision (OV87-2 after OV87-1); a sent revision is withdrawn as superseded. If-Match optional",
        params: IdParams,
        body: QuoteRevisionCreate,
        response: { 201: QuoteDetail },
      },
      // A revision without changes is a plain POST without a body.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, "quotes.write");
      const version = request.headers["if-match"] === undefined ? null : expectedVersion(request);
      const quote = await reviseQuote(ctx.db, user, request.params.id, request.body, version, ctx.now());
      reply.header("location", `/api/quotes/${quote.id}`);
      return sendWithEtag(reply, quote, 201);
    },
  );

  app.get(
    "/api/quotes/:id/document",
    { schema: { tags: ["quotes"], summary: "The quote as a printable Dutch HTML page (print to PDF in the browser)", params: IdParams } },
    async (request, reply) => {
      requirePermission(request, "crm.read");
      return reply.type("text/html; charset=utf-8").send(await quoteDocument(ctx.db, request.params.id, ctx.now()));
    },
  );

  app.post(
    "/api/quote-advice",
    {
      schema: {
        tags: ["quotes"],
        summary: "Advice whether to quote (go / wait / dont, and why) from the rep's answers and the relation's DMU",
        body: QuoteAdviceRequest,
        response: { 200: QuoteAdviceResult },
      },
    },
    async (request) => {
      requirePermission(request, "crm.read");
      const { relationId, ...answers } = request.body;
      return (await adviseForRelation(ctx.db, relationId, answers, amsterdamDate(ctx.now()))).result;
    },
  );

  app.get(
    "/api/quote-settings",
    { schema: { tags: ["quotes"], summary: "Chance threshold and acceptable decision term per market segment", response: { 200: QuoteSettings } } },
    async (request) => {
      requirePermission(request, "crm.read");
      return quoteSettings(ctx.db);
    },
  );

  app.put(
    "/api/quote-settings",
    {
      schema: {
        tags: ["quotes"],
        summary: "Set the chance threshold and the decision term per market segment (administrators)",
        body: QuoteSettingsUpdate,
        response: { 200: QuoteSettings },
      },
    },
    async (request) => {
      requirePermission(request, "users.manage");
      return updateQuoteSettings(ctx.db, request.body);
    },
  );
};
