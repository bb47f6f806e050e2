// The secondary indexes of sales_lines (migration 0007): by debtor and by product, each with the
// month. A first load (sales_lines empty) drops them and builds them once after its last line: a
// B-tree built from sorted rows costs a fraction of one kept in step row by row, where every line
// lands on a random page of each index. The unique (invoice, line) index stays: the idempotency of
// every later load rests on it, and ERP invoice numbers mostly ascend, so its inserts append.
//
// While a first load runs, a question about one debtor's or product's lines scans the table.
import type { Db } from "../../db/kysely.js";

const LINE_INDEXES = [
  { name: "sales_lines_relation", columns: ["relation_id", "month"] },
  { name: "sales_lines_product", columns: ["product_id", "month"] },
] as const;

export async function dropLineIndexes(db: Db): Promise<void> {
  for (const index of LINE_INDEXES) await db.schema.dropIndex(index.name).ifExists().execute();
}

/** Builds whichever of the indexes is missing (nothing when all are there). */
export async function buildLineIndexes(db: Db): Promise<void> {
  for (const index of LINE_INDEXES) await db.schema.createIndex(index.name).ifNotExists().on("sales_lines").columns([...index.columns]).execute();
}
