// The staged lines of a sales import written to sales_lines in resumable batches, with their
// rollup deltas. Each batch — its lines and the checkpoint — is one transaction, so a killed
// process resumes after the last whole batch and no line is written twice.
//
// On SQLite batches are as large as fit in LOCK_HOLD_MS of writing (learnt from the last one) and
// are read and reckoned with the write lock free (db/bulk.ts, yieldLock): the server's event loop
// never waits long behind an import. On PostgreSQL they are as large as MAX_BATCH.
//
// Rollups: the deltas of the lines a load creates are summed in memory over many batches and written
// together (a debtor × month key is then written a few times, not once per batch it appears in); the
// checkpoint says up to which row the rollups hold (rolledUpTo) and how far a write of summed deltas
// got. After a crash the deltas of the lines created since are summed again from those lines — same
// lines, same order, same deltas. Created lines are told from replaced ones by their id: ids only
// grow, so a line with an id above the largest at the start (maxIdAtStart) is one this load created.
// A replaced line's deltas (its old figures out, its new ones in) are written with its batch, since
// its old figures are gone once the batch is in.
//
// A first load (sales_lines empty at the start) sums no deltas: after its last line it builds the
// rollups with one INSERT … SELECT … GROUP BY per rollup over ranges of line ids (addLinesToRollups;
// the checkpoint's groupedTo says up to which id they hold), and it builds the secondary indexes of
// sales_lines and of two rollups once (sales-line-indexes.ts) instead of keeping them row by row. Later loads keep the
// delta path above: their lines mix with lines already counted.
import { sql } from "kysely";
import { LOCK_HOLD_MS } from "../../db/bulk.js";
import type { Db } from "../../db/kysely.js";
import { monthKeyOfDate } from "../../domain/sales-period.js";
import { AppError } from "../../server/errors.js";
import { JobCancelled, type JobContext } from "../jobs/job-handler.js";
import { SALES_LINE_COLUMNS } from "./sales-import.repository.js";
import { S, type StagedLine, StagedLines } from "./sales-staging.js";
import { buildLineIndexes, dropLineIndexes } from "./sales-line-indexes.js";
import { addLinesToRollups, type KeyBounds, type LineFacts, RollupDeltas, type RollupRow } from "./sales-rollups.js";

export interface CommitCheckpoint {
  lastRow: number;
  done: number;
  created: number;
  replaced: number;
  unchanged: number;
  /** sales_lines was empty when the commit began: no line can exist yet, so none is looked up. */
  emptyAtStart: boolean;
  /** The largest sales_lines id at the start: larger ones are lines this load created. */
  maxIdAtStart?: number;
  /** The rollups hold the deltas of the lines up to this row. */
  rolledUpTo?: number;
  /** Summed deltas of the lines up to row `upTo` being written; `written` rows of them are in. */
  flushing?: { upTo: number; written: number };
  /** A first load: its rollups are built by GROUP BY after its last line, not from summed deltas. */
  grouped?: boolean;
  /** The rollups of a grouped load hold its lines up to this id. */
  groupedTo?: number;
}

export type Ids = { debtor: Map<string, number>; product: Map<string, number>; rep: Map<string, number>; rayon: Map<string, number> };

const FIRST_BATCH = 4_000;
const MIN_BATCH = 500;
const MAX_BATCH = 20_000;
/**
 * Summed deltas are written once they have this many keys (about 10 MB). ERP files come in date
 * order, so a month's keys stop coming once the month has passed: a larger sum (400,000 keys were
 * tried) saves hardly a rollup write and costs the server some 100 MB more at its peak.
 */
const FLUSH_KEYS = 100_000;
/** Lines grouped into the rollups per transaction: SQLite's first (then learnt), PostgreSQL's every one. */
const FIRST_GROUP = 20_000;
const MIN_GROUP = 2_000;
const MAX_GROUP = 500_000;
const PG_GROUP = 250_000;

