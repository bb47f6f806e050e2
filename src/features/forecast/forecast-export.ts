// The forecast as a CSV or XLSX table, for purchasing and for spreadsheets. Text cells that a
// spreadsheet would run as a formula (= + - @, tab, carriage return first) get a leading quote.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { ForecastResult } from "./forecast.service.js";

export type ExportFormat = "csv" | "xlsx";
type Cell = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

/** "=HYPERLINK(…)" → "'=HYPERLINK(…)": shown as text, never run. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const GROUP_HEADER = { rep: "rep", rayon: "rayon", product: "product", month: "" } as const;

/** One row per month (and group): the long form, easy to pivot or load elsewhere. */
export function forecastTable(result: ForecastResult): { headers: string[]; rows: Cell[][] } {
  if (result.by === "month") {
    return { headers: ["month", "units", "revenue"], rows: result.months.map((m) => [m.month, m.units, m.revenue]) };
  }
  const rows: Cell[][] = [];
  for (const group of result.groups) {
    const name = group.name ?? (group.key === null ? "(none)" : `#${group.key}`);
    for (const m of group.months) rows.push([name, m.month, m.units, m.revenue]);
  }
  return { headers: [GROUP_HEADER[result.by], "month", "units", "revenue"], rows };
}

const safe = (cell: Cell): Cell => (typeof cell === "string" ? escapeFormula(cell) : cell);

export function toCsv(headers: readonly string[], rows: readonly Cell[][]): string {
  return stringify([headers.map(escapeFormula), ...rows.map((r) => r.map(safe))]);
}

export async function toXlsx(headers: readonly string[], rows: readonly Cell[][], sheetName: string, total?: { units: number; revenue: number }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers.map(escapeFormula)).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(safe));
  if (total) {
    const padding = headers.length - 2;
    sheet.addRow([...Array.from({ length: padding }, (_, i) => (i === 0 ? "total" : "")), total.units, total.revenue]).font = { bold: true };
  }
  const revenueColumn = sheet.getColumn(headers.length);
  revenueColumn.numFmt = "#,##0.00";
  sheet.getColumn(headers.length - 1).numFmt = "#,##0.00";
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportForecast(result: ForecastResult, format: ExportFormat): Promise<{ body: string | Buffer; contentType: string; extension: string }> {
  const { headers, rows } = forecastTable(result);
  if (format === "csv") return { body: toCsv(headers, rows), contentType: "text/csv; charset=utf-8", extension: "csv" };
  return {
    body: await toXlsx(headers, rows, "Forecast", result.total),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
  };
}
