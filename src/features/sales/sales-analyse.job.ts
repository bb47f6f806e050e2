// Analysis of a sales import, in a worker thread: stream the file, map its columns, read and check
// every row, stage the good lines, resolve every distinct debtor, product, rep and rayon once, and
// count what the commit would create, change and leave. Nothing reaches sales_lines here, so a file
// with any problem imports nothing; the report lists each problem by row and column.
//
// Memory stays bounded: rows are staged in batches, distinct keys are few (debtors, products), and
// duplicate (invoice, line) pairs are found with one 64-bit number per row (hash + row index),
// sorted once at the end — 80 MB for 10 million rows instead of a set of strings.
//
// Speed (10 million rows, bench/sales.bench.ts): the file comes in batches of rows (files/
// csv-records.ts splits plain lines without csv-parse); a row whose cells were all met before is read
// from what readSalesLine made of them then (sales-line-reader.ts), any other row by readSalesLine
// itself; the duplicate hashes are written as two 32-bit halves, with no BigInt per row.
import { addDays } from "../../domain/calendar.js";
import { decimalSeparatorOf } from "../../domain/dutch-input.js";
import { debtorKey, personKey, productKey, readSalesLine, REQUIRED_SALES_FIELDS, type SalesField } from "../../domain/sales-line.js";
import { normalizeKey } from "../../domain/text.js";
import { openTableStream, TableReadError } from "../../files/table-stream.js";
import { AppError } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { clearProblems, ProblemLog } from "../imports/import-problems.js";
import { importSourceOf } from "./sales-import-files.js";
import type { JobContext, JobHandler } from "../jobs/job-handler.js";
import { JobCancelled } from "../jobs/job-handler.js";
import { matchProducts } from "../products/product.service.js";
import { matchRayons } from "../reference/reference.service.js";
import { matchDebtors } from "../relations/relation-sales.service.js";
import { matchSalespeople } from "./salespeople.service.js";
import { importKeys, type SalesImportRow, salesImportRow, type SalesMapping, writeAnalysis } from "./sales-import.repository.js";
import { own, type ReadLine, SalesLineReader } from "./sales-line-reader.js";
import { existingLines, sameLine } from "./sales-commit-lines.js";
import { deleteStagedLines, S, type StagedLine, StagedLines, StagingBatch, stagedLinesAt, stageLines } from "./sales-staging.js";

/** Staged lines a batch (one packed row, sales-staging.ts): about a megabyte, a few milliseconds of SQLite's write lock. */
const BATCH_ROWS = 20_000;

export interface SalesAnalysis {
  rows: number;
  lines: { new: number; changed: number; unchanged: number };
  problems: number;
  credits: number;
  unknown: { debtors: number; products: number; reps: number; rayons: number };
  /** Debtors that are dead in Koers: their lines are imported, their status stays dead. */
  deadDebtors: { id: number; name: string }[];
  /** Created at commit (--create-missing): counts by kind. */
  toCreate: { debtors: number; products: number; reps: number; rayons: number };
}

interface KeyInfo {
  data: Record<string, string | null>;
  firstRow: number;
  rows: number;
}

/**
 * The duplicate check's number of a row, as the two 32-bit halves of one 64-bit value: a 36-bit hash
 * of (invoice, line) — FNV-1a in two lanes — above the 28-bit row number. Written into the halves
 * directly, since a BigInt per row costs more than the hash.
 */
function writeRowHash(halves: Uint32Array, index: number, invoice: string, line: number, row: number): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const step = (c: number) => {
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  };
  for (let i = 0; i < invoice.length; i++) step(invoice.charCodeAt(i));
  step(0);
  const digits = String(line);
  for (let i = 0; i < digits.length; i++) step(digits.charCodeAt(i));
  // Little-endian: the high half of entry i is halves[2i + 1].
  halves[2 * index + 1] = a >>> 0;
  halves[2 * index] = (((b & 0xf) << 28) | (row & 0xfffffff)) >>> 0;
}

/** One 64-bit entry per row, in chunks (no doubling copies); joined once, to be sorted. */
class RowHashes {
  private readonly chunks: BigUint64Array[] = [];
  private filled = 0;
  count = 0;
  private static readonly CHUNK = 1 << 20;

  private halves = new Uint32Array(0);

