import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission, teamScopeOf } from "../../server/plugins/auth.js";
import { IsoDateString, Nullable } from "../../server/schema-helpers.js";
import { exportForecast } from "./forecast-export.js";
import { forecast, forecastRange } from "./forecast.service.js";
import { JobDto } from "../jobs/job.schemas.js";
import { toJobDto } from "../jobs/job.service.js";
import { fieldProblem, invalid } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { isIsoDate } from "../../domain/calendar.js";
import { attachmentHeader } from "../../files/table-writer.js";
import { CsvDialectParam, LanguageParam } from "../exports/export.schemas.js";

const Month = Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$", description: "YYYY-MM" });
const By = Type.Union([Type.Literal("month"), Type.Literal("rep"), Type.Literal("rayon"), Type.Literal("product")]);

const ForecastQuery = Type.Object({ from: Type.Optional(Month), to: Type.Optional(Month), by: Type.Optional(By) }, { additionalProperties: false });

const AsOfRequest = Type.Object(
  {
    ...ForecastQuery.properties,
    asOf: { ...IsoDateString, description: "The forecast as it stood at the end of this date (rebuilt from the change history)" },
    format: Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("xlsx")], { description: "Also write a file to download from /api/jobs/{id}/file" })),
    dialect: CsvDialectParam,
    lang: LanguageParam,
  },
  { additionalProperties: false },
);

const Units = Type.Array(
  Type.Object({
    unit: Nullable(Type.String({ description: "The product's unit of measure (stuk, m2, uur …); null for lines without a product" })),
    units: Type.Number({ description: "Weighted volume in this unit, rounded once to 2 decimals" }),
  }),
  { description: "Volume per unit of measure present, by unit; units of different measures are never added up" },
);
const FigureProperties = {
  units: Units,
  unitsUnknown: Type.Integer({
    description: "Counting quotes whose units per unit of measure are unknown (history written before units were kept per unit): left out of units, their revenue counts",
  }),
  revenueCents: Type.Integer({ description: "Weighted revenue in integer cents, rounded once" }),
};
const Figures = Type.Object(FigureProperties);
const MonthFigures = Type.Object({ month: Type.String(), ...FigureProperties });

const ForecastResponse = Type.Object({
  from: Type.String(),
  to: Type.String(),
  by: Type.String(),
  asOf: Nullable(Type.String()),
  months: Type.Array(MonthFigures),
  total: Figures,
  groups: Type.Array(Type.Object({ key: Nullable(Type.Integer()), name: Nullable(Type.String()), months: Type.Array(MonthFigures), total: Figures })),
});

export const forecastRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/forecast",
    {
      schema: {
        tags: ["forecast"],
        summary: "Expected revenue and volume per decision month: amount × probability of every open quote (by month, rep, rayon or product)",
        querystring: ForecastQuery,
        response: { 200: ForecastResponse },
      },
    },
    async (request) => {
      // Purchasing plans with the forecast: everyone who reads the CRM may see it; split per rep
      // it is a team report (a rep sees only their own line).
      const viewer = requirePermission(request, "crm.read");
      return forecast(ctx.db, request.query, ctx.now(), request.query.by === "rep" ? teamScopeOf(viewer, "forecastByRep") : null);
    },
  );

  app.post(
    "/api/forecast/as-of",
    {
      schema: {
        tags: ["forecast"],
        summary: "Start a job that rebuilds the forecast as it stood on a past date (its result is the same shape as GET /api/forecast)",
        body: AsOfRequest,
        response: { 202: JobDto },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      const body = request.body;
      // Checked now, so a bad request is a 400 and not a failed job a moment later.
      forecastRange(body, amsterdamDate(ctx.now()));
      if (!isIsoDate(body.asOf)) throw invalid(fieldProblem("asOf", "date_invalid"));
      if (body.by === "product") throw invalid(fieldProblem("asOf", "forecast_as_of_by_product"));
      if (body.by === "rep") teamScopeOf(viewer, "forecastByRep");
      const job = await ctx.jobs.enqueue("forecast.asOf", body, viewer);
      reply.header("location", `/api/jobs/${job.id}`);
      return reply.status(202).send(toJobDto(job));
    },
  );

  app.get(
    "/api/forecast/export",
    {
      schema: {
        tags: ["forecast"],
        summary: "The forecast as a CSV or XLSX file (one row per month, or per group and month)",
        querystring: Type.Object(
          { ...ForecastQuery.properties, format: Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("xlsx")])), dialect: CsvDialectParam, lang: LanguageParam },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      const { format = "csv", dialect, lang, ...query } = request.query;
      const result = await forecast(ctx.db, query, ctx.now(), query.by === "rep" ? teamScopeOf(viewer, "forecastByRep") : null);
      const file = await exportForecast(result, format, { lang, dialect });
      reply.header("content-disposition", attachmentHeader(`forecast-${result.from}-${result.to}.${file.extension}`));
      return reply.type(file.contentType).send(file.body);
    },
  );
};