interface Input {
  importId: number;
  ids: Ids;
  groups: Map<number, number | null>;
  total: number;
  /** Fixed sizes instead of learnt ones (tests of a resume at a given point). */
  fixed?: { batchLines: number; flushKeys: number };
}

/** Writes every staged line after the checkpoint; returns the final checkpoint. */
export async function writeStagedLines(ctx: JobContext<{ importId: number }, CommitCheckpoint>, input: Input, start: CommitCheckpoint): Promise<CommitCheckpoint> {
  const { db } = ctx;
  const { importId, ids, groups, total } = input;
  const bounds = keyBounds(ids, groups);
  let cp = start;
  // PostgreSQL: no shared lock to keep short, so the largest batches (fewer commits, each a sync).
  const learn = input.fixed === undefined && ctx.bulk.sharedWriteLock;
  let batchSize = input.fixed?.batchLines ?? (ctx.bulk.sharedWriteLock ? FIRST_BATCH : MAX_BATCH);
  const flushKeys = input.fixed?.flushKeys ?? FLUSH_KEYS;
  let freeSince = performance.now();
  /** Runs one write transaction with the checkpoint, after the lock was free a while; learns its length. */
  const write = async (next: CommitCheckpoint, work: (trx: Db) => Promise<void>): Promise<number> => {
    await ctx.bulk.yieldLock(performance.now() - freeSince);
    let held = 0;
    await ctx.commitBatch(next, async (trx) => {
      await ctx.bulk.commitWithoutSync(trx);
      const started = performance.now();
      await work(trx);
      held = performance.now() - started;
    });
    freeSince = performance.now();
    cp = next;
    return held;
  };
  const adapt = (size: number, rows: number, held: number) => (learn ? Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.round((rows * LOCK_HOLD_MS) / Math.max(1, held)) || size)) : size);

  /** Writes summed deltas (from row `skip` on) in transactions that each move the checkpoint with them. */
  const flush = async (deltas: RollupDeltas, upTo: number, skip = 0) => {
    const rows = deltas.rows();
    let size = batchSize;
    for (let at = skip; at < rows.count; ) {
      const part = rows.slice(at, at + size);
      at += part.length;
      const next: CommitCheckpoint = at < rows.count ? { ...cp, flushing: { upTo, written: at } } : { ...cp, rolledUpTo: upTo, flushing: undefined };
      const held = await write(next, (trx) => RollupDeltas.writeRows(trx, ctx.bulk, part));
      size = adapt(size, part.length, held);
    }
    if (rows.count <= skip) cp = { ...cp, rolledUpTo: upTo, flushing: undefined };
  };

  if (cp.maxIdAtStart === undefined) {
    // A fresh start, or a checkpoint of a version that wrote each later load's deltas with its batch.
    const max = cp.emptyAtStart ? 0 : await maxLineId(db);
    // Grouped only from a fresh start: a checkpoint of a version that summed a first load's deltas goes on summing.
    cp = { ...cp, maxIdAtStart: max, rolledUpTo: cp.rolledUpTo ?? (cp.emptyAtStart ? 0 : cp.lastRow), grouped: cp.emptyAtStart && cp.lastRow === 0 };
  }
  const grouped = cp.grouped === true;
  const since = { after: cp.maxIdAtStart as number };
  // A resumed load: finish the write that was under way, then sum what was created since.
  if (!grouped && cp.flushing) await flush(await deltasOfLines(ctx, importId, bounds, since.after, cp.rolledUpTo as number, cp.flushing.upTo), cp.flushing.upTo, cp.flushing.written);
  let pending = !grouped && (cp.rolledUpTo as number) < cp.lastRow ? await deltasOfLines(ctx, importId, bounds, since.after, cp.rolledUpTo as number, cp.lastRow) : new RollupDeltas(bounds);
  // A later load builds any index a first load stopped before (create … if not exists: nothing when there).
  if (cp.emptyAtStart) await dropLineIndexes(db);
  else await buildLineIndexes(db);
  const staged = new StagedLines(db, importId, cp.lastRow);
  const last = noLastKeys();

  try {
    for (;;) {
      if (ctx.cancelled()) throw new JobCancelled();
      // Read outside the write transaction (a read never waits for, nor holds up, a writer).
      const batch = await staged.next(batchSize);
      if (batch.length === 0) break;
      const next: CommitCheckpoint = { ...cp, lastRow: (batch[batch.length - 1] as StagedLine)[S.row], done: cp.done + batch.length };
      const existing = cp.emptyAtStart ? null : await existingLines(db, batch);
      const replacedDeltas = new RollupDeltas(bounds);
      const inserts: unknown[][] = [];
      const updates: { id: number; facts: LineFacts; row: StagedLine }[] = [];
      for (const s of batch) {
        const facts = factsOfStaged(s, ids, groups, last);
        const old = existing?.get(`${s[S.invoice]}\u0000${s[S.line]}`);
        if (!old) {
          inserts.push([s[S.invoice], s[S.line], s[S.date], facts.month, facts.debtorId, facts.productId, facts.productGroupId, facts.salespersonId, facts.rayonId, facts.quantityMilli, facts.revenueCents, facts.costCents, s[S.credit], importId, s[S.row]]);
          if (!grouped) pending.add(facts, 1);
          next.created += 1;
        } else if (sameLine(old, s[S.date], facts)) {
          next.unchanged += 1;
        } else {
          updates.push({ id: old.id, facts, row: s });
          replacedDeltas.add(factsOf(old), -1);
          replacedDeltas.add(facts, 1);
          next.replaced += 1;
        }
      }
      const held = await write(next, async (trx) => {
        for (const u of updates) await replaceLine(trx, u.id, u.row, u.facts, importId);
        if (inserts.length > 0) await ctx.bulk.insert(trx, SALES_LINE_COLUMNS, inserts);
        if (updates.length > 0) await replacedDeltas.write(trx, ctx.bulk);
      });
      batchSize = adapt(batchSize, batch.length, held);
      await ctx.progress(cp.done, total, `${cp.done.toLocaleString("nl-NL")} van ${total.toLocaleString("nl-NL")} regels`);
      if (pending.size >= flushKeys) {
        await flush(pending, cp.lastRow);
        pending = new RollupDeltas(bounds);
      }
    }
    await flush(pending, cp.lastRow);
    if (grouped) {
      // The rollups of a first load, from its lines: ranges of ids, each one transaction with the checkpoint.
      let size = input.fixed?.batchLines ?? (ctx.bulk.sharedWriteLock ? FIRST_GROUP : PG_GROUP);
      for (;;) {
        if (ctx.cancelled()) throw new JobCancelled();
        const after = cp.groupedTo ?? (cp.maxIdAtStart as number);
        const cut = await idAfter(db, after, size);
        if (cut === null) break;
        const upTo = await monthRunEnd(db, cut, size);
        const held = await write({ ...cp, groupedTo: upTo }, async (trx) => {
          // PostgreSQL: room to group a range in memory (the default 4 MB spills its sorts to disk).
          if (ctx.engine === "postgres") await sql`set local work_mem = '64MB'`.execute(trx);
          await addLinesToRollups(trx, importId, after, upTo);
        });
        if (learn) size = Math.max(MIN_GROUP, Math.min(MAX_GROUP, Math.round(((upTo - after) * LOCK_HOLD_MS) / Math.max(1, held)) || size));
        await ctx.progress(cp.done, total, "totalen per maand");
      }
    }
  } finally {
    // Also after a failure: sales_lines is never left without its indexes by a job that stopped.
    if (cp.emptyAtStart) await buildLineIndexes(db);
  }
  return cp;
}

