// CSV as Dutch offices produce it: UTF-8 (with or without BOM) or Windows-1252 from older Excel,
// ";" from Dutch Excel, "," from English tools, tab from "Unicode text", sometimes "|".
import chardet from "chardet";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { type Result, err, ok } from "../domain/result.js";
import { DEFAULT_MAX_ROWS, padCells, type ReadTableOptions, type Table, type TableFileProblem, type TableRow } from "./table.js";

export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";
}

const WESTERN_SINGLE_BYTE = new Set(["ISO-8859-1", "ISO-8859-15", "windows-1252"]);

/**
 * Bytes → text. A BOM decides; else valid UTF-8 is UTF-8 (a cp1252 file with é or € is never valid
 * UTF-8); else chardet may recognise BOM-less UTF-16; anything else is read as Windows-1252, the
 * superset of Latin-1 that Dutch Excel writes (€ is 0x80 there).
 */
export function decodeText(data: Buffer): Result<DecodedText, TableFileProblem> {
  let decoded: DecodedText;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    decoded = { text: new TextDecoder("utf-8").decode(data.subarray(3)), encoding: "utf-8-bom" };
  } else if (data[0] === 0xff && data[1] === 0xfe) {
    decoded = { text: iconv.decode(data.subarray(2), "utf-16le"), encoding: "utf-16le" };
  } else if (data[0] === 0xfe && data[1] === 0xff) {
    decoded = { text: iconv.decode(data.subarray(2), "utf-16be"), encoding: "utf-16be" };
  } else {
    try {
      decoded = { text: new TextDecoder("utf-8", { fatal: true }).decode(data), encoding: "utf-8" };
    } catch {
      const guess = chardet.detect(data);
      if (guess === "UTF-16LE" || guess === "UTF-16BE") {
        decoded = { text: iconv.decode(data, guess === "UTF-16LE" ? "utf-16le" : "utf-16be"), encoding: guess === "UTF-16LE" ? "utf-16le" : "utf-16be" };
      } else if (guess === null || WESTERN_SINGLE_BYTE.has(guess) || guess.startsWith("ISO-8859") || guess.startsWith("windows-")) {
        decoded = { text: iconv.decode(data, "windows-1252"), encoding: "windows-1252" };
      } else {
        return err({ code: "encoding", message: `The file's character set looks like ${guess}; save it as CSV UTF-8 (Excel: "CSV UTF-8 (door komma's gescheiden)")` });
      }
    }
  }
  // NUL characters never occur in a text table: this is a binary file (a PDF, an old .xls …).
  if (decoded.text.includes("\u0000")) {
    return err({ code: "encoding", message: "The file is not a text (CSV) file; save it from Excel as CSV or XLSX" });
  }
  return ok(decoded);
}

const DELIMITERS = [";", ",", "\t", "|"] as const;

/** Counts each candidate delimiter outside double quotes in one line; the most frequent wins, ties in the order ; , tab |. */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ";";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export function readCsvTable(data: Buffer, options: ReadTableOptions): Result<Table, TableFileProblem> {
  const decoded = decodeText(data);
  if (!decoded.ok) return decoded;
  let text = decoded.value.text;
  let firstRow = 1;
  let delimiter: string | null = null;
  // Excel writes and honours a first line "sep=;" naming the delimiter; it is not a row of data.
  const sepLine = /^sep=(.)\r?\n/i.exec(text);
  if (sepLine) {
    delimiter = sepLine[1] as string;
    text = text.slice(sepLine[0].length);
    firstRow = 2;
  }
  const lines = text.slice(0, 256 * 1024).split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex < 0) return err({ code: "empty", message: "The file is empty" });
  delimiter ??= sniffDelimiter(lines[headerIndex] as string);

  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return err({
      code: "unreadable",
      message: `The CSV file cannot be read${line ? ` near line ${line + firstRow - 1}` : ""}: ${error instanceof Error ? error.message.replace(/^Invalid [^:]*: /, "") : String(error)}`,
    });
  }
  return tableFromRecords(records, firstRow, "csv", options, { encoding: decoded.value.encoding, delimiter });
}

/** Shared by CSV and XLSX: the first non-empty record is the header; empty rows are dropped. */
export function tableFromRecords(
  records: readonly (readonly string[] | undefined)[],
  firstRowNumber: number,
  format: "csv" | "xlsx",
  options: ReadTableOptions,
  extra: { encoding?: string; delimiter?: string } = {},
): Result<Table, TableFileProblem> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  for (let i = 0; i < records.length; i++) {
    const cells = (records[i] ?? []).map((c) => c.trim());
    if (cells.every((c) => c === "")) continue;
    if (headers === null) {
      headers = cells;
      while (headers.length > 0 && headers.at(-1) === "") headers.pop();
      continue;
    }
    if (rows.length >= maxRows) {
      return err({ code: "too_large", message: `The file has more than ${maxRows.toLocaleString("en")} rows; split it into smaller files` });
    }
    rows.push({ rowNumber: firstRowNumber + i, cells: padCells(cells, headers.length) });
  }
  if (headers === null) return err({ code: "empty", message: "The file is empty" });
  if (rows.length === 0) return err({ code: "empty", message: "The file has a header row but no data rows" });
  return ok({ headers, rows, format, ...extra });
}
