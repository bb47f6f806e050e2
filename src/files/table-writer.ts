// Tables out: CSV for Dutch Excel by default (UTF-8 with BOM so é and € survive, ";" between cells
// and a decimal comma, as Dutch Excel expects; the "intl" dialect writes "," and a decimal point)
// and XLSX, whose amounts and dates are real number and date cells with Dutch number formats.
// Every text cell that a spreadsheet could take for a formula (= + - @, tab, CR at the start) gets a
// leading apostrophe, so opening an export never runs anything (CSV injection).
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";

/** An amount in integer cents: "14500,00" in a Dutch CSV, the number 14500 (format #,##0.00) in XLSX. */
export interface MoneyCell {
  readonly cents: number;
}
/** A calendar date 'YYYY-MM-DD': "31-12-2026" in a Dutch CSV, a date cell (dd-mm-jjjj) in XLSX. */
export interface DateCell {
  readonly date: string;
}
/** A month 'YYYY-MM': "03-2026" in a Dutch CSV, a date cell shown as "maart 2026" in XLSX. */
export interface MonthCell {
  readonly month: string;
}
export type TypedCell = MoneyCell | DateCell | MonthCell;
export type CellInput = string | number | boolean | null | undefined | TypedCell;
export type TableFormat = "csv" | "xlsx";
export type RowSource = Iterable<readonly CellInput[]> | AsyncIterable<readonly CellInput[]>;

/** nl: ";" and a decimal comma (Dutch Excel); intl: "," and a decimal point. */
export const CSV_DIALECTS = ["nl", "intl"] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

export interface TableOptions {
  dialect?: CsvDialect;
  /** Words for true and false (the UI language); "ja"/"nee" unless told. */
  yes?: string;
  no?: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const BOM = "\uFEFF";
export const CSV_DELIMITER = ";";
const DELIMITERS: Record<CsvDialect, string> = { nl: ";", intl: "," };

/** Excel number formats; Excel shows them with the reader's own separators (14.500,00 in Dutch Excel). */
export const XLSX_FORMATS = { money: "#,##0.00", date: "dd-mm-yyyy", month: "mmmm yyyy" } as const;

/** Text that a spreadsheet would run as a formula gets a leading apostrophe; other text is kept. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** 1450000 → "14500,00" (nl) or "14500.00" (intl): no thousands separator, so every reader takes it as one number. */
export function csvAmount(cents: number, dialect: CsvDialect): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.round(Math.abs(cents));
  return `${sign}${Math.floor(abs / 100)}${dialect === "nl" ? "," : "."}${String(abs % 100).padStart(2, "0")}`;
}

function csvNumber(value: number, dialect: CsvDialect): string {
  if (!Number.isFinite(value)) return "";
  const text = String(value);
  return dialect === "nl" ? text.replace(".", ",") : text;
}

function csvTyped(cell: TypedCell, dialect: CsvDialect): string {
  if ("cents" in cell) return Number.isFinite(cell.cents) ? csvAmount(cell.cents, dialect) : "";
  if ("date" in cell) {
    const m = ISO_DATE.exec(cell.date);
    if (!m) return escapeFormula(cell.date);
    return dialect === "nl" ? `${m[3]}-${m[2]}-${m[1]}` : cell.date;
  }
  const m = ISO_MONTH.exec(cell.month);
  if (!m) return escapeFormula(cell.month);
  return dialect === "nl" ? `${m[2]}-${m[1]}` : cell.month;
}

function csvCell(value: CellInput, options: TableOptions): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return csvNumber(value, options.dialect ?? "nl");
  if (typeof value === "boolean") return value ? (options.yes ?? "ja") : (options.no ?? "nee");
  if (typeof value === "object") return csvTyped(value, options.dialect ?? "nl");
  return escapeFormula(value);
}

type XlsxValue = string | number | Date | null;