/** The id `count` lines after id `after` (or the last one when fewer follow); null when none follows. */
async function idAfter(db: Db, after: number, count: number): Promise<number | null> {
  const row = await db
    .selectFrom((eb) => eb.selectFrom("sales_lines").select("id").where("id", ">", after).orderBy("id").limit(count).as("next"))
    .select((eb) => eb.fn.max("id").as("last"))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? null : Number(row.last);
}

/**
 * Where a range of lines to group ends: at id `cut`, or further, at the last line before the month
 * changes when that comes within `limit` more ids. ERP files come in date order, so a range then
 * holds whole months, and the rollup rows of a month (the first column of every rollup key) are
 * written by one transaction, not rewritten by the next one too. Any order stays correct (the
 * rollups add what they get), only slower.
 */
async function monthRunEnd(db: Db, cut: number, limit: number): Promise<number> {
  const row = await db
    .selectFrom("sales_lines")
    .select((eb) => eb.fn.min("id").as("next"))
    .where("id", ">", cut)
    .where("id", "<=", cut + limit)
    .where("month", "<>", (eb) => eb.selectFrom("sales_lines").select("month").where("id", "=", cut))
    .executeTakeFirst();
  return row?.next === null || row?.next === undefined ? cut : Number(row.next) - 1;
}