  add(invoice: string, line: number, row: number): void {
    if (this.chunks.length === 0 || this.filled === RowHashes.CHUNK) {
      const chunk = new BigUint64Array(RowHashes.CHUNK);
      this.chunks.push(chunk);
      this.halves = new Uint32Array(chunk.buffer);
      this.filled = 0;
    }
    writeRowHash(this.halves, this.filled, invoice, line, row);
    this.filled += 1;
    this.count += 1;
  }

  /** All entries in one array; the chunks are let go one by one while it is filled. */
  joined(): BigUint64Array {
    const out = new BigUint64Array(this.count);
    let at = 0;
    while (this.chunks.length > 0) {
      const chunk = this.chunks.shift() as BigUint64Array;
      const n = Math.min(chunk.length, this.count - at);
      out.set(chunk.subarray(0, n), at);
      at += n;
    }
    return out;
  }
}

export const salesAnalyseJob: JobHandler<{ importId: number }> = async (ctx) => analyseSales(ctx);

async function analyseSales(ctx: JobContext<{ importId: number }>): Promise<SalesAnalysis> {
  const { db } = ctx;
  const job = await salesImportRow(db, ctx.params.importId);
  const mapping = job.mapping;
  const missing = REQUIRED_SALES_FIELDS.filter((f) => mapping[f] === undefined);
  if (missing.length > 0) throw new AppError("validation_failed", `The file has no column for ${missing.join(", ")}; choose the columns first`, missing.map((f) => ({ field: `mapping.${f}`, code: "import_field_required", message: "needs a column" })));

  await deleteStagedLines(ctx, job.id);
  await db.deleteFrom("sales_import_keys").where("job_id", "=", job.id).execute();
  await clearProblems(db, job.id);
  const problems = new ProblemLog(db, job.id);

  const source = await importSourceOf(db, job);
  const opened = await openTableStream(source, job.file_name, { maxBytes: Number.MAX_SAFE_INTEGER, maxRows: 50_000_000 });
  if (!opened.ok) throw new AppError(opened.error.code === "too_large" ? "payload_too_large" : "bad_request", `${job.file_name}: ${opened.error.message}`);
  const table = opened.value;
  const headerOf = (f: SalesField) => table.headers[mapping[f] ?? -1] ?? f;
  const today = amsterdamDate(ctx.now());
  const window = { earliest: "1990-01-01", latest: addDays(today, 1) };

  const keys = { debtor: new Map<string, KeyInfo>(), product: new Map<string, KeyInfo>(), rep: new Map<string, KeyInfo>(), rayon: new Map<string, KeyInfo>() };
  /** The previous row's debtor, rep and rayon keys and their counts (see stageLine). */
  const last: { debtor: string | null; debtorInfo: KeyInfo | undefined; rep: string | null; repInfo: KeyInfo | undefined; rayon: string | null; rayonInfo: KeyInfo | undefined } = {
    debtor: null,
    debtorInfo: undefined,
    rep: null,
    repInfo: undefined,
    rayon: null,
    rayonInfo: undefined,
  };
  /** Counts a row of a key met before; false for a new key (then `first` records it). */
  const seen = (map: Map<string, KeyInfo>, key: string) => {
    const info = map.get(key);
    if (info === undefined) return false;
    info.rows += 1;
    return true;
  };
  const first = (map: Map<string, KeyInfo>, key: string, row: number, data: Record<string, string | null>) => {
    map.set(own(key), { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, own(v)])), firstRow: row, rows: 1 });
  };
  // Which decimal separator each number column uses: the first unambiguous cell decides.
  const separators: Partial<Record<SalesField, { sep: "," | "."; row: number }>> = {};
  const NUMBER_FIELDS = ["quantity", "revenue", "cost"] as const;
  const reader = new SalesLineReader(mapping);
  const batchRows = BATCH_ROWS;
  const hashes = new RowHashes();
  let rowCount = 0;
  let credits = 0;
  const staged = new StagingBatch(BATCH_ROWS);
  // Files without a line column: lines are numbered within each run of the same invoice number.
  let runInvoice = "";
  let runLine = 0;

  const flush = async () => {
    if (staged.length === 0) return;
    // Packed before the first await: the batch is then free for the next lines.
    const packed = { firstRow: staged.rowAt(0), lastRow: staged.rowAt(staged.length - 1), lines: staged.length, data: staged.pack() };
    staged.clear();
    await db.transaction().execute(async (trx) => {
      // A crash restarts the analysis from the start: a lost commit costs nothing.
      await ctx.bulk.commitWithoutSync(trx);
      await stageLines(trx, ctx.params.importId, packed);
      await problems.flush(trx);
    });
  };

  /** A row by readSalesLine, its problems logged; the line when it has none. */
  const readSlowly = (cells: string[], rowNumber: number): ReadLine | null => {
    const cell = (f: SalesField) => {
      const i = mapping[f];
      return i === undefined ? "" : (cells[i] ?? "").trim();
    };
    const { line, problems: found } = readSalesLine(cell, window);
    for (const p of found) problems.add({ row: rowNumber, column: headerOf(p.field), code: p.code, message: p.message });
    const seps = [decimalSeparatorOf(cell("quantity")), decimalSeparatorOf(cell("revenue")), decimalSeparatorOf(cell("cost"))] as const;
    if (!line) {
      checkSeparators(seps, rowNumber);
      return null;
    }
    reader.learn(cells, line);
    return { line, debtorKey: debtorKey(line.debtor), productKey: productKey(line.product.code), repKey: personKey(line.rep), rayonKey: personKey(line.rayon), separators: seps };
  };

  const checkSeparators = (seps: ReadLine["separators"], rowNumber: number) => {
    for (let k = 0; k < 3; k++) {
      const sep = seps[k];
      if (sep === null || sep === undefined) continue;
      const f = NUMBER_FIELDS[k] as (typeof NUMBER_FIELDS)[number];
      const seen = separators[f];
      if (!seen) separators[f] = { sep, row: rowNumber };
      else if (seen.sep !== sep) {
        problems.add({ row: rowNumber, column: headerOf(f), code: "mixed_decimal_format", message: `uses a decimal ${sep === "," ? "comma" : "point"} while row ${seen.row} uses a decimal ${seen.sep === "," ? "comma" : "point"}; one file, one notation` });
      }
    }
  };

  const readFile = async () => {
    try {
      for await (const batch of table.batches) {
        for (const { rowNumber, cells } of batch) {
          let read = reader.read(cells);
          if (read === null) {
            read = readSlowly(cells, rowNumber);
            if (read === null) continue;
          }
          checkSeparators(read.separators, rowNumber);
          const line = read.line;
          let lineNumber = line.lineNumber;
          if (lineNumber === null) {
            if (line.invoiceNumber !== runInvoice) {
              runInvoice = line.invoiceNumber;
              runLine = 0;
            }
            runLine += 1;
            lineNumber = runLine;
          }
          if (line.credit) credits += 1;
          stageLine(read, lineNumber, rowNumber);
          if (staged.length >= batchRows) {
            await flush();
            await ctx.progress(Math.min(rowCount, source.size), null, `${rowCount.toLocaleString("nl-NL")} regels gelezen`);
            if (ctx.cancelled()) throw new JobCancelled();
          }
        }
      }
    } catch (error) {
      if (!(error instanceof TableReadError)) throw error;
      problems.add({ row: error.row, column: "", code: "file_unreadable", message: error.message });
    }
    await flush();
  };
  // SQLite: a checkpoint of the write-ahead log every 64 MB of staged lines, not every 4 MB.
  const restore = await ctx.bulk.tune({ checkpointMb: 64 });
  try {
    await readFile();
  } finally {
    await restore();
  }

  function stageLine(read: ReadLine, lineNumber: number, rowNumber: number): void {
    const { line, debtorKey: dKey, productKey: pKey, repKey: rKey, rayonKey: yKey } = read;
    // The first rayon a debtor is invoiced in is the rayon it gets if it has to be created. No
    // closure or object a row for keys met before (nearly every row): 4 million of them at a
    // million lines cost 2 s of the analysis's CPU and young garbage.
    // The lines of an invoice follow each other: its debtor, rep and rayon are mostly the previous
    // row's (the same string, compared without a lookup).
    if (dKey === last.debtor && last.debtorInfo !== undefined) last.debtorInfo.rows += 1;
    else {
      if (!seen(keys.debtor, dKey)) first(keys.debtor, dKey, rowNumber, { ...line.debtor, rayon: line.rayon });
      last.debtor = dKey;
      last.debtorInfo = keys.debtor.get(dKey);
    }
    if (!seen(keys.product, pKey)) first(keys.product, pKey, rowNumber, { code: line.product.code, name: line.product.name });
    if (rKey !== "") {
      if (rKey === last.rep && last.repInfo !== undefined) last.repInfo.rows += 1;
      else {
        if (!seen(keys.rep, rKey)) first(keys.rep, rKey, rowNumber, { text: line.rep });
        last.rep = rKey;
        last.repInfo = keys.rep.get(rKey);
      }
    }
    if (yKey !== "") {
      if (yKey === last.rayon && last.rayonInfo !== undefined) last.rayonInfo.rows += 1;
      else {
        if (!seen(keys.rayon, yKey)) first(keys.rayon, yKey, rowNumber, { text: line.rayon });
        last.rayon = yKey;
        last.rayonInfo = keys.rayon.get(yKey);
      }
    }
    hashes.add(line.invoiceNumber, lineNumber, rowNumber);
    rowCount += 1;
    staged.push(rowNumber, line.invoiceNumber, lineNumber, line.invoiceDate, dKey, pKey, rKey, yKey, line.quantityMilli, line.revenueCents, line.costCents, line.credit ? 1 : 0);
  }

  await ctx.progress(rowCount, rowCount, "dubbele regels zoeken");
  await findDuplicates(ctx, hashes.joined(), problems);
  await ctx.progress(rowCount, rowCount, "debiteuren en artikelen zoeken");
  const resolved = await resolveKeys(ctx, keys, job.options.createMissing, problems, headerOf);
  await problems.flush();
  const lines = await planCounts(ctx, job.id, rowCount);
  const analysis: SalesAnalysis = { rows: rowCount, lines, problems: problems.count, credits, ...resolved };
  await writeAnalysis(db, job.id, problems.count === 0 ? "analysed" : "invalid", analysis);
  return analysis;
}

