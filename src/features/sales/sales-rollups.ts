// The one writer of the sales rollups. Every change to sales_lines passes its deltas through here in
// the same transaction (import batches), or — a first load into an empty sales_lines — its lines are
// grouped into them after the last one (addLinesToRollups, each range of lines one transaction with
// the import's checkpoint), so the rollups stay equal to a scan of the lines; `rebuild`
// recomputes them from the lines and `verify` proves the equality (koers sales rebuild).
//
// Why these rollups (../shared/PERFORMANCE-NOTES.md): SQLite's GROUP BY sorts every row it groups, so
// a report stays fast only when the rows it reads are few. rayon × rep × month (a few thousand
// rows) answers the rayon and rep questions over months; rayon × rep × product group × month the
// product group questions; rayon × product × month the product questions;
// rayon × rep × debtor × month the debtor questions; and per-debtor totals of the standard periods
// answer top-N and Pareto without grouping the debtor rollup at all.
import { sql } from "kysely";
import type { BulkTable, BulkWriter } from "../../db/bulk.js";
import type { Db } from "../../db/kysely.js";
import { addMonthKeys, STANDARD_PERIODS, standardWindow, type MonthKey } from "../../domain/sales-period.js";

/** What one sales line contributes (sign −1 takes an old version of a corrected line out). */
export interface LineFacts {
  month: number;
  rayonId: number;
  salespersonId: number;
  productGroupId: number;
  productId: number;
  debtorId: number;
  quantityMilli: number;
  revenueCents: number;
  /** null: no cost known (the line adds revenue, not costed revenue). */
  costCents: number | null;
}

const MEASURE_COLUMNS = ["quantity_milli", "revenue_cents", "cost_cents", "costed_revenue_cents", "lines"] as const;

const spec = (table: string, keys: readonly string[]): BulkTable => ({
  table,
  columns: [...["month", ...keys].map((k) => [k, "integer"] as const), ...MEASURE_COLUMNS.map((m) => [m, m === "lines" ? "integer" : "bigint"] as const)],
});

export const ROLLUPS = {
  rep: { table: "sales_by_rep", keys: ["rayon_id", "salesperson_id"] },
  group: { table: "sales_by_group", keys: ["rayon_id", "salesperson_id", "product_group_id"] },
  product: { table: "sales_by_product", keys: ["rayon_id", "product_id", "product_group_id"] },
  debtor: { table: "sales_by_debtor", keys: ["rayon_id", "salesperson_id", "debtor_id"] },
} as const;
type RollupName = keyof typeof ROLLUPS;

const SPECS: Record<RollupName, BulkTable> = {
  rep: spec(ROLLUPS.rep.table, ROLLUPS.rep.keys),
  group: spec(ROLLUPS.group.table, ROLLUPS.group.keys),
  product: spec(ROLLUPS.product.table, ROLLUPS.product.keys),
  debtor: spec(ROLLUPS.debtor.table, ROLLUPS.debtor.keys),
};

/** Ids in the rollup keys are below these (bounds make one number of a key); larger ones still work, slower. */
export interface KeyBounds {
  rayon: number;
  rep: number;
  group: number;
  product: number;
  debtor: number;
}

/** Month 199001 is slot 0 (no sales line is dated before 1990). */
const monthSlot = (month: number) => (Math.floor(month / 100) - 1990) * 12 + (month % 100) - 1;
const MONTH_SLOTS = 12 * 1000;

/**
 * The sums of one rollup per key. A key is one number (mixed radix over the key's bounds) when its
 * parts fit, else a string; the entry's parts and sums live in typed arrays, not in an object a key.
 */
class RollupSums {
  private readonly index = new Map<number | string, number>();
  private keys = new Int32Array(4 * 1024);
  private sums = new Float64Array(5 * 1024);
  size = 0;

