// Tables out: CSV for Dutch Excel (UTF-8 with BOM so é and € survive, ";" as Dutch Excel expects)
// and XLSX. Every text cell that a spreadsheet could take for a formula (= + - @, tab, CR at the
// start) gets a leading apostrophe, so opening an export never runs anything (CSV injection).
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";

export type CellInput = string | number | boolean | null | undefined;
export type TableFormat = "csv" | "xlsx";
export type RowSource = Iterable<readonly CellInput[]> | AsyncIterable<readonly CellInput[]>;

const FORMULA_START = /^[=+\-@\t\r]/;
const BOM = "\uFEFF";
export const CSV_DELIMITER = ";";

/** Text that a spreadsheet would run as a formula gets a leading apostrophe; other text is kept. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvCell(value: CellInput): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "ja" : "nee";
  return escapeFormula(value);
}

function xlsxCell(value: CellInput): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? "ja" : "nee";
  return escapeFormula(value);
}

const csvLine = (cells: readonly CellInput[]) =>
  stringify([cells.map(csvCell)], { delimiter: CSV_DELIMITER, record_delimiter: "\r\n", quoted_match: /^\s|\s$/ });

export function writeCsv(headers: readonly string[], rows: Iterable<readonly CellInput[]>): Buffer {
  const parts = [BOM, csvLine(headers)];
  for (const row of rows) parts.push(csvLine(row));
  return Buffer.from(parts.join(""), "utf8");
}

/** Excel allows 31 characters and none of []:*?/\ in a sheet name. */
export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31) || "Blad1";
}

function addSheet(workbook: ExcelJS.Workbook, sheetName: string, headers: readonly string[]) {
  const sheet = workbook.addWorksheet(safeSheetName(sheetName), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ header: escapeFormula(h), width: Math.min(40, Math.max(12, h.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

export async function writeXlsx(sheetName: string, headers: readonly string[], rows: Iterable<readonly CellInput[]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addSheet(workbook, sheetName, headers);
  for (const row of rows) sheet.addRow(row.map(xlsxCell));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV as a stream, row by row, for exports of any size. */
export function csvStream(headers: readonly string[], rows: RowSource): Readable {
  async function* lines() {
    yield Buffer.from(BOM + csvLine(headers), "utf8");
    for await (const row of rows) yield Buffer.from(csvLine(row), "utf8");
  }
  return Readable.from(lines());
}

/** XLSX as a stream (exceljs streaming writer: rows are committed as they come, not held in memory). */
export function xlsxStream(sheetName: string, headers: readonly string[], rows: RowSource): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  (async () => {
    const sheet = addSheet(workbook, sheetName, headers);
    for await (const row of rows) sheet.addRow(row.map(xlsxCell)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Content-Disposition with an ASCII fallback name and the exact UTF-8 name (RFC 6266). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_") || "export";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends a table as a download from a Fastify route. `fileName` is without extension; the format
 * adds it. Rows may be an array or an async generator (paged reads of a large export).
 */
/** A table as a stream in the format, with its content type (for files stored by export jobs). */
export function tableStream(sheetName: string, format: TableFormat, headers: readonly string[], rows: RowSource): { stream: Readable; contentType: string } {
  return { stream: format === "csv" ? csvStream(headers, rows) : xlsxStream(sheetName, headers, rows), contentType: CONTENT_TYPES[format] };
}

export function sendTable(reply: FastifyReply, fileName: string, format: TableFormat, headers: readonly string[], rows: RowSource) {
  const name = `${fileName}.${format}`;
  reply.header("content-type", CONTENT_TYPES[format]);
  reply.header("content-disposition", attachmentHeader(name));
  reply.header("cache-control", "no-store");
  return reply.send(format === "csv" ? csvStream(headers, rows) : xlsxStream(fileName, headers, rows));
}
