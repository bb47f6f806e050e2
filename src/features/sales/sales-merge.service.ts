// When two relations are merged, the duplicate's invoice lines move to the survivor (the merge moves
// every relation_id column); the sales rollups keyed by debtor follow here, in the same transaction.
import { sql } from "kysely";
import { STANDARD_PERIODS, standardWindow } from "../../domain/sales-period.js";
import type { Db } from "../../db/kysely.js";
import { debtorPeriodsAsOf, rebuildDebtorRollup } from "./sales-rollups.js";

export async function salesAfterMerge(trx: Db, survivorId: number, duplicateId: number): Promise<void> {
  await rebuildDebtorRollup(trx, [survivorId, duplicateId]);
  const asOf = await debtorPeriodsAsOf(trx);
  if (asOf === null) return;
  // The period totals of the two: the duplicate's go, the survivor's are summed anew.
  await trx.deleteFrom("sales_debtor_periods").where("debtor_id", "in", [survivorId, duplicateId]).execute();
  for (const period of STANDARD_PERIODS) {
    const w = standardWindow(period, asOf);
    await sql`insert into sales_debtor_periods (as_of_month, period, rayon_id, debtor_id, quantity_milli, revenue_cents, cost_cents, costed_revenue_cents, lines)
      select ${asOf}, ${period}, rayon_id, debtor_id, cast(sum(quantity_milli) as bigint), cast(sum(revenue_cents) as bigint), cast(sum(cost_cents) as bigint), cast(sum(costed_revenue_cents) as bigint), cast(sum(lines) as integer)
      from sales_by_debtor where debtor_id = ${survivorId} and month between ${w.from} and ${w.to} group by rayon_id, debtor_id`.execute(trx);
  }
}
