// The forecast "as of" a past date as a background job: rebuilding every quote from its change log
// reads all events up to that date (0.7 s at 100,000 quotes on SQLite), which must not hold the
// event loop of the server. The result is the same ForecastResult the API returns for today, or,
// with a format, a CSV/XLSX file to download.
import { teamScope } from "../../domain/access.js";
import type { JobHandler } from "../jobs/job-handler.js";
import { writeJobFile } from "../jobs/job-files.js";
import type { CsvDialect } from "../../files/table-writer.js";
import type { LabelLanguage } from "../../labels/labels.js";
import { exportForecast, type ExportFormat } from "./forecast-export.js";
import { forecast, type ForecastQuery } from "./forecast.service.js";

export interface ForecastAsOfParams extends ForecastQuery {
  asOf: string;
  format?: ExportFormat | undefined;
  dialect?: CsvDialect | undefined;
  lang?: LabelLanguage | undefined;
}

export const forecastAsOfJob: JobHandler<ForecastAsOfParams> = async (ctx) => {
  const { format, dialect, lang, ...query } = ctx.params;
  await ctx.progress(0, 1, "forecast");
  // The same scope the route checked, from the rights of the user who started the job.
  const repIds = query.by === "rep" ? teamScope(ctx.viewer, "forecastByRep").repIds : null;
  const result = await forecast(ctx.db, query, ctx.now(), repIds);
  await ctx.progress(1, 1, "forecast");
  if (!format) return result;
  const file = await exportForecast(result, format, { lang, dialect });
  const stored = await writeJobFile(
    ctx.db,
    { ownerId: ctx.viewer.id, jobId: ctx.jobId, purpose: "output", name: `forecast-${result.from}-${result.to}-per-${result.asOf}.${file.extension}`, contentType: file.contentType },
    file.body,
    ctx.now().toISOString(),
  );
  return { fileId: stored.id, size: stored.size };
};