  /** `keys`: how many of a, b, c the rollup has (a rollup of two keys is bumped with c = 0). */
  constructor(
    private readonly radix: readonly [number, number, number],
    private readonly keyCount: 2 | 3 = 3,
  ) {}

  bump(month: number, a: number, b: number, c: number, q: number, rv: number, co: number, cr: number, sign: number): void {
    const [ra, rb, rc] = this.radix;
    const slot = monthSlot(month);
    const id: number | string =
      slot >= 0 && slot < MONTH_SLOTS && a >= 0 && a < ra && b >= 0 && b < rb && c >= 0 && c < rc ? ((slot * ra + a) * rb + b) * rc + c : `${month},${a},${b},${c}`;
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.size++;
      if (i * 4 >= this.keys.length) this.grow();
      this.index.set(id, i);
      this.keys.set([month, a, b, c], 4 * i);
    }
    const s = 5 * i;
    const sums = this.sums;
    sums[s] = (sums[s] as number) + sign * q;
    sums[s + 1] = (sums[s + 1] as number) + sign * rv;
    sums[s + 2] = (sums[s + 2] as number) + sign * co;
    sums[s + 3] = (sums[s + 3] as number) + sign * cr;
    sums[s + 4] = (sums[s + 4] as number) + sign;
  }

  private grow(): void {
    const keys = new Int32Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const sums = new Float64Array(this.sums.length * 2);
    sums.set(this.sums);
    this.sums = sums;
  }

  /** Entries whose sums are not all zero, in the order their keys were first met. */
  nonZero(): Int32Array {
    const out = new Int32Array(this.size);
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const s = 5 * i;
      const sums = this.sums;
      if (sums[s] !== 0 || sums[s + 1] !== 0 || sums[s + 2] !== 0 || sums[s + 3] !== 0 || sums[s + 4] !== 0) out[n++] = i;
    }
    return out.subarray(0, n);
  }

  /** [month, a, b, (c,) quantity, revenue, cost, costed revenue, lines] of entry i. */
  row(i: number): number[] {
    const k = 4 * i;
    const s = 5 * i;
    const keys = this.keys;
    const sums = this.sums;
    const head = this.keyCount === 3 ? [keys[k] as number, keys[k + 1] as number, keys[k + 2] as number, keys[k + 3] as number] : [keys[k] as number, keys[k + 1] as number, keys[k + 2] as number];
    return [...head, sums[s] as number, sums[s + 1] as number, sums[s + 2] as number, sums[s + 3] as number, sums[s + 4] as number];
  }
}

/** Deltas of one batch, summed per rollup key before they are written (one upsert per key). */
export class RollupDeltas {
  private readonly sums: Record<RollupName, RollupSums>;

  constructor(bounds: KeyBounds = { rayon: 1 << 10, rep: 1 << 12, group: 1 << 12, product: 1 << 20, debtor: 1 << 22 }) {
    const r = (n: number) => Math.max(1, Math.ceil(n));
    this.sums = {
      rep: new RollupSums([r(bounds.rayon), r(bounds.rep), 1], 2),
      group: new RollupSums([r(bounds.rayon), r(bounds.rep), r(bounds.group)]),
      product: new RollupSums([r(bounds.rayon), r(bounds.product), r(bounds.group)]),
      debtor: new RollupSums([r(bounds.rayon), r(bounds.rep), r(bounds.debtor)]),
    };
  }

  add(f: LineFacts, sign: 1 | -1): void {
    const cost = f.costCents ?? 0;
    const costed = f.costCents === null ? 0 : f.revenueCents;
    const q = f.quantityMilli;
    const rv = f.revenueCents;
    this.sums.rep.bump(f.month, f.rayonId, f.salespersonId, 0, q, rv, cost, costed, sign);
    this.sums.group.bump(f.month, f.rayonId, f.salespersonId, f.productGroupId, q, rv, cost, costed, sign);
    this.sums.product.bump(f.month, f.rayonId, f.productId, f.productGroupId, q, rv, cost, costed, sign);
    this.sums.debtor.bump(f.month, f.rayonId, f.salespersonId, f.debtorId, q, rv, cost, costed, sign);
  }

