// The forecast as a CSV or XLSX table, for purchasing and for spreadsheets: one row per month (and
// group), a volume column per unit of measure, headers in the UI language, months as month cells and revenue as an amount, written by
// the shared table writer (Dutch CSV dialect by default, formula escaping, XLSX number formats).
import { type CellInput, type CsvDialect, writeCsv, writeXlsx } from "../../files/table-writer.js";
import { type UnitCode, unitsPresent } from "../../domain/forecast.js";
import { type LabelLanguage, labelOf, labelsOf, tableOptionsOf } from "../../labels/labels.js";
import type { ForecastFiguresDto, ForecastResult } from "./forecast.service.js";

export type ExportFormat = "csv" | "xlsx";

export interface ForecastFileOptions {
  lang?: LabelLanguage | undefined;
  dialect?: CsvDialect | undefined;
}

/** The words of a unit of measure: the catalogue's label of a known code, else the unit as typed on the product. */
export function unitLabelOf(lang: LabelLanguage, unit: UnitCode): string {
  const names: Readonly<Record<string, string>> = labelsOf(lang).unitOfMeasure;
  return unit === null ? names.none ?? "" : (labelOf(names, unit) ?? unit);
}

/**
 * One row per month (and group): the long form, easy to pivot or load elsewhere; XLSX adds a total
 * row. Volume has one column per unit of measure present ("Aantal (m²)", "Aantal (uur)"), never one
 * sum across units; a column of quotes whose units are unknown appears when there are any (as of a
 * date before units were kept per unit).
 */
export function forecastTable(result: ForecastResult, lang: LabelLanguage = "nl", withTotal = false): { headers: string[]; rows: CellInput[][] } {
  const words = labelsOf(lang).exportFile.columns.forecast;
  const all = [result.total, ...result.months, ...result.groups.flatMap((g) => [g.total, ...g.months])];
  const units = unitsPresent(all);
  const unknown = all.some((f) => f.unitsUnknown > 0);
  const figures = (m: ForecastFiguresDto): CellInput[] => [
    ...units.map((unit) => m.units.find((u) => u.unit === unit)?.units ?? 0),
    ...(unknown ? [m.unitsUnknown] : []),
    { cents: m.revenueCents },
  ];
  const measures = [...units.map((unit) => words.unitsOf.replace("{{unit}}", unitLabelOf(lang, unit))), ...(unknown ? [words.unitsUnknown] : []), words.revenue];
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