/** The largest id in sales_lines (0 when there is none). */
async function maxLineId(db: Db): Promise<number> {
  const row = await db.selectFrom("sales_lines").select((eb) => eb.fn.max("id").as("max")).executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max);
}

/** The deltas of the lines this import created (id above `idAbove`) after row `after` up to row `upTo`, in row order. */
async function deltasOfLines(ctx: JobContext, importId: number, bounds: KeyBounds, idAbove: number, after: number, upTo: number): Promise<RollupDeltas> {
  const deltas = new RollupDeltas(bounds);
  const query = ctx.db
    .selectFrom("sales_lines")
    .select(["month", "rayon_id", "salesperson_id", "product_group_id", "product_id", "relation_id", "quantity_milli", "revenue_cents", "cost_cents"])
    .where("import_job_id", "=", importId)
    .where("source_row", ">", after)
    .where("source_row", "<=", upTo)
    .where("id", ">", idAbove)
    // Row order, not id order: the order in which keys are first met must be that of the first run
    // (a write of summed deltas resumes at a position in it), and no engine promises ids in row order.
    .orderBy("source_row");
  for (const r of await ctx.bulk.rows(ctx.db, query)) {
    const cost = r[8];
    deltas.add(
      { month: r[0] as number, rayonId: r[1] as number, salespersonId: r[2] as number, productGroupId: r[3] as number, productId: r[4] as number, debtorId: r[5] as number, quantityMilli: Number(r[6]), revenueCents: Number(r[7]), costCents: cost === null ? null : Number(cost) },
      1,
    );
  }
  return deltas;
}

/**
 * The previous staged line's date, debtor, rep and rayon keys and what they resolved to: the lines
 * of an invoice follow each other, and a comparison with the previous key costs less than a map
 * lookup (which hashes the key, a fresh string out of the packed batch) or reading a month.
 */
interface LastKeys {
  date: string | null;
  month: number;
  debtor: string | null;
  debtorId: number | undefined;
  rep: string | null;
  repId: number;
  rayon: string | null;
  rayonId: number;
}

const noLastKeys = (): LastKeys => ({ date: null, month: 0, debtor: null, debtorId: undefined, rep: null, repId: 0, rayon: null, rayonId: 0 });

function factsOfStaged(s: StagedLine, ids: Ids, groups: Map<number, number | null>, last: LastKeys): LineFacts {
  const productId = ids.product.get(s[S.product] as string);
  const debtorKey = s[S.debtor] as string;
  if (debtorKey !== last.debtor) {
    last.debtor = debtorKey;
    last.debtorId = ids.debtor.get(debtorKey);
  }
  const debtorId = last.debtorId;
  if (productId === undefined || debtorId === undefined) throw new AppError("internal", `row ${s[S.row]}: debtor or product was not resolved`);
  const date = s[S.date] as string;
  if (date !== last.date) {
    last.date = date;
    last.month = monthKeyOfDate(date);
  }
  const rep = s[S.rep] as string;
  if (rep !== last.rep) {
    last.rep = rep;
    last.repId = ids.rep.get(rep) ?? 0;
  }
  const rayon = s[S.rayon] as string;
  if (rayon !== last.rayon) {
    last.rayon = rayon;
    last.rayonId = ids.rayon.get(rayon) ?? 0;
  }
  const cost = s[S.cost];
  return {
    month: last.month,
    rayonId: last.rayonId,
    salespersonId: last.repId,
    productId,
    productGroupId: groups.get(productId) ?? 0,
    debtorId,
    quantityMilli: Number(s[S.quantity]),
    revenueCents: Number(s[S.revenue]),
    costCents: cost === null ? null : Number(cost),
  };
}