/** Duplicate (invoice, line) pairs in the file: equal hashes side by side after one sort, confirmed exactly. */
async function findDuplicates(ctx: JobContext<{ importId: number }>, hashes: BigUint64Array, problems: ProblemLog): Promise<void> {
  hashes.sort();
  const halves = new Uint32Array(hashes.buffer, hashes.byteOffset, hashes.length * 2);
  // Entry i: hash = high half and the top 4 bits of the low half; row = the low 28 bits.
  const sameHash = (i: number, j: number) => halves[2 * i + 1] === halves[2 * j + 1] && (halves[2 * i] as number) >>> 28 === (halves[2 * j] as number) >>> 28;
  const suspects: number[][] = [];
  for (let i = 0; i < hashes.length; ) {
    let j = i + 1;
    while (j < hashes.length && sameHash(i, j)) j++;
    if (j - i > 1) {
      const rows: number[] = [];
      for (let k = i; k < j; k++) rows.push((halves[2 * k] as number) & 0xfffffff);
      suspects.push(rows);
    }
    i = j;
  }
  // Every suspect's line at once: each staged batch is unpacked once, however many groups it holds.
  const lineAt = new Map((await stagedLinesAt(ctx.db, ctx.params.importId, suspects.flat())).map((l) => [l[S.row], l]));
  for (const group of suspects) {
    const rows = group
      .map((row) => lineAt.get(row))
      .filter((l): l is StagedLine => l !== undefined)
      .map((l) => ({ row_number: l[S.row], invoice_number: l[S.invoice], line_number: l[S.line] }))
      .sort((x, y) => x.row_number - y.row_number);
    const byKey = new Map<string, number[]>();
    for (const r of rows) {
      const k = `${r.invoice_number}\u0000${r.line_number}`;
      byKey.set(k, [...(byKey.get(k) ?? []), r.row_number]);
    }
    for (const [k, rowNumbers] of byKey) {
      if (rowNumbers.length < 2) continue;
      const [invoice, lineNumber] = k.split("\u0000");
      for (const row of rowNumbers.slice(1)) {
        problems.add({ row, column: "", code: "duplicate_line", message: `invoice ${invoice} line ${lineNumber} is also on row ${rowNumbers[0]}` });
      }
    }
  }
}

