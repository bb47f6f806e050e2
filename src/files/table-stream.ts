// Every uploaded table, read as a stream of rows: CSV in any encoding and delimiter Dutch offices
// produce, or XLSX. The head of the file decides format, encoding and delimiter; the rest is decoded
// and parsed chunk by chunk (csv-records.ts), so a gigabyte of CSV is read in bounded memory. A problem found midway
// (bytes that are not the file's encoding, a quote that never closes) ends the stream with a
// TableReadError that names the row; what was read before it stands.
import { pipeline, Readable, Transform, type TransformCallback } from "node:stream";
import chardet from "chardet";
import { TextDecoder } from "node:util";
import iconv from "iconv-lite";
import { type Result, err, ok } from "../domain/result.js";
import { csvRecordBatches } from "./csv-records.js";
import { sniffDelimiter } from "./csv-table.js";
import { DEFAULT_MAX_ROWS, MAX_TABLE_FILE_BYTES, padCells, type ReadTableOptions, type TableFileProblem, type TableRow } from "./table.js";
import { readXlsxTable } from "./xlsx-table.js";
import { startsLikeZip } from "./zip-guard.js";

/** Where the bytes of a file come from: an upload in the database, a file on disk, a buffer. */
export interface ByteSource {
  /** Size in bytes, when known (an upload); a file on disk is measured by the caller. */
  readonly size: number;
  /** The first `bytes` of the file (or all of it when shorter). */
  head(bytes: number): Promise<Buffer>;
  /** The whole file as a stream. */
  stream(): Readable;
  /** The whole file in memory; only for formats that need it (XLSX, capped in size). */
  buffer(): Promise<Buffer>;
}

export function bufferSource(data: Buffer): ByteSource {
  return { size: data.length, head: async (n) => data.subarray(0, n), stream: () => Readable.from([data]), buffer: async () => data };
}

export type CsvEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

export interface TableStream {
  headers: string[];
  format: "csv" | "xlsx";
  encoding?: CsvEncoding;
  delimiter?: string;
  /** Data rows (empty ones skipped), numbered as Excel or an editor shows them. */
  rows: AsyncIterable<TableRow>;
  /** The same rows a batch at a time (for readers of millions of rows); read either this or `rows`. */
  batches: AsyncIterable<TableRow[]>;
}

/** A problem met while reading row `row` of the file; the rows before it were read. */
export class TableReadError extends Error {
  override name = "TableReadError";
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/** How much of the head decides encoding and delimiter. */
const SNIFF_BYTES = 256 * 1024;
const WESTERN_SINGLE_BYTE = new Set(["ISO-8859-1", "ISO-8859-15", "windows-1252"]);
const isOle2 = (d: Buffer) => d.length >= 8 && d.readUInt32BE(0) === 0xd0cf11e0 && d.readUInt32BE(4) === 0xa1b11ae1;

/**
 * The encoding of a CSV file from its head: a BOM decides; else valid UTF-8 is UTF-8 (a cp1252 file
 * with é or € is never valid UTF-8); else chardet may recognise BOM-less UTF-16; anything else is
 * Windows-1252, the superset of Latin-1 that Dutch Excel writes (€ is 0x80 there).
 */
export function sniffEncoding(head: Buffer): Result<CsvEncoding, TableFileProblem> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return ok("utf-8-bom");
  if (head[0] === 0xff && head[1] === 0xfe) return ok("utf-16le");
  if (head[0] === 0xfe && head[1] === 0xff) return ok("utf-16be");
  try {
    // stream: true — a character cut off at the end of the head is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return ok("utf-8");
  } catch {
    const guess = chardet.detect(head);
    if (guess === "UTF-16LE") return ok("utf-16le");
    if (guess === "UTF-16BE") return ok("utf-16be");
    if (guess === null || WESTERN_SINGLE_BYTE.has(guess) || guess.startsWith("ISO-8859") || guess.startsWith("windows-")) return ok("windows-1252");
    return err({ code: "encoding", message: `The file's character set looks like ${guess}; save it as CSV UTF-8 (Excel: "CSV UTF-8 (door komma's gescheiden)")` });
  }
}

/**
 * Bytes → text in the sniffed encoding. Bytes that are not valid UTF-8 become U+FFFD here, and the
 * row that holds one is refused by the reader (with its row number) — never stored as a "?".
 */
