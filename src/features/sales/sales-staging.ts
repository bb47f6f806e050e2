// The staged lines of a sales import: what the analysis read and checked, kept for the commit, as
// batches of packed lines (sales_import_batches, one row per batch) instead of a row per line. A row
// per line cost SQLite a B-tree insert, a read and a delete for every line — about a quarter of an
// import; a packed batch of 20,000 lines is one insert and one read of a megabyte.
//
// Packing of n lines: a header (version, n, byte length of the text), then per line three 32-bit
// integers (row, line number, credit), three 64-bit floats (quantity in milli-units, revenue and
// cost in cents, cost NaN when the file gave none; integers below 2^53 are exact), and the six
// texts per line (invoice, date, debtor, product, rep and rayon keys) as UTF-8 joined by NUL.
import { AppError } from "../../server/errors.js";
import type { Db } from "../../db/kysely.js";
import type { JobContext } from "../jobs/job-handler.js";

/** One staged line: row of the file, invoice, line, date (yyyy-mm-dd), the four keys, figures, credit flag. */
export type StagedLine = [
  row: number,
  invoice: string,
  line: number,
  date: string,
  debtorKey: string,
  productKey: string,
  repKey: string,
  rayonKey: string,
  quantityMilli: number,
  revenueCents: number,
  costCents: number | null,
  credit: 0 | 1,
];

/** Positions in a StagedLine. */
export const S = { row: 0, invoice: 1, line: 2, date: 3, debtor: 4, product: 5, rep: 6, rayon: 7, quantity: 8, revenue: 9, cost: 10, credit: 11 } as const;

const VERSION = 1;
const HEADER_BYTES = 16;
const SEPARATOR = "\u0000";
const align8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * A batch being staged, column by column: figures straight into typed arrays and texts into one
 * array, no tuple a line. The analysis fills one (20,000 lines) and reuses it after each flush: a
 * tuple a line lived until its batch was written, long enough to be promoted into V8's old
 * generation, so a million lines left some 100 MB of old garbage between collections.
 */
export class StagingBatch {
  length = 0;
  private ints: Int32Array;
  private floats: Float64Array;
  private texts: string[];

  constructor(private capacity = 1024) {
    this.ints = new Int32Array(3 * capacity);
    this.floats = new Float64Array(3 * capacity);
    this.texts = new Array<string>(6 * capacity);
  }

  push(row: number, invoice: string, line: number, date: string, debtor: string, product: string, rep: string, rayon: string, quantityMilli: number, revenueCents: number, costCents: number | null, credit: 0 | 1): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.ints[3 * i] = row;
    this.ints[3 * i + 1] = line;
    this.ints[3 * i + 2] = credit;
    this.floats[3 * i] = quantityMilli;
    this.floats[3 * i + 1] = revenueCents;
    this.floats[3 * i + 2] = costCents === null ? Number.NaN : costCents;
    const t = this.texts;
    t[6 * i] = invoice;
    t[6 * i + 1] = date;
    t[6 * i + 2] = debtor;
    t[6 * i + 3] = product;
    t[6 * i + 4] = rep;
    t[6 * i + 5] = rayon;
  }

  /** Row of the file of line i. */
  rowAt(i: number): number {
    return this.ints[3 * i] as number;
  }

  /** The lines packed (the format of the header), ready to store; the batch is left as it is. */
  pack(): Buffer {
    const n = this.length;
    const text = Buffer.from((n === this.capacity ? this.texts : this.texts.slice(0, 6 * n)).join(SEPARATOR), "utf8");
    const floatsAt = align8(HEADER_BYTES + 12 * n);
    const textAt = floatsAt + 24 * n;
    const buffer = new ArrayBuffer(textAt + text.length);
    new Int32Array(buffer, 0, 4).set([VERSION, n, text.length, 0]);
    new Int32Array(buffer, HEADER_BYTES, 3 * n).set(this.ints.subarray(0, 3 * n));
    new Float64Array(buffer, floatsAt, 3 * n).set(this.floats.subarray(0, 3 * n));
    new Uint8Array(buffer, textAt).set(text);
    return Buffer.from(buffer);
  }

  /** Empties the batch for the next lines (its arrays are kept). */
  clear(): void {
    this.length = 0;
  }

  private grow(): void {
    this.capacity *= 2;
    const ints = new Int32Array(3 * this.capacity);
    ints.set(this.ints);
    this.ints = ints;
    const floats = new Float64Array(3 * this.capacity);
    floats.set(this.floats);
    this.floats = floats;
    this.texts.length = 6 * this.capacity;
  }
}

export function packLines(lines: readonly StagedLine[]): Buffer {
  const batch = new StagingBatch(Math.max(1, lines.length));
  for (const l of lines) batch.push(l[S.row], l[S.invoice], l[S.line], l[S.date], l[S.debtor], l[S.product], l[S.rep], l[S.rayon], l[S.quantity], l[S.revenue], l[S.cost], l[S.credit]);
  return batch.pack();
}

