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

export function packLines(lines: readonly StagedLine[]): Buffer {
  const n = lines.length;
  const texts = new Array<string>(6 * n);
  for (let i = 0; i < n; i++) {
    const l = lines[i] as StagedLine;
    texts[6 * i] = l[S.invoice];
    texts[6 * i + 1] = l[S.date];
    texts[6 * i + 2] = l[S.debtor];
    texts[6 * i + 3] = l[S.product];
    texts[6 * i + 4] = l[S.rep];
    texts[6 * i + 5] = l[S.rayon];
  }
  const text = Buffer.from(texts.join(SEPARATOR), "utf8");
  const floatsAt = align8(HEADER_BYTES + 12 * n);
  const textAt = floatsAt + 24 * n;
  const buffer = new ArrayBuffer(textAt + text.length);
  new Int32Array(buffer, 0, 4).set([VERSION, n, text.length, 0]);
  const ints = new Int32Array(buffer, HEADER_BYTES, 3 * n);
  const floats = new Float64Array(buffer, floatsAt, 3 * n);
  for (let i = 0; i < n; i++) {
    const l = lines[i] as StagedLine;
    ints[3 * i] = l[S.row];
    ints[3 * i + 1] = l[S.line];
    ints[3 * i + 2] = l[S.credit];
    floats[3 * i] = l[S.quantity];
    floats[3 * i + 1] = l[S.revenue];
    const cost = l[S.cost];
    floats[3 * i + 2] = cost === null ? Number.NaN : cost;
  }
  new Uint8Array(buffer, textAt).set(text);
  return Buffer.from(buffer);
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

/** Stages one batch (lines in row order) inside the caller's transaction. */
export async function stageLines(trx: Db, importId: number, lines: readonly StagedLine[]): Promise<void> {
  if (lines.length === 0) return;
  const first = (lines[0] as StagedLine)[S.row];
  const last = (lines[lines.length - 1] as StagedLine)[S.row];
  await trx.insertInto("sales_import_batches").values({ job_id: importId, first_row: first, last_row: last, lines: lines.length, data: packLines(lines) }).execute();
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
