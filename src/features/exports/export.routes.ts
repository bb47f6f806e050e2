import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission } from "../../server/plugins/auth.js";
import { IsoDateString } from "../../server/schema-helpers.js";
import { amsterdamDate } from "../../server/time.js";
import { sendTable } from "../../files/table-writer.js";
import { RelationListQuery } from "../relations/relation.schemas.js";
import { exportActivities, exportPersons, exportRelations } from "./export.service.js";

// The filter of GET /api/relations (without its paging) plus the file format.
const { limit: _limit, cursor: _cursor, ...filterProperties } = RelationListQuery.properties;
const Format = Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("xlsx")], { default: "xlsx" }));
const ExportQuery = Type.Object({ ...filterProperties, format: Format }, { additionalProperties: false });
const ActivityExportQuery = Type.Object(
  { ...filterProperties, format: Format, from: Type.Optional(IsoDateString), to: Type.Optional(IsoDateString) },
  { additionalProperties: false },
);

const FILE = { description: "CSV (UTF-8 with BOM, ; delimiter) or XLSX; cells that start with = + - @ are prefixed with '" };

export const exportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/exports/relations",
    { schema: { tags: ["exports"], summary: "All relations matching the list filter, as CSV or XLSX", querystring: ExportQuery, response: { 200: FILE } } },
    async (request, reply) => {
      requirePermission(request, "crm.read");
      const { format = "xlsx", ...query } = request.query;
      const table = exportRelations(ctx.db, query);
      return sendTable(reply, `relaties-${amsterdamDate(ctx.now())}`, format, table.headers, table.rows);
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
      requirePermission(request, "persons.export");
      const { format = "xlsx", ...query } = request.query;
      const table = exportPersons(ctx.db, query);
      return sendTable(reply, `contactpersonen-${amsterdamDate(ctx.now())}`, format, table.headers, table.rows);
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
      requirePermission(request, "persons.export");
      const { format = "xlsx", ...query } = request.query;
      const table = exportActivities(ctx.db, query);
      return sendTable(reply, `contactmomenten-${amsterdamDate(ctx.now())}`, format, table.headers, table.rows);
    },
  );
};
