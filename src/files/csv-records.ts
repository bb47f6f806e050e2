// The records of a CSV text stream, in batches, exactly as csv-parse reads them with the options
// table-stream uses ({ delimiter, relax_quotes, relax_column_count, skip_empty_lines: false, bom,
// from_line }) — but a line without a double quote, which is nearly every line an ERP writes, is
// split by hand: csv-parse works byte by byte through its own buffers and costs several
// microseconds a row, a plain split a fraction of one.
//
// How the two agree: csv-parse discovers the record delimiter from the first line break it meets
// outside quotes (\r\n, else \n, else \r) and then splits on that alone; a record without quotes is
// then exactly its line split on the delimiter. The first line that holds a quote hands the rest of
// the stream to csv-parse itself, with the record delimiter already known and one empty line put in
// front for every line read so far — so its line counter, and with it every message it gives, is
// the same as if it had read the file from the start (those empty records are dropped again).
import { pipeline, Readable } from "node:stream";
import { parse } from "csv-parse";

export interface CsvRecordOptions {
  delimiter: string;
  /** The first line that holds records (2 after Excel's "sep=;" line). */
  fromLine: number;
}

const QUOTE = '"';
const BATCH = 1000;

/** Batches of records (cells as written, untrimmed); a problem of the file ends the stream with csv-parse's error. */
export async function* csvRecordBatches(chunks: AsyncIterable<string>, options: CsvRecordOptions): AsyncGenerator<string[][]> {
  const source = chunks[Symbol.asyncIterator]();
  const { delimiter, fromLine } = options;
  let buffer = "";
  let recordDelimiter: string | null = null;
  /** Line breaks consumed so far (csv-parse's line counter minus one). */
  let lines = 0;
  let first = true;
  let ended = false;

  while (!ended) {
    const next = await source.next();
    if (next.done) ended = true;
    else buffer += next.value;
    if (first && buffer.length > 0) {
      // bom: csv-parse drops one byte-order mark at the very start.
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      first = false;
    }
    if (recordDelimiter === null) {
      const nl = buffer.search(/[\r\n]/);
      const quote = buffer.indexOf(QUOTE);
      // A quote before the first line break: csv-parse may find the break inside quotes; it reads all.
      if (quote >= 0 && (nl < 0 || quote < nl)) return yield* handOver(buffer, source, options, null, 0);
      if (nl < 0 || (buffer[nl] === "\r" && nl === buffer.length - 1 && !ended)) {
        if (!ended) continue;
      } else recordDelimiter = buffer[nl] === "\r" ? (buffer[nl + 1] === "\n" ? "\r\n" : "\r") : "\n";
    }
    const batch: string[][] = [];
    let pos = 0;
    if (recordDelimiter !== null) {
      // The next quote and line-break characters: a line with a quote, or with a line break that is
      // not the record delimiter (csv-parse counts those as lines too), goes to csv-parse.
      let quote = buffer.indexOf(QUOTE);
      let cr = buffer.indexOf("\r");
      let lf = buffer.indexOf("\n");
      for (;;) {
        const end = buffer.indexOf(recordDelimiter, pos);
        if (end < 0) break;
        while (quote >= 0 && quote < pos) quote = buffer.indexOf(QUOTE, pos);
        while (cr >= 0 && cr < pos) cr = buffer.indexOf("\r", pos);
        while (lf >= 0 && lf < pos) lf = buffer.indexOf("\n", pos);
        // Within the line [pos, end): the delimiter itself starts at end.
        if ((quote >= 0 && quote < end) || (cr >= 0 && cr < end) || (lf >= 0 && lf < end)) {
          if (batch.length > 0) yield batch;
          return yield* handOver(buffer.slice(pos), source, options, recordDelimiter, lines);
        }
        lines += 1;
        if (lines >= fromLine) batch.push(buffer.slice(pos, end).split(delimiter));
        pos = end + recordDelimiter.length;
        // Small batches: rows live shortly (young garbage), not a megabyte of the file at a time.
        if (batch.length >= BATCH) {
          yield batch.splice(0);
        }
      }
    }
    buffer = buffer.slice(pos);
    if (ended && buffer !== "") {
      // The last record, without a line break after it.
      if (/["\r\n]/.test(buffer)) {
        if (batch.length > 0) yield batch;
        return yield* handOver(buffer, source, options, recordDelimiter, lines);
      }
      if (lines + 1 >= fromLine) batch.push(buffer.split(delimiter));
    }
    if (batch.length > 0) yield batch;
  }
}

/** The rest of the stream through csv-parse, `lines` line breaks already read (see the header). */
async function* handOver(rest: string, source: AsyncIterator<string>, options: CsvRecordOptions, recordDelimiter: string | null, lines: number): AsyncGenerator<string[][]> {
  const prefix = recordDelimiter === null ? "" : recordDelimiter.repeat(lines);
  async function* text() {
    yield prefix + rest;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  }
  // pipeline, not pipe: the decoder's failure (bytes that are not the encoding) reaches the reader.
  const parser = pipeline(
    Readable.from(text(), { objectMode: false }),
    parse({
      delimiter: options.delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // The byte-order mark, if any, was dropped before.
      bom: false,
      from_line: options.fromLine,
      ...(recordDelimiter === null ? {} : { record_delimiter: recordDelimiter }),
    }),
    () => {},
  );
  // The empty lines put in front come out as empty records (those before from_line do not).
  let skip = Math.max(0, lines - (options.fromLine - 1));
  let batch: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (skip > 0) {
        skip -= 1;
        continue;
      }
      batch.push(record);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (batch.length > 0) yield batch;
    throw error;
  }
  if (batch.length > 0) yield batch;
}