/** The cell value and, for amounts and dates, the number format it is shown with. */
function xlsxCell(value: CellInput, options: TableOptions): { value: XlsxValue; numFmt?: string } {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === "number") return { value: Number.isFinite(value) ? value : null };
  if (typeof value === "boolean") return { value: value ? (options.yes ?? "ja") : (options.no ?? "nee") };
  if (typeof value === "object") {
    if ("cents" in value) return Number.isFinite(value.cents) ? { value: value.cents / 100, numFmt: XLSX_FORMATS.money } : { value: null };
    // Dates as UTC midnight: exceljs turns a Date into Excel's day number from its UTC time.
    if ("date" in value) {
      const m = ISO_DATE.exec(value.date);
      return m ? { value: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), numFmt: XLSX_FORMATS.date } : { value: escapeFormula(value.date) };
    }
    const m = ISO_MONTH.exec(value.month);
    return m ? { value: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)), numFmt: XLSX_FORMATS.month } : { value: escapeFormula(value.month) };
  }
  return { value: escapeFormula(value) };
}

function addXlsxRow(sheet: ExcelJS.Worksheet, cells: readonly CellInput[], options: TableOptions): ExcelJS.Row {
  const typed = cells.map((c) => xlsxCell(c, options));
  const row = sheet.addRow(typed.map((c) => c.value));
  typed.forEach((c, i) => {
    if (c.numFmt) row.getCell(i + 1).numFmt = c.numFmt;
  });
  return row;
}

const csvLine = (cells: readonly CellInput[], options: TableOptions) =>
  stringify([cells.map((c) => csvCell(c, options))], { delimiter: DELIMITERS[options.dialect ?? "nl"], record_delimiter: "\r\n", quoted_match: /^\s|\s$/ });

export function writeCsv(headers: readonly string[], rows: Iterable<readonly CellInput[]>, options: TableOptions = {}): Buffer {
  const parts = [BOM, csvLine(headers, options)];
  for (const row of rows) parts.push(csvLine(row, options));
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

export async function writeXlsx(sheetName: string, headers: readonly string[], rows: Iterable<readonly CellInput[]>, options: TableOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addSheet(workbook, sheetName, headers);
  for (const row of rows) addXlsxRow(sheet, row, options);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV as a stream, row by row, for exports of any size. */
export function csvStream(headers: readonly string[], rows: RowSource, options: TableOptions = {}): Readable {
  async function* lines() {
    yield Buffer.from(BOM + csvLine(headers, options), "utf8");
    for await (const row of rows) yield Buffer.from(csvLine(row, options), "utf8");
  }
  return Readable.from(lines());
}

/** XLSX as a stream (exceljs streaming writer: rows are committed as they come, not held in memory). */
export function xlsxStream(sheetName: string, headers: readonly string[], rows: RowSource, options: TableOptions = {}): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  (async () => {
    const sheet = addSheet(workbook, sheetName, headers);
    for await (const row of rows) addXlsxRow(sheet, row, options).commit();
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

/** A table as a stream in the format, with its content type (for files stored by export jobs). */
export function tableStream(
  sheetName: string,
  format: TableFormat,
  headers: readonly string[],
  rows: RowSource,
  options: TableOptions = {},
): { stream: Readable; contentType: string } {
  return { stream: format === "csv" ? csvStream(headers, rows, options) : xlsxStream(sheetName, headers, rows, options), contentType: CONTENT_TYPES[format] };
}

/**
 * Sends a table as a download from a Fastify route. `fileName` is without extension; the format
 * adds it. Rows may be an array or an async generator (paged reads of a large export).
 */
export function sendTable(reply: FastifyReply, fileName: string, format: TableFormat, headers: readonly string[], rows: RowSource, options: TableOptions = {}) {
  const name = `${fileName}.${format}`;
  reply.header("content-type", CONTENT_TYPES[format]);
  reply.header("content-disposition", attachmentHeader(name));
  reply.header("cache-control", "no-store");
  return reply.send(format === "csv" ? csvStream(headers, rows, options) : xlsxStream(fileName, headers, rows, options));
}