async function replaceLine(trx: Db, id: number, s: StagedLine, facts: LineFacts, importId: number): Promise<void> {
  await trx
    .updateTable("sales_lines")
    .set({
      invoice_date: s[S.date] as string,
      month: facts.month,
      relation_id: facts.debtorId,
      product_id: facts.productId,
      product_group_id: facts.productGroupId,
      salesperson_id: facts.salespersonId,
      rayon_id: facts.rayonId,
      quantity_milli: facts.quantityMilli,
      revenue_cents: facts.revenueCents,
      cost_cents: facts.costCents,
      credit: s[S.credit] as 0 | 1,
      import_job_id: importId,
      source_row: s[S.row] as number,
    })
    .where("id", "=", id)
    .execute();
}

/** Bounds of the ids in this import's rollup keys (one number a key while they hold). */
function keyBounds(ids: Ids, groups: Map<number, number | null>): KeyBounds {
  const max = (values: Iterable<number | null>) => {
    let m = 0;
    for (const v of values) if (v !== null && v > m) m = v;
    return m + 1;
  };
  return { rayon: max(ids.rayon.values()), rep: max(ids.rep.values()), group: max(groups.values()), product: max(ids.product.values()), debtor: max(ids.debtor.values()) };
}

interface ExistingLine {
  id: number;
  invoice_date: string;
  month: number;
  relation_id: number;
  product_id: number;
  product_group_id: number;
  salesperson_id: number;
  rayon_id: number;
  quantity_milli: number;
  revenue_cents: number;
  cost_cents: number | null;
}

const factsOf = (l: ExistingLine): LineFacts => ({
  month: l.month,
  rayonId: l.rayon_id,
  salespersonId: l.salesperson_id,
  productGroupId: l.product_group_id,
  productId: l.product_id,
  debtorId: l.relation_id,
  quantityMilli: Number(l.quantity_milli),
  revenueCents: Number(l.revenue_cents),
  costCents: l.cost_cents === null ? null : Number(l.cost_cents),
});

/** Whether a line already there says what the staged one says (its product group aside). */
export function sameLine(old: ExistingLine, date: string, f: Omit<LineFacts, "month" | "productGroupId">): boolean {
  return (
    old.invoice_date === date &&
    old.relation_id === f.debtorId &&
    old.product_id === f.productId &&
    old.salesperson_id === f.salespersonId &&
    old.rayon_id === f.rayonId &&
    Number(old.quantity_milli) === f.quantityMilli &&
    Number(old.revenue_cents) === f.revenueCents &&
    (old.cost_cents === null ? null : Number(old.cost_cents)) === f.costCents
  );
}

/** The lines already in sales_lines with the invoice and line of a staged one, by "invoice NUL line". */
export async function existingLines(db: Db, batch: readonly StagedLine[]): Promise<Map<string, ExistingLine>> {
  const out = new Map<string, ExistingLine>();
  const invoices = [...new Set(batch.map((b) => b[S.invoice]))];
  for (let i = 0; i < invoices.length; i += 1000) {
    const rows = await db
      .selectFrom("sales_lines")
      .select(["id", "invoice_number", "line_number", "invoice_date", "month", "relation_id", "product_id", "product_group_id", "salesperson_id", "rayon_id", "quantity_milli", "revenue_cents", "cost_cents"])
      .where("invoice_number", "in", invoices.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(`${r.invoice_number}\u0000${r.line_number}`, r);
  }
  return out;
}

export type { RollupRow };