async function resolveKeys(
  ctx: JobContext<{ importId: number }>,
  keys: Record<"debtor" | "product" | "rep" | "rayon", Map<string, KeyInfo>>,
  createMissing: boolean,
  problems: ProblemLog,
  headerOf: (f: SalesField) => string,
): Promise<Pick<SalesAnalysis, "unknown" | "deadDebtors" | "toCreate">> {
  const { db } = ctx;
  const debtorList = [...keys.debtor.entries()];
  const debtors = await matchDebtors(
    db,
    debtorList.map(([key, k]) => ({ key, number: k.data.number ?? null, kvk: k.data.kvk ?? null, name: k.data.name ?? null, postcode: k.data.postcode ?? null })),
  );
  const products = await matchProducts(db, [...keys.product.values()].map((k) => k.data.code as string));
  const reps = await matchSalespeople(db, [...keys.rep.values()].map((k) => k.data.text as string));
  const rayons = await matchRayons(db, [...keys.rayon.values()].map((k) => k.data.text as string));
  const rows: unknown[][] = [];
  const unknown = { debtors: 0, products: 0, reps: 0, rayons: 0 };
  const dead: { id: number; name: string }[] = [];
  const report = (field: SalesField, kind: keyof typeof unknown, info: KeyInfo, label: string) => {
    unknown[kind] += 1;
    if (createMissing) return;
    const more = info.rows > 1 ? ` (and on ${(info.rows - 1).toLocaleString("en")} more row${info.rows > 2 ? "s" : ""})` : "";
    problems.add({ row: info.firstRow, column: headerOf(field), code: `unknown_${kind.slice(0, -1)}`, message: `${label} is not known in Koers${more}; add it, or import with "create missing"` });
  };
  for (const [key, info] of debtorList) {
    const match = debtors.get(key);
    if (match?.status === "dead") dead.push({ id: match.id, name: match.name });
    if (!match) report("debtor", "debtors", info, `debtor ${info.data.number ?? info.data.kvk ?? info.data.name}`);
    rows.push(["debtor", key, info.data, match?.id ?? null, info]);
  }
  for (const [key, info] of keys.product) {
    const match = products.get(key);
    if (!match) report("product", "products", info, `product ${info.data.code}`);
    rows.push(["product", key, info.data, match?.id ?? null, info]);
  }
  for (const [key, info] of keys.rep) {
    const id = reps.get(key);
    if (id === undefined) report("rep", "reps", info, `salesperson ${info.data.text}`);
    rows.push(["rep", key, info.data, id ?? null, info]);
  }
  for (const [key, info] of keys.rayon) {
    const id = rayons.get(normalizeKey(info.data.text as string));
    if (id === undefined) report("rayon", "rayons", info, `rayon ${info.data.text}`);
    rows.push(["rayon", key, info.data, id ?? null, info]);
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("sales_import_keys")
      .values(
        rows.slice(i, i + 500).map(([kind, key, data, id, info]) => ({
          job_id: ctx.params.importId,
          kind: kind as "debtor",
          key: key as string,
          data: JSON.stringify(data),
          resolved_id: id as number | null,
          first_row: (info as KeyInfo).firstRow,
          rows: (info as KeyInfo).rows,
        })),
      )
      .execute();
  }
  return { unknown, deadDebtors: dead.slice(0, 100), toCreate: createMissing ? unknown : { debtors: 0, products: 0, reps: 0, rayons: 0 } };
}

