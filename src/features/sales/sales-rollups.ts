// The one writer of the sales rollups. Every change to sales_lines passes its deltas through here in
// the same transaction (import batches), so the rollups stay equal to a scan of the lines; `rebuild`
// recomputes them from the lines and `verify` proves the equality (koers sales rebuild).
//
// Why these rollups (../shared/PERFORMANCE-NOTES.md): SQLite's GROUP BY sorts every row it groups, so
// a report stays fast only when the rows it reads are few. rayon × rep × product group × month
// answers the rayon, rep and group questions; rayon × product × month the product questions;
// rayon × rep × debtor × month the debtor questions; and per-debtor totals of the standard periods
// answer top-N and Pareto without grouping the debtor rollup at all.
import { sql } from "kysely";
import type { BulkTable, BulkWriter } from "../../db/bulk.js";
import type { Db } from "../../db/kysely.js";
import { STANDARD_PERIODS, standardWindow, type MonthKey } from "../../domain/sales-period.js";

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
type Sums = [number, number, number, number, number];

const spec = (table: string, keys: readonly string[]): BulkTable => ({
  table,
  columns: [...["month", ...keys].map((k) => [k, "integer"] as const), ...MEASURE_COLUMNS.map((m) => [m, m === "lines" ? "integer" : "bigint"] as const)],
});

export const ROLLUPS = {
  group: { table: "sales_by_group", keys: ["rayon_id", "salesperson_id", "product_group_id"] },
  product: { table: "sales_by_product", keys: ["rayon_id", "product_id", "product_group_id"] },
  debtor: { table: "sales_by_debtor", keys: ["rayon_id", "salesperson_id", "debtor_id"] },
} as const;
type RollupName = keyof typeof ROLLUPS;

const SPECS: Record<RollupName, BulkTable> = {
  group: spec(ROLLUPS.group.table, ROLLUPS.group.keys),
  product: spec(ROLLUPS.product.table, ROLLUPS.product.keys),
  debtor: spec(ROLLUPS.debtor.table, ROLLUPS.debtor.keys),
};

/** Deltas of one batch, summed per rollup key before they are written (one upsert per key). */
export class RollupDeltas {
  private readonly sums: Record<RollupName, Map<string, { key: number[]; s: Sums }>> = { group: new Map(), product: new Map(), debtor: new Map() };

  add(f: LineFacts, sign: 1 | -1): void {
    const cost = f.costCents ?? 0;
    const costed = f.costCents === null ? 0 : f.revenueCents;
    this.bump("group", [f.month, f.rayonId, f.salespersonId, f.productGroupId], f, cost, costed, sign);
    this.bump("product", [f.month, f.rayonId, f.productId, f.productGroupId], f, cost, costed, sign);
    this.bump("debtor", [f.month, f.rayonId, f.salespersonId, f.debtorId], f, cost, costed, sign);
  }

  private bump(name: RollupName, key: number[], f: LineFacts, cost: number, costed: number, sign: number): void {
    const id = key.join(",");
    let entry = this.sums[name].get(id);
    if (!entry) {
      entry = { key, s: [0, 0, 0, 0, 0] };
      this.sums[name].set(id, entry);
    }
    entry.s[0] += sign * f.quantityMilli;
    entry.s[1] += sign * f.revenueCents;
    entry.s[2] += sign * cost;
    entry.s[3] += sign * costed;
    entry.s[4] += sign;
  }

  get size(): number {
    return this.sums.group.size + this.sums.product.size + this.sums.debtor.size;
  }

  /** Adds the deltas to the rollups inside the caller's transaction. */
  async write(trx: Db, bulk: BulkWriter): Promise<void> {
    for (const name of Object.keys(ROLLUPS) as RollupName[]) {
      const rows = [...this.sums[name].values()].filter((e) => e.s.some((v) => v !== 0)).map((e) => [...e.key, ...e.s]);
      if (rows.length > 0) await bulk.addInto(trx, SPECS[name], ["month", ...ROLLUPS[name].keys], MEASURE_COLUMNS, rows);
    }
  }
}

const SUMS_SQL = sql.raw(
  "cast(sum(quantity_milli) as bigint), cast(sum(revenue_cents) as bigint), cast(sum(coalesce(cost_cents, 0)) as bigint), cast(sum(case when cost_cents is null then 0 else revenue_cents end) as bigint), count(*)",
);

function rollupSelect(name: RollupName, from: number, to: number) {
  const keys = ROLLUPS[name].keys.map((k) => (k === "debtor_id" ? "relation_id" : k));
  return sql`select month, ${sql.raw(keys.join(", "))}, ${SUMS_SQL} from sales_lines where month between ${from} and ${to} group by month, ${sql.raw(keys.join(", "))}`;
}

/** Recomputes every rollup from the lines, one year at a time (short write locks on SQLite). */
export async function rebuildRollups(db: Db, onYear: (year: number, index: number, years: number) => Promise<void> = async () => {}): Promise<void> {
  const range = await db.selectFrom("sales_lines").select((eb) => [eb.fn.min("month").as("lo"), eb.fn.max("month").as("hi")]).executeTakeFirst();
  for (const name of Object.keys(ROLLUPS) as RollupName[]) await db.deleteFrom(ROLLUPS[name].table).execute();
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
  const out = { group: 0, product: 0, debtor: 0 } as Record<RollupName, number>;
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
 */
export async function refreshDebtorPeriods(db: Db, asOf: MonthKey): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("sales_debtor_periods").execute();
    for (const period of STANDARD_PERIODS) {
      const w = standardWindow(period, asOf);
      await sql`insert into sales_debtor_periods (as_of_month, period, rayon_id, debtor_id, ${sql.raw(MEASURE_COLUMNS.join(", "))})
        select ${asOf}, ${period}, rayon_id, debtor_id, cast(sum(quantity_milli) as bigint), cast(sum(revenue_cents) as bigint), cast(sum(cost_cents) as bigint), cast(sum(costed_revenue_cents) as bigint), cast(sum(lines) as integer)
        from sales_by_debtor where month between ${w.from} and ${w.to} group by rayon_id, debtor_id`.execute(trx);
    }
  });
}

/** The as-of month the period totals were computed for, or null when there are none. */
export async function debtorPeriodsAsOf(db: Db): Promise<MonthKey | null> {
  const row = await db.selectFrom("sales_debtor_periods").select("as_of_month").limit(1).executeTakeFirst();
  return row ? Number(row.as_of_month) : null;
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
