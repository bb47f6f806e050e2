import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IsoDateString } from "../../server/schema-helpers.js";
import { amsterdamDate } from "../../server/time.js";
import { sendTable } from "../../files/table-writer.js";
import { tableOptionsOf } from "../../labels/labels.js";
import { CsvDialectParam, LanguageParam } from "./export.schemas.js";
import { RelationListQuery } from "../relations/relation.schemas.js";
import { exportActivities, exportPersons, exportRelations } from "./export.service.js";
import { filterFromQuery } from "../relations/relation.service.js";
import { JobDto } from "../jobs/job.schemas.js";
import { toJobDto } from "../jobs/job.service.js";

// The filter of GET /api/relations (without its paging) plus the file format.
// The visit-norm filter is a team report (viewer scope on the list route), not part of exports.
const { limit: _limit, cursor: _cursor, visitNorm: _visitNorm, normAsOf: _normAsOf, ...filterProperties } = RelationListQuery.properties;
const Format = Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("xlsx")], { default: "xlsx" }));
const FileOptions = { format: Format, dialect: CsvDialectParam, lang: LanguageParam };
const ExportQuery = Type.Object({ ...filterProperties, ...FileOptions }, { additionalProperties: false });
const ActivityExportQuery = Type.Object(
  { ...filterProperties, ...FileOptions, from: Type.Optional(IsoDateString), to: Type.Optional(IsoDateString) },
  { additionalProperties: false },
);

const FILE = {
  description:
    "CSV (UTF-8 with BOM; ; and a decimal comma, or , and a point with dialect=intl) or XLSX with number and date cells; labels in the language asked; cells that start with = + - @ are prefixed with '",
};


const DatasetParams = Type.Object({ dataset: Type.Union([Type.Literal("relations"), Type.Literal("persons"), Type.Literal("contact-moments")]) }, { additionalProperties: false });

export const exportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/exports/:dataset/job",
    {
      schema: {
        tags: ["exports"],
        summary: "Export a large list as a background job (the same filter as the GET export); download the file from /api/jobs/{id}/file when it is done",
        params: DatasetParams,
        querystring: ActivityExportQuery,
        response: { 202: JobDto },
      },
    },
    async (request, reply) => {
      const { dataset } = request.params;
      const viewer = requirePermission(request, dataset === "relations" ? "crm.read" : "persons.export");
      const { format = "xlsx", dialect = "nl", lang = "nl", ...query } = request.query;
      // The filter is checked now: a bad filter is a 400, not a failed job.
      filterFromQuery(query);
      const job = await ctx.jobs.enqueue("exports.run", { dataset, format, dialect, lang, query }, viewer);
      reply.header("location", `/api/jobs/${job.id}`);
      return reply.status(202).send(toJobDto(job));
    },
  );

  app.get(
    "/api/exports/relations",
    { schema: { tags: ["exports"], summary: "All relations matching the list filter, as CSV or XLSX", querystring: ExportQuery, response: { 200: FILE } } },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      const { format = "xlsx", dialect, lang, ...query } = request.query;
      const table = exportRelations(ctx.db, query, viewer, lang);
      return sendTable(reply, `relaties-${amsterdamDate(ctx.now())}`, format, table.headers, table.rows, tableOptionsOf(lang, dialect));
    },
  );

  app.get(
    "/api/exports/persons",
    {
      schema: {
        tags: ["exports"],
        summary: "Persons of all relations matching the list filter (personal data: needs persons.export)",
        querystring: ExportQuery,
        response: { 200: FILE },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "persons.export");
      const { format = "xlsx", dialect, lang, ...query } = request.query;
      const table = exportPersons(ctx.db, query, viewer, lang);
      return sendTable(reply, `contactpersonen-${amsterdamDate(ctx.now())}`, format, table.headers, table.rows, tableOptionsOf(lang, dialect));
    },
  );

  app.get(
    "/api/exports/contact-moments",
    {
      schema: {
        tags: ["exports"],
        summary: "Contact moments of all relations matching the list filter, optionally within from–to (they name persons: needs persons.export)",
        querystring: ActivityExportQuery,
        response: { 200: FILE },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "persons.export");
      const { format = "xlsx", dialect, lang, ...query } = request.query;
      const table = exportActivities(ctx.db, query, viewer, lang);
      return sendTable(reply, `contactmomenten-${amsterdamDate(ctx.now())}`, format, table.headers, table.rows, tableOptionsOf(lang, dialect));
    },
  );
};