/**
 * New, changed and unchanged lines against sales_lines (every line is new when there are none yet):
 * the staged lines batch by batch, the lines already there looked up by invoice, compared as the
 * commit compares them (with the ids the keys resolved to; an unknown debtor or product matches none).
 */
async function planCounts(ctx: JobContext<{ importId: number }>, importId: number, rows: number): Promise<SalesAnalysis["lines"]> {
  const any = await ctx.db.selectFrom("sales_lines").select("id").limit(1).executeTakeFirst();
  if (!any) return { new: rows, changed: 0, unchanged: 0 };
  const resolved = { debtor: new Map<string, number>(), product: new Map<string, number>(), rep: new Map<string, number>(), rayon: new Map<string, number>() };
  for (const k of await importKeys(ctx.db, importId)) if (k.resolved_id !== null) resolved[k.kind].set(k.key, k.resolved_id);
  const staged = new StagedLines(ctx.db, importId, 0);
  let existing = 0;
  let same = 0;
  for (;;) {
    const batch = await staged.next(5_000);
    if (batch.length === 0) break;
    const found = await existingLines(ctx.db, batch);
    for (const l of batch) {
      const old = found.get(`${l[S.invoice]}\u0000${l[S.line]}`);
      if (!old) continue;
      existing += 1;
      const facts = {
        debtorId: resolved.debtor.get(l[S.debtor]) ?? -1,
        productId: resolved.product.get(l[S.product]) ?? -1,
        salespersonId: resolved.rep.get(l[S.rep]) ?? 0,
        rayonId: resolved.rayon.get(l[S.rayon]) ?? 0,
        quantityMilli: l[S.quantity],
        revenueCents: l[S.revenue],
        costCents: l[S.cost],
      };
      if (sameLine(old, l[S.date], facts)) same += 1;
    }
  }
  return { new: rows - existing, changed: existing - same, unchanged: same };
}

export type { SalesImportRow, SalesMapping };
