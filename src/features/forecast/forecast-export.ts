// The forecast as a CSV or XLSX table, for purchasing and for spreadsheets: one row per month (and
// group), headers in the UI language, months as month cells and revenue as an amount, written by
// the shared table writer (Dutch CSV dialect by default, formula escaping, XLSX number formats).
import { type CellInput, type CsvDialect, writeCsv, writeXlsx } from "../../files/table-writer.js";
import { type LabelLanguage, labelsOf, tableOptionsOf } from "../../labels/labels.js";
import type { ForecastResult } from "./forecast.service.js";

export type ExportFormat = "csv" | "xlsx";

export interface ForecastFileOptions {
  lang?: LabelLanguage | undefined;
  dialect?: CsvDialect | undefined;
}

/** One row per month (and group): the long form, easy to pivot or load elsewhere; XLSX adds a total row. */
export function forecastTable(result: ForecastResult, lang: LabelLanguage = "nl", withTotal = false): { headers: string[]; rows: CellInput[][] } {
  const words = labelsOf(lang).exportFile.columns.forecast;
  const figures = (m: { units: number; revenueCents: number }): CellInput[] => [m.units, { cents: m.revenueCents }];
  const measures = [words.units, words.revenue];
  if (result.by === "month") {
    const rows: CellInput[][] = result.months.map((m) => [{ month: m.month }, ...figures(m)]);
    if (withTotal) rows.push([words.total, ...figures(result.total)]);
    return { headers: [words.month, ...measures], rows };
  }
  const rows: CellInput[][] = [];
  for (const group of result.groups) {
    const name = group.name ?? (group.key === null ? words.none : `#${group.key}`);
    for (const m of group.months) rows.push([name, { month: m.month }, ...figures(m)]);
  }
  if (withTotal) rows.push([words.total, null, ...figures(result.total)]);
  return { headers: [words[result.by], words.month, ...measures], rows };
}

export async function exportForecast(
  result: ForecastResult,
  format: ExportFormat,
  options: ForecastFileOptions = {},
): Promise<{ body: Buffer; contentType: string; extension: string }> {
  const { headers, rows } = forecastTable(result, options.lang, format === "xlsx");
  const writer = tableOptionsOf(options.lang, options.dialect);
  if (format === "csv") return { body: writeCsv(headers, rows, writer), contentType: "text/csv; charset=utf-8", extension: "csv" };
  return {
    body: await writeXlsx("Forecast", headers, rows, writer),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
  };
}
