// What the sales benchmark's database holds before the import: the rayons, the product groups, the
// products and the debtors the file names (with their ERP debtor numbers and product codes), and an
// administrator. Loaded in multi-row inserts (setup, not what is measured). Reps are not loaded:
// the import creates them (create missing), as a first import from an ERP does.
//
// Also the yardstick of the import rate: the same lines written with a bare prepared INSERT (SQLite)
// or unnest batches (PostgreSQL) into a table without indexes, timing only the writes.
import { sql } from "kysely";
import { type BulkTable, bulkWriter } from "../../src/db/bulk.js";
import type { DatabaseHandle } from "../../src/db/kysely.js";
import { monthKeyOfDate } from "../../src/domain/sales-period.js";
import { normalizeKey } from "../../src/domain/text.js";
import { addUser } from "../../src/features/users/user.service.js";
import { debtorNumber, groupCode, productCode, RAYON_NAMES, type SalesMasterData, type SalesShape, salesLines } from "./sales-generator.js";

export const ADMIN = { email: "admin@bench.koers", password: "bench-sales-admin" };

export interface LoadedMasterData {
  rayonIds: number[];
  groupIds: number[];
  /** Database id of debtor index 0 and product index 0 (the rest follow in order). */
  firstDebtorId: number;
  firstProductId: number;
  seconds: number;
}

export async function loadMasterData(handle: DatabaseHandle, shape: SalesShape, master: SalesMasterData, now: Date): Promise<LoadedMasterData> {
  const started = performance.now();
  const { db } = handle;
  const stamp = now.toISOString();
  const rayonIds: number[] = [];
  for (const name of RAYON_NAMES.slice(0, shape.rayons)) rayonIds.push((await db.insertInto("rayons").values({ name, description: null }).returning("id").executeTakeFirstOrThrow()).id);
  const groupIds: number[] = [];
  for (let g = 0; g < shape.groups; g++) {
    const name = `Productgroep ${g + 1}`;
    groupIds.push((await db.insertInto("product_groups").values({ code: groupCode(g), name, name_key: normalizeKey(name) }).returning("id").executeTakeFirstOrThrow()).id);
  }
  const debtors = Array.from({ length: shape.debtors }, (_, d) => {
    const name = `Debiteur ${d + 1} B.V.`;
    return { name, name_key: normalizeKey(name), status: "customer", debtor_number: debtorNumber(d), rayon_id: rayonIds[master.debtorRayon[d] as number] as number, created_at: stamp, updated_at: stamp };
  });
  const products = Array.from({ length: shape.products }, (_, p) => {
    const code = productCode(p);
    const name = `Artikel ${p + 1}`;
    return { code, code_key: code.toLowerCase(), name, name_key: normalizeKey(name), search_key: ` ${normalizeKey(code)} ${normalizeKey(name)}`, group_id: groupIds[master.productGroup[p] as number] as number, list_price_cents: master.productPrice[p] as number, created_at: stamp, updated_at: stamp };
  });
  await db.transaction().execute(async (trx) => {
    // 1,000 rows × ≤ 10 columns stays under both engines' bound-parameter limits.
    for (let i = 0; i < debtors.length; i += 1000) await trx.insertInto("relations").values(debtors.slice(i, i + 1000)).execute();
    for (let i = 0; i < products.length; i += 1000) await trx.insertInto("products").values(products.slice(i, i + 1000)).execute();
  });
  await addUser(db, { email: ADMIN.email, name: "Bench Admin", role: "admin", password: ADMIN.password, profitResponsible: true }, now);
  await sql`analyze`.execute(db);
  const first = async (table: "relations" | "products") => Number((await db.selectFrom(table).select((eb) => eb.fn.min("id").as("id")).executeTakeFirstOrThrow()).id);
  return { rayonIds, groupIds, firstDebtorId: await first("relations"), firstProductId: await first("products"), seconds: (performance.now() - started) / 1000 };
}

const BARE_COLUMNS = [
  "invoice_number",
  "line_number",
  "invoice_date",
  "month",
  "relation_id",
  "product_id",
  "product_group_id",
  "salesperson_id",
  "rayon_id",
  "quantity_milli",
  "revenue_cents",
  "cost_cents",
  "credit",
  "import_job_id",
  "source_row",
] as const;
const BARE_TYPES = ["text", "integer", "date", "integer", "integer", "integer", "integer", "integer", "integer", "bigint", "bigint", "bigint", "smallint", "integer", "integer"] as const;

export interface BareInsert {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  how: string;
}

/**
 * Writes every line of `shape` into a table shaped like sales_lines but without indexes, in
 * transactions of 100,000 rows; only the writes are timed (the rows are made beforehand per batch).
 */
export async function bareInsert(handle: DatabaseHandle, shape: SalesShape, master: SalesMasterData): Promise<BareInsert> {
  const { db } = handle;
  const id = handle.engine === "sqlite" ? "id integer primary key" : "id serial primary key";
  const columns = BARE_COLUMNS.map((c, i) => `${c} ${BARE_TYPES[i] === "date" && handle.engine === "sqlite" ? "text" : BARE_TYPES[i]}${c === "cost_cents" || c === "import_job_id" || c === "source_row" ? "" : " not null"}`);
  await sql.raw(`create table bench_bare_lines (${id}, ${columns.join(", ")})`).execute(db);
  const spec: BulkTable = { table: "bench_bare_lines", columns: BARE_COLUMNS.map((c, i) => [c, BARE_TYPES[i] as (typeof BARE_TYPES)[number]] as const) };
  const statement = handle.sqlite?.prepare(`insert into bench_bare_lines (${BARE_COLUMNS.join(", ")}) values (${BARE_COLUMNS.map(() => "?").join(", ")})`);
  const bulk = bulkWriter(handle);
  let seconds = 0;
  let rows = 0;
  let batch: unknown[][] = [];
  const flush = async () => {
    const started = performance.now();
    if (statement && handle.sqlite) {
      const sqlite = handle.sqlite;
      sqlite.transaction(() => {
        for (const row of batch) statement.run(row);
      })();
    } else {
      await db.transaction().execute((trx) => bulk.insert(trx, spec, batch));
    }
    seconds += (performance.now() - started) / 1000;
    rows += batch.length;
    batch = [];
  };
  let row = 0;
  for (const l of salesLines(shape, master)) {
    row += 1;
    batch.push([l.invoice, l.line, l.date, monthKeyOfDate(l.date), l.debtor + 1, l.product + 1, (master.productGroup[l.product] as number) + 1, l.rep + 1, l.rayon + 1, l.quantityMilli, l.revenueCents, l.costCents, 0, 1, row + 1]);
    if (batch.length >= 100_000) await flush();
  }
  if (batch.length > 0) await flush();
  await sql`drop table bench_bare_lines`.execute(db);
  return { rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), how: handle.engine === "sqlite" ? "one prepared INSERT per row (better-sqlite3), 100,000 rows a transaction, no indexes" : "INSERT … SELECT FROM unnest(arrays), 20,000 rows a statement, 100,000 a transaction, no indexes" };
}
