// Applies the lifecycle rules of domain/sales-lifecycle.ts to relations, through the relations
// feature: after a sales import for the debtors it touched, and daily for every customer (the
// former-customer sweep). The period is a company setting (default 24 months).
import type { RelationStatus } from "../../domain/lifecycle.js";
import { DEFAULT_FORMER_CUSTOMER_MONTHS, lifecycleFromSales } from "../../domain/sales-lifecycle.js";
import { addMonthKeys, monthKeyOfDate } from "../../domain/sales-period.js";
import type { Db } from "../../db/kysely.js";
import { applySalesLifecycle, type LifecycleMove, relationsWithStatus, statusesOf } from "../relations/relation-sales.service.js";

export const FORMER_CUSTOMER_SETTING = "sales.former_customer_months";

export async function formerCustomerMonths(db: Db): Promise<number> {
  const row = await db.selectFrom("app_settings").select("value").where("key", "=", FORMER_CUSTOMER_SETTING).executeTakeFirst();
  const n = Number(row?.value);
  return Number.isInteger(n) && n >= 1 && n <= 120 ? n : DEFAULT_FORMER_CUSTOMER_MONTHS;
}

/** Month of the last invoice per debtor (from the debtor rollup, indexed by debtor). */
async function lastInvoiceMonths(db: Db, debtorIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < debtorIds.length; i += 500) {
    const rows = await db
      .selectFrom("sales_by_debtor")
      .select((eb) => ["debtor_id", eb.fn.max("month").as("last")])
      .where("debtor_id", "in", debtorIds.slice(i, i + 500))
      .where("lines", ">", 0)
      .groupBy("debtor_id")
      .execute();
    for (const r of rows) out.set(r.debtor_id, Number(r.last));
  }
  return out;
}

async function movesFor(db: Db, relations: readonly { id: number; status: string }[], today: string): Promise<LifecycleMove[]> {
  const months = await formerCustomerMonths(db);
  const current = monthKeyOfDate(today);
  const last = await lastInvoiceMonths(db, relations.map((r) => r.id));
  const moves: LifecycleMove[] = [];
  for (const r of relations) {
    const move = lifecycleFromSales(r.status as RelationStatus, last.get(r.id) ?? null, current, months);
    if (move) moves.push({ relationId: r.id, from: r.status as RelationStatus, ...move });
  }
  return moves;
}

/** After an import: the debtors it touched move with their invoices. Returns how many moved. */
export async function lifecycleAfterImport(db: Db, debtorIds: readonly number[], userId: number | null, now: Date, today: string): Promise<number> {
  const relations = await statusesOf(db, debtorIds);
  return applySalesLifecycle(db, await movesFor(db, relations, today), userId, now.toISOString());
}

/** Daily: customers without an invoice for the period become former customers. */
export async function formerCustomerSweep(db: Db, now: Date, today: string): Promise<number> {
  const customers = await relationsWithStatus(db, ["customer"]);
  // Only relations the VIS knows: a customer without any sales line (no ERP data yet) is left alone.
  const withSales = await lastInvoiceMonths(db, customers.map((c) => c.id));
  const known = customers.filter((c) => withSales.has(c.id));
  const moves = (await movesFor(db, known, today)).filter((m) => m.to === "former_customer");
  return applySalesLifecycle(db, moves, null, now.toISOString());
}

export { addMonthKeys };