class Decoder extends Transform {
  private readonly utf8: TextDecoder | null;
  private readonly other: ReturnType<typeof iconv.getDecoder> | null;
  private skipBom: boolean;
  /** Whether any text decoded so far holds U+FFFD: until then no row can, and none is searched for it. */
  sawReplacement = false;
  constructor(encoding: CsvEncoding) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: "utf8" });
    const isUtf8 = encoding === "utf-8" || encoding === "utf-8-bom";
    this.utf8 = isUtf8 ? new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }) : null;
    this.other = isUtf8 ? null : iconv.getDecoder(encoding === "windows-1252" ? "windows-1252" : encoding);
    this.skipBom = encoding === "utf-16le" || encoding === "utf-16be";
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      let text = this.utf8 ? this.utf8.decode(chunk, { stream: true }) : (this.other?.write(chunk) ?? "");
      if (this.skipBom && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        this.skipBom = false;
      }
      if (text.includes("\u0000")) throw new Error("The file is not a text (CSV) file; save it from Excel as CSV or XLSX");
      if (!this.sawReplacement && text.includes("\uFFFD")) this.sawReplacement = true;
      done(null, text);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  }
  override _flush(done: TransformCallback): void {
    const text = this.utf8 ? this.utf8.decode() : (this.other?.end() ?? "");
    if (text.includes("\uFFFD")) this.sawReplacement = true;
    done(null, text);
  }
}

function problem(code: TableFileProblem["code"], message: string): Result<never, TableFileProblem> {
  return err({ code, message });
}

/** Opens a table file for reading row by row. A file that cannot be read at all is a problem, not a throw. */
export async function openTableStream(source: ByteSource, fileName: string, options: ReadTableOptions & { maxBytes?: number } = {}): Promise<Result<TableStream, TableFileProblem>> {
  const maxBytes = options.maxBytes ?? MAX_TABLE_FILE_BYTES;
  if (source.size > maxBytes) return problem("too_large", `The file is ${(source.size / 1024 / 1024).toFixed(1)} MB; at most ${Math.round(maxBytes / 1024 / 1024)} MB is accepted`);
  const head = await source.head(SNIFF_BYTES);
  if (head.length === 0) return problem("empty", "The file is empty");
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? "";
  if (isOle2(head)) return problem("unreadable", "This is an old Excel (.xls) or password-protected workbook; save it as .xlsx without a password, or as CSV");
  // The content decides, not the name: an XLSX renamed to .csv is still read as a workbook.
  if (startsLikeZip(head)) return openXlsx(source, options);
  if (["xlsx", "xlsm", "xls"].includes(extension)) return problem("not_a_zip", `"${fileName}" is not a real Excel workbook (an XLSX file is a ZIP archive); save it again as .xlsx or as CSV`);
  return openCsv(source, head, options);
}

async function openXlsx(source: ByteSource, options: ReadTableOptions): Promise<Result<TableStream, TableFileProblem>> {
  // A workbook is a ZIP: it is checked whole (zip-guard) and read whole; uploads are capped in size.
  const table = await readXlsxTable(await source.buffer(), options);
  if (!table.ok) return table;
  const { headers, rows } = table.value;
  return ok({ headers, format: "xlsx", rows: (async function* () { yield* rows; })(), batches: (async function* () { yield rows; })() });
}

