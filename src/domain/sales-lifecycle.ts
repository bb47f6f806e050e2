// Lifecycle follows sales (DOMAIN.md): a relation's first invoice makes it a customer; a customer
// that bought nothing for the configured period (default 24 months) becomes a former customer; a
// former customer that buys again is a customer again. Dead relations stay dead whatever is
// invoiced: that is a company decision, not a sales figure.
import type { RelationStatus } from "./lifecycle.js";
import { addMonthKeys, type MonthKey, monthOfKey } from "./sales-period.js";

export const DEFAULT_FORMER_CUSTOMER_MONTHS = 24;

export interface SalesMove {
  to: RelationStatus;
  reason: string;
}

/**
 * The status a relation should move to given the month of its last invoice (null: none), the
 * current month and the period after which a customer counts as former; null = no move.
 */
export function lifecycleFromSales(status: RelationStatus, lastInvoiceMonth: MonthKey | null, currentMonth: MonthKey, formerAfterMonths: number): SalesMove | null {
  if (status === "dead" || lastInvoiceMonth === null) return null;
  // Bought within the period: the last invoice month is after the cut-off.
  const cutoff = addMonthKeys(currentMonth, -formerAfterMonths);
  const recent = lastInvoiceMonth > cutoff;
  const last = monthOfKey(lastInvoiceMonth);
  if ((status === "suspect" || status === "prospect") && recent) return { to: "customer", reason: `Eerste factuur (${last}) in het verkoopinformatiesysteem` };
  if (status === "former_customer" && recent) return { to: "customer", reason: `Koopt weer: factuur in ${last}` };
  if (status === "customer" && !recent) return { to: "former_customer", reason: `Geen factuur sinds ${last} (${formerAfterMonths} maanden)` };
  return null;
}