export function unpackLines(data: Uint8Array): StagedLine[] {
  // The driver's buffer may start at any byte: typed arrays need their own alignment.
  const bytes = data.byteOffset % 8 === 0 ? data : new Uint8Array(data);
  const buffer = bytes.buffer;
  const base = bytes.byteOffset;
  const [version, n, textBytes] = new Int32Array(buffer, base, 4) as unknown as [number, number, number];
  if (version !== VERSION) throw new AppError("conflict", "The staged lines of this import are of another version; upload the file again");
  const floatsAt = align8(HEADER_BYTES + 12 * n);
  const textAt = floatsAt + 24 * n;
  const ints = new Int32Array(buffer, base + HEADER_BYTES, 3 * n);
  const floats = new Float64Array(buffer, base + floatsAt, 3 * n);
  const texts = Buffer.from(buffer, base + textAt, textBytes).toString("utf8").split(SEPARATOR);
  const out = new Array<StagedLine>(n);
  for (let i = 0; i < n; i++) {
    const cost = floats[3 * i + 2] as number;
    out[i] = [
      ints[3 * i] as number,
      texts[6 * i] as string,
      ints[3 * i + 1] as number,
      texts[6 * i + 1] as string,
      texts[6 * i + 2] as string,
      texts[6 * i + 3] as string,
      texts[6 * i + 4] as string,
      texts[6 * i + 5] as string,
      floats[3 * i] as number,
      floats[3 * i + 1] as number,
      Number.isNaN(cost) ? null : cost,
      ints[3 * i + 2] as 0 | 1,
    ];
  }
  return out;
}

/** Stages one batch (lines in row order, packed by StagingBatch.pack) inside the caller's transaction. */
export async function stageLines(trx: Db, importId: number, batch: { firstRow: number; lastRow: number; lines: number; data: Buffer }): Promise<void> {
  if (batch.lines === 0) return;
  await trx.insertInto("sales_import_batches").values({ job_id: importId, first_row: batch.firstRow, last_row: batch.lastRow, lines: batch.lines, data: batch.data }).execute();
}

/** How many lines an import has staged. */
export async function stagedLineCount(db: Db, importId: number): Promise<number> {
  const row = await db.selectFrom("sales_import_batches").select((eb) => eb.fn.sum<number>("lines").as("n")).where("job_id", "=", importId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The staged lines after a row, in row order, a batch at a time (reads take no write lock). */
export class StagedLines {
  private lines: StagedLine[] = [];
  private at = 0;
  private lastRowRead: number | null = null;
  private done = false;

  constructor(
    private readonly db: Db,
    private readonly importId: number,
    private afterRow: number,
  ) {}

  /** Up to `limit` lines; none when all are read. */
  async next(limit: number): Promise<StagedLine[]> {
    const out: StagedLine[] = [];
    while (out.length < limit) {
      if (this.at >= this.lines.length && !(await this.load())) break;
      const take = Math.min(limit - out.length, this.lines.length - this.at);
      for (let i = 0; i < take; i++) out.push(this.lines[this.at + i] as StagedLine);
      this.at += take;
    }
    return out;
  }

  private async load(): Promise<boolean> {
    if (this.done) return false;
    const base = this.db.selectFrom("sales_import_batches").select(["data", "last_row"]).where("job_id", "=", this.importId);
    // The first batch holding a row after afterRow; later ones follow the last read (primary key order).
    const row = await (this.lastRowRead === null ? base.where("last_row", ">", this.afterRow) : base.where("first_row", ">", this.lastRowRead)).orderBy("first_row").limit(1).executeTakeFirst();
    if (!row) {
      this.done = true;
      return false;
    }
    this.lastRowRead = row.last_row;
    const after = this.afterRow;
    const lines = unpackLines(row.data);
    this.lines = lines[0] !== undefined && lines[0][S.row] > after ? lines : lines.filter((l) => l[S.row] > after);
    this.at = 0;
    return true;
  }
}

/** The staged lines of the given rows (the duplicate check's suspects), each batch unpacked once. */
export async function stagedLinesAt(db: Db, importId: number, rows: readonly number[]): Promise<StagedLine[]> {
  if (rows.length === 0) return [];
  const batches = await db.selectFrom("sales_import_batches").select(["first_row", "last_row"]).where("job_id", "=", importId).orderBy("first_row").execute();
  const wanted = new Set(rows);
  const out: StagedLine[] = [];
  for (const b of batches) {
    if (!rows.some((r) => r >= b.first_row && r <= b.last_row)) continue;
    const row = await db.selectFrom("sales_import_batches").select("data").where("job_id", "=", importId).where("first_row", "=", b.first_row).executeTakeFirstOrThrow();
    for (const l of unpackLines(row.data)) if (wanted.has(l[S.row])) out.push(l);
  }
  return out;
}

/**
 * Removes the staged lines of an import (after its commit, or before it is analysed again) a few
 * batches a transaction: SQLite frees a batch's pages one by one, and one statement over ten
 * million lines would hold the write lock for seconds.
 */
export async function deleteStagedLines(ctx: Pick<JobContext, "db" | "bulk">, importId: number): Promise<void> {
  const { db } = ctx;
  const firsts = (await db.selectFrom("sales_import_batches").select("first_row").where("job_id", "=", importId).orderBy("first_row").execute()).map((r) => r.first_row);
  for (let i = 0; i < firsts.length; i += 8) {
    const part = firsts.slice(i, i + 8);
    await db.deleteFrom("sales_import_batches").where("job_id", "=", importId).where("first_row", "in", part).execute();
    await ctx.bulk.yieldLock(0);
  }
}