  get size(): number {
    return this.sums.group.size + this.sums.product.size + this.sums.debtor.size;
  }

  /**
   * Every key whose sums are not all zero, rollup by rollup, each in the order it was first met:
   * how many there are, and rows `from` up to `to` of them (made only when asked for).
   */
  rows(): { count: number; slice(from: number, to: number): RollupRow[] } {
    const names = Object.keys(ROLLUPS) as RollupName[];
    const entries = names.map((name) => ({ name, sums: this.sums[name], at: this.sums[name].nonZero() }));
    const count = entries.reduce((n, e) => n + e.at.length, 0);
    return {
      count,
      slice: (from, to) => {
        const out: RollupRow[] = [];
        let base = 0;
        for (const e of entries) {
          for (let i = Math.max(from - base, 0); i < e.at.length && base + i < to; i++) out.push({ name: e.name, values: e.sums.row(e.at[i] as number) });
          base += e.at.length;
        }
        return out;
      },
    };
  }

  /** Adds the deltas to the rollups inside the caller's transaction. */
  async write(trx: Db, bulk: BulkWriter): Promise<void> {
    const rows = this.rows();
    await RollupDeltas.writeRows(trx, bulk, rows.slice(0, rows.count));
  }

  /** Adds rows of deltas (a slice of rows()) to their rollups inside the caller's transaction. */
  static async writeRows(trx: Db, bulk: BulkWriter, rows: readonly RollupRow[]): Promise<void> {
    for (const name of Object.keys(ROLLUPS) as RollupName[]) {
      const values = rows.filter((r) => r.name === name).map((r) => r.values);
      if (values.length > 0) await bulk.addInto(trx, SPECS[name], ["month", ...ROLLUPS[name].keys], MEASURE_COLUMNS, values);
    }
  }
}

/** One key of one rollup and its sums: [month, three key ids, quantity, revenue, cost, costed revenue, lines]. */
export interface RollupRow {
  name: RollupName;
  values: number[];
}

const SUMS_SQL = sql.raw(
  "cast(sum(quantity_milli) as bigint), cast(sum(revenue_cents) as bigint), cast(sum(coalesce(cost_cents, 0)) as bigint), cast(sum(case when cost_cents is null then 0 else revenue_cents end) as bigint), count(*)",
);

function rollupSelect(name: RollupName, from: number, to: number) {
  const keys = ROLLUPS[name].keys.map((k) => (k === "debtor_id" ? "relation_id" : k));
  return sql`select month, ${sql.raw(keys.join(", "))}, ${SUMS_SQL} from sales_lines where month between ${from} and ${to} group by month, ${sql.raw(keys.join(", "))}`;
}

/**
 * Adds the lines of import `importId` with an id in (afterId, upToId] to every rollup: one
 * INSERT … SELECT … GROUP BY per rollup, adding to a key already there (a key whose lines span two
 * id ranges is met by both). A first load builds its rollups this way after its last line, in
 * ranges of ids, instead of summing every line's deltas in JavaScript: the grouping and the writes
 * stay inside the engine. Ids are the rowid on SQLite and the primary key on PostgreSQL, so a range
 * is one range scan.
 *
 * sales_by_rep is not grouped from the lines: its key (month, rayon, rep) is a prefix of the debtor
 * rollup's, so its rows of the months the range touches are set to the sums of the debtor rollup's
 * rows of those months, which are already in key order (no sort) and some 50 times fewer than the
 * lines. That is the equality the rollups keep anyway (rep = the sum over its debtors), so it holds
 * however the lines are split into ranges. Grouping the range's lines for it cost about a quarter of
 * the grouping (a sort of every line for 4,800 rows at a million lines).
 */
