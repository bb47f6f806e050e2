// The secondary indexes of sales_lines (migration 0007): by debtor and by product, each with the
// month. A first load (sales_lines empty) drops them and builds them once after its last line: a
// B-tree built from sorted rows costs a fraction of one kept in step row by row, where every line
// lands on a random page of each index. The unique (invoice, line) index stays: the idempotency of
// every later load rests on it, and ERP invoice numbers mostly ascend, so its inserts append.
//
// The same goes for the two secondary indexes of the rollups (by rep, by debtor; migration 0007): a
// first load groups its lines into the rollups month by month, so their primary keys (month first)
// append, but every rollup row of a month lands on a random page of these two (about 2 s of CPU of
// the 11 s the grouping took at a million lines, measured 2026-12-01; built afterwards in 1–2 s).
//
// While a first load runs, a question about one debtor's or product's lines scans the table.
import type { Db } from "../../db/kysely.js";

const LINE_INDEXES = [
  { name: "sales_lines_relation", table: "sales_lines", columns: ["relation_id", "month"] },
  { name: "sales_lines_product", table: "sales_lines", columns: ["product_id", "month"] },
  { name: "sales_by_group_rep", table: "sales_by_group", columns: ["salesperson_id", "month"] },
  { name: "sales_by_debtor_debtor", table: "sales_by_debtor", columns: ["debtor_id", "month"] },
] as const;

export async function dropLineIndexes(db: Db): Promise<void> {
  for (const index of LINE_INDEXES) await db.schema.dropIndex(index.name).ifExists().execute();
}

/** Builds whichever of the indexes is missing (nothing when all are there). */
export async function buildLineIndexes(db: Db): Promise<void> {
  for (const index of LINE_INDEXES) await db.schema.createIndex(index.name).ifNotExists().on(index.table).columns([...index.columns]).execute();
}
