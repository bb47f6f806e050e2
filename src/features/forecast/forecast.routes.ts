import { Type } from "typebox";
import type { RoutesPlugin } from "../../server/context.js";
import { requirePermission, teamScopeOf } from "../../server/plugins/auth.js";
import { IsoDateString, Nullable } from "../../server/schema-helpers.js";
import { exportForecast } from "./forecast-export.js";
import { forecast } from "./forecast.service.js";

const Month = Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$", description: "YYYY-MM" });
const By = Type.Union([Type.Literal("month"), Type.Literal("rep"), Type.Literal("rayon"), Type.Literal("product")]);

const ForecastQuery = Type.Object(
  {
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    by: Type.Optional(By),
    asOf: Type.Optional({ ...IsoDateString, description: "The forecast as it stood at the end of this date (from the change history)" }),
  },
  { additionalProperties: false },
);

const Figures = Type.Object({ units: Type.Number(), revenue: Type.Number({ description: "Euros, rounded to cents" }) });
const MonthFigures = Type.Object({ month: Type.String(), units: Type.Number(), revenue: Type.Number() });

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

  app.get(
    "/api/forecast/export",
    {
      schema: {
        tags: ["forecast"],
        summary: "The forecast as a CSV or XLSX file (one row per month, or per group and month)",
        querystring: Type.Object(
          { ...ForecastQuery.properties, format: Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("xlsx")])) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request, "crm.read");
      const { format = "csv", ...query } = request.query;
      const result = await forecast(ctx.db, query, ctx.now(), query.by === "rep" ? teamScopeOf(viewer, "forecastByRep") : null);
      const file = await exportForecast(result, format);
      reply.header("content-disposition", `attachment; filename="forecast-${result.from}-${result.to}.${file.extension}"`);
      return reply.type(file.contentType).send(file.body);
    },
  );
};