export async function addLinesToRollups(trx: Db, importId: number, afterId: number, upToId: number): Promise<void> {
  for (const name of ["debtor", "group", "product"] as const) {
    const { table, keys } = ROLLUPS[name];
    const lineKeys = keys.map((k) => (k === "debtor_id" ? "relation_id" : k)).join(", ");
    const cols = ["month", ...keys, ...MEASURE_COLUMNS].join(", ");
    const add = MEASURE_COLUMNS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", ");
    // SQLite reads "… ON CONFLICT" after a SELECT as part of it unless the SELECT has a WHERE (it has).
    await sql`insert into ${sql.table(table)} (${sql.raw(cols)})
      select month, ${sql.raw(lineKeys)}, ${SUMS_SQL} from sales_lines
      where id > ${afterId} and id <= ${upToId} and import_job_id = ${importId}
      group by month, ${sql.raw(lineKeys)}
      on conflict (${sql.raw(["month", ...keys].join(", "))}) do update set ${sql.raw(add)}`.execute(trx);
  }
  const { table, keys } = ROLLUPS.rep;
  const cols = ["month", ...keys, ...MEASURE_COLUMNS].join(", ");
  const sums = MEASURE_COLUMNS.map((c) => `cast(sum(${c}) as ${c === "lines" ? "integer" : "bigint"})`).join(", ");
  const set = MEASURE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ");
  await sql`insert into ${sql.table(table)} (${sql.raw(cols)})
    select month, ${sql.raw(keys.join(", "))}, ${sql.raw(sums)} from sales_by_debtor
    where month between (select min(month) from sales_lines where id > ${afterId} and id <= ${upToId})
      and (select max(month) from sales_lines where id > ${afterId} and id <= ${upToId})
    group by month, ${sql.raw(keys.join(", "))}
    on conflict (${sql.raw(["month", ...keys].join(", "))}) do update set ${sql.raw(set)}`.execute(trx);
}

/** Recomputes every rollup from the lines, one year at a time (short write locks on SQLite). */
export async function rebuildRollups(db: Db, onYear: (year: number, index: number, years: number) => Promise<void> = async () => {}): Promise<void> {
  const range = await db.selectFrom("sales_lines").select((eb) => [eb.fn.min("month").as("lo"), eb.fn.max("month").as("hi")]).executeTakeFirst();
  // Raw SQL: sales_by_rep has no row type of its own (no code reads it but the report query).
  for (const name of Object.keys(ROLLUPS) as RollupName[]) await sql`delete from ${sql.table(ROLLUPS[name].table)}`.execute(db);
  if (!range?.lo || !range.hi) return;
  const first = Math.floor(Number(range.lo) / 100);
  const last = Math.floor(Number(range.hi) / 100);
  for (let year = first; year <= last; year++) {
    await db.transaction().execute(async (trx) => {
      for (const name of Object.keys(ROLLUPS) as RollupName[]) {
        const cols = ["month", ...ROLLUPS[name].keys, ...MEASURE_COLUMNS].join(", ");
        await sql`insert into ${sql.table(ROLLUPS[name].table)} (${sql.raw(cols)}) ${rollupSelect(name, year * 100 + 1, year * 100 + 12)}`.execute(trx);
      }
    });
    await onYear(year, year - first + 1, last - first + 1);
  }
}

/** Rows in which a rollup and a fresh scan of the lines differ (0 everywhere = equal). */
export async function verifyRollups(db: Db): Promise<Record<RollupName, number>> {
  const out = { rep: 0, group: 0, product: 0, debtor: 0 } as Record<RollupName, number>;
  for (const name of Object.keys(ROLLUPS) as RollupName[]) {
    const cols = ["month", ...ROLLUPS[name].keys, ...MEASURE_COLUMNS].join(", ");
    const stored = sql`select ${sql.raw(cols)} from ${sql.table(ROLLUPS[name].table)} where lines <> 0`;
    const scanned = rollupSelect(name, 0, 999999);
    const a = await sql<{ n: number }>`select count(*) as n from (${stored} except ${scanned}) d`.execute(db);
    const b = await sql<{ n: number }>`select count(*) as n from (${scanned} except ${stored}) d`.execute(db);
    out[name] = Number(a.rows[0]?.n ?? 0) + Number(b.rows[0]?.n ?? 0);
  }
  return out;
}