async function openCsv(source: ByteSource, head: Buffer, options: ReadTableOptions): Promise<Result<TableStream, TableFileProblem>> {
  const encoding = sniffEncoding(head);
  if (!encoding.ok) return encoding;
  const headText = decodeHead(head, encoding.value);
  if (headText.includes("\u0000")) return problem("encoding", "The file is not a text (CSV) file; save it from Excel as CSV or XLSX");
  // Excel writes and honours a first line "sep=;" naming the delimiter; it is not a row of data.
  const sepLine = /^\uFEFF?sep=(.)\r?\n/i.exec(headText);
  const lines = headText.split(/\r\n|\n|\r/);
  const headerLine = lines.slice(sepLine ? 1 : 0).find((l) => l.trim() !== "");
  if (headerLine === undefined) return problem("empty", "The file is empty");
  const delimiter = sepLine ? (sepLine[1] as string) : sniffDelimiter(headerLine);

  // pipeline, not pipe: an error anywhere (bytes that are not the encoding) reaches the reader.
  const decoder = new Decoder(encoding.value);
  const text = pipeline(source.stream(), decoder, () => {}) as AsyncIterable<string>;
  const records = csvRecordBatches(text, { delimiter, fromLine: sepLine ? 2 : 1 });
  const firstRow = sepLine ? 2 : 1;
  let recordIndex = 0;
  const badBytes = (row: number) => new TableReadError(row, `Row ${row} has bytes that are not ${encoding.value === "windows-1252" ? "Windows-1252" : "UTF-8"} text; save the file again as CSV UTF-8`);
  const isUtf8 = encoding.value === "utf-8" || encoding.value === "utf-8-bom";
  const failure = (error: unknown): TableReadError => {
    const row = firstRow + recordIndex;
    const text = error instanceof Error ? error.message.replace(/^Invalid [^:]*: /, "") : String(error);
    return new TableReadError(row, `The CSV file cannot be read from row ${row}: ${text}`);
  };
  // Records are read a batch at a time; `pending` holds the rest of the current batch.
  let pending: string[][] = [];
  let at = 0;
  const nextRecord = async (): Promise<string[] | null> => {
    while (at >= pending.length) {
      const next = await records.next();
      if (next.done) return null;
      pending = next.value;
      at = 0;
    }
    const record = pending[at] as string[];
    at += 1;
    return record;
  };
  // The header: the first record that is not empty.
  let headers: string[];
  try {
    for (;;) {
      const record = await nextRecord();
      if (record === null) return problem("empty", "The file is empty");
      recordIndex += 1;
      const cells = record.map((c) => c.trim());
      if (cells.every((c) => c === "")) continue;
      if (isUtf8 && cells.some((c) => c.includes("\uFFFD"))) return problem("encoding", badBytes(firstRow + recordIndex - 1).message);
      while (cells.length > 0 && cells.at(-1) === "") cells.pop();
      headers = cells;
      break;
    }
  } catch (error) {
    return problem("unreadable", failure(error).message);
  }
  const width = headers.length;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  let count = 0;
  /**
   * The data rows of the records read so far, a batch at a time. A problem in a row ends the stream
   * with a TableReadError after the rows before it have been handed out.
   */
  async function* batches(): AsyncGenerator<TableRow[]> {
    for (;;) {
      const out: TableRow[] = [];
      let problemAfter: TableReadError | null = null;
      if (at >= pending.length) {
        let next: IteratorResult<string[][]>;
        try {
          next = await records.next();
        } catch (error) {
          throw failure(error);
        }
        if (next.done) return;
        pending = next.value;
        at = 0;
      }
      for (; at < pending.length; at++) {
        const record = pending[at] as string[];
        const rowNumber = firstRow + recordIndex;
        recordIndex += 1;
        let empty = true;
        const cells = new Array<string>(record.length);
        for (let i = 0; i < record.length; i++) {
          const cell = (record[i] as string).trim();
          cells[i] = cell;
          if (cell !== "") empty = false;
        }
        if (empty) continue;
        // Rows come from text already decoded: when none of it held U+FFFD, this row does not.
        if (isUtf8 && decoder.sawReplacement && cells.some((c) => c.includes("\uFFFD"))) {
          problemAfter = badBytes(rowNumber);
          at += 1;
          break;
        }
        count += 1;
        if (count > maxRows) {
          problemAfter = new TableReadError(rowNumber, `The file has more than ${maxRows.toLocaleString("en")} rows; split it into smaller files`);
          at += 1;
          break;
        }
        out.push({ rowNumber, cells: padCells(cells, width) });
      }
      if (out.length > 0) yield out;
      if (problemAfter) throw problemAfter;
    }
  }
  const stream = batches();
  async function* rows(): AsyncGenerator<TableRow> {
    for await (const batch of stream) yield* batch;
  }
  return ok({ headers, format: "csv", encoding: encoding.value, delimiter, rows: rows(), batches: stream });
}

function decodeHead(head: Buffer, encoding: CsvEncoding): string {
  if (encoding === "utf-8" || encoding === "utf-8-bom") return new TextDecoder("utf-8").decode(head.subarray(encoding === "utf-8-bom" ? 3 : 0));
  return iconv.decode(head.subarray(encoding === "windows-1252" ? 0 : 2), encoding);
}