/**
 * The per-debtor totals of the standard periods as of `asOf` (replacing any older as-of), from the
 * debtor rollup. Runs after every import and when a new month starts.
 *
 * Summed here, not by one INSERT … SELECT … GROUP BY in one transaction: that held SQLite's write
 * lock for seconds at ten million lines. The debtor rollup's months are read one at a time (reads
 * take no write lock), summed per period, rayon and debtor, and written in short transactions; rows
 * that no longer have sums, and those of an older as-of, go last. While it runs a reader may see
 * some debtors' new totals beside others' old ones (as while an import commits); the as-of month
 * (debtorPeriodsAsOf, the oldest present) moves on only when the old rows are gone.
 */
export async function refreshDebtorPeriods(db: Db, asOf: MonthKey, yieldLock: (freeForMs: number) => Promise<void> = async () => {}): Promise<void> {
  const windows = STANDARD_PERIODS.map((p) => ({ period: p, ...standardWindow(p, asOf) }));
  const first = Math.min(...windows.map((w) => w.from));
  const last = Math.max(...windows.map((w) => w.to));
  // Key "period index,rayon,debtor" → [rayon, debtor, quantity, revenue, cost, costed revenue, lines].
  const sums = STANDARD_PERIODS.map(() => new Map<string, number[]>());
  for (let month = first; month <= last; month = addMonthKeys(month, 1)) {
    const rows = await db.selectFrom("sales_by_debtor").select(["rayon_id", "debtor_id", ...MEASURE_COLUMNS]).where("month", "=", month).execute();
    windows.forEach((w, p) => {
      if (month < w.from || month > w.to) return;
      const map = sums[p] as Map<string, number[]>;
      for (const r of rows) {
        const key = `${r.rayon_id},${r.debtor_id}`;
        let acc = map.get(key);
        if (!acc) {
          acc = [r.rayon_id, r.debtor_id, 0, 0, 0, 0, 0];
          map.set(key, acc);
        }
        acc[2] = (acc[2] as number) + Number(r.quantity_milli);
        acc[3] = (acc[3] as number) + Number(r.revenue_cents);
        acc[4] = (acc[4] as number) + Number(r.cost_cents);
        acc[5] = (acc[5] as number) + Number(r.costed_revenue_cents);
        acc[6] = (acc[6] as number) + Number(r.lines);
      }
    });
  }
  let freeSince = performance.now();
  const inTransaction = async (work: (trx: Db) => Promise<void>) => {
    await yieldLock(performance.now() - freeSince);
    await db.transaction().execute(work);
    freeSince = performance.now();
  };
  const WRITE = 2000;
  for (const [p, map] of sums.entries()) {
    const period = STANDARD_PERIODS[p] as string;
    const rows = [...map.values()];
    for (let i = 0; i < rows.length; i += WRITE) {
      const part = rows.slice(i, i + WRITE);
      await inTransaction(async (trx) => {
        // 500 rows × 9 values a statement stays under both engines' bound-parameter limits.
        for (let j = 0; j < part.length; j += 500) {
          await trx
            .insertInto("sales_debtor_periods")
            .values(
              part.slice(j, j + 500).map((r) => ({
                as_of_month: asOf,
                period,
                rayon_id: r[0] as number,
                debtor_id: r[1] as number,
                quantity_milli: r[2] as number,
                revenue_cents: r[3] as number,
                cost_cents: r[4] as number,
                costed_revenue_cents: r[5] as number,
                lines: r[6] as number,
              })),
            )
            .onConflict((oc) =>
              oc.columns(["as_of_month", "period", "rayon_id", "debtor_id"]).doUpdateSet((eb) => ({
                quantity_milli: eb.ref("excluded.quantity_milli"),
                revenue_cents: eb.ref("excluded.revenue_cents"),
                cost_cents: eb.ref("excluded.cost_cents"),
                costed_revenue_cents: eb.ref("excluded.costed_revenue_cents"),
                lines: eb.ref("excluded.lines"),
              })),
            )
            .execute();
        }
      });
    }
  }
  // What no longer belongs: rows of this as-of without sums now (few, one by one), and every row of
  // another as-of (in ranges of debtors, per as-of, period and rayon).
  const stored = await db.selectFrom("sales_debtor_periods").select(["as_of_month", "period", "rayon_id", "debtor_id"]).orderBy("as_of_month").orderBy("period").orderBy("rayon_id").orderBy("debtor_id").execute();
  const stale = stored.filter((r) => Number(r.as_of_month) === asOf && !sums[STANDARD_PERIODS.indexOf(r.period as (typeof STANDARD_PERIODS)[number])]?.has(`${r.rayon_id},${r.debtor_id}`));
  for (let i = 0; i < stale.length; i += WRITE) {
    const part = stale.slice(i, i + WRITE);
    await inTransaction(async (trx) => {
      for (const r of part) {
        await trx.deleteFrom("sales_debtor_periods").where("as_of_month", "=", r.as_of_month).where("period", "=", r.period).where("rayon_id", "=", r.rayon_id).where("debtor_id", "=", r.debtor_id).execute();
      }
    });
  }
  const older = stored.filter((r) => Number(r.as_of_month) !== asOf);
  for (let i = 0; i < older.length; ) {
    const head = older[i] as (typeof older)[number];
    let j = i;
    while (j < older.length && j - i < WRITE && older[j]?.as_of_month === head.as_of_month && older[j]?.period === head.period && older[j]?.rayon_id === head.rayon_id) j++;
    const lastDebtor = (older[j - 1] as (typeof older)[number]).debtor_id;
    await inTransaction(async (trx) => {
      await trx
        .deleteFrom("sales_debtor_periods")
        .where("as_of_month", "=", head.as_of_month)
        .where("period", "=", head.period)
        .where("rayon_id", "=", head.rayon_id)
        .where("debtor_id", ">=", head.debtor_id)
        .where("debtor_id", "<=", lastDebtor)
        .execute();
    });
    i = j;
  }
}

/** The as-of month the period totals were computed for, or null when there are none. */
export async function debtorPeriodsAsOf(db: Db): Promise<MonthKey | null> {
  // The oldest: while a refresh to a new month runs, both are there, and only the old one is whole.
  const row = await db.selectFrom("sales_debtor_periods").select((eb) => eb.fn.min("as_of_month").as("as_of")).executeTakeFirst();
  return row?.as_of === null || row?.as_of === undefined ? null : Number(row.as_of);
}

/** After a merge: the duplicate's lines now belong to the survivor; its debtor rollup rows follow. */
export async function rebuildDebtorRollup(db: Db, debtorIds: readonly number[]): Promise<void> {
  if (debtorIds.length === 0) return;
  await db.deleteFrom("sales_by_debtor").where("debtor_id", "in", [...debtorIds]).execute();
  const cols = ["month", ...ROLLUPS.debtor.keys, ...MEASURE_COLUMNS].join(", ");
  await sql`insert into sales_by_debtor (${sql.raw(cols)})
    select month, rayon_id, salesperson_id, relation_id, ${SUMS_SQL} from sales_lines where relation_id in (${sql.join([...debtorIds])})
    group by month, rayon_id, salesperson_id, relation_id`.execute(db);
  await db.deleteFrom("sales_debtor_periods").where("debtor_id", "in", [...debtorIds]).execute();
}
