// New customers: relations whose first invoice falls in a period (a campaign's result, a new
// product's first buyers), per month, within the viewer's scope.
import { sql } from "kysely";
import { checkSalesQuery, type Viewer } from "../../domain/access.js";
import { isMonth } from "../../domain/calendar.js";
import { monthKey, monthOfKey } from "../../domain/sales-period.js";
import type { Db } from "../../db/kysely.js";
import { AppError, fieldProblem, invalid } from "../../server/errors.js";
import { relationNames } from "../relations/relation-sales.service.js";

export async function newCustomers(db: Db, viewer: Viewer, from: string, to: string, productId: number | null, limit = 200) {
  if (!isMonth(from) || !isMonth(to)) throw invalid(fieldProblem(isMonth(from) ? "to" : "from", "month_invalid"));
  const { refusals, rayons } = checkSalesQuery(viewer, { measures: ["customers"], dimensions: ["debtor", "month"], filterKeys: productId !== null ? ["product"] : [], rayonFilter: null, sortKeys: [] });
  if (refusals.length > 0) throw new AppError("forbidden", "Your role does not see sales per relation");
  const scope = rayons === null ? sql`1 = 1` : rayons.length === 0 ? sql`1 = 0` : sql`rayon_id in (${sql.join([...rayons])})`;
  // First month per debtor (for one product: from the lines of that product, indexed by product).
  const firsts =
    productId === null
      ? sql<{ debtor: number; first: number }>`select debtor_id as debtor, min(month) as first from sales_by_debtor where lines <> 0 and ${scope} group by debtor_id`
      : sql<{ debtor: number; first: number }>`select relation_id as debtor, min(month) as first from sales_lines where product_id = ${productId} and ${scope} group by relation_id`;
  const rows = await sql<{ debtor: number; first: number }>`select debtor, first from (${firsts}) f where first between ${monthKey(from)} and ${monthKey(to)} order by first, debtor`.execute(db);
  const perMonth = new Map<number, number>();
  for (const r of rows.rows) perMonth.set(Number(r.first), (perMonth.get(Number(r.first)) ?? 0) + 1);
  const shown = rows.rows.slice(0, limit);
  const names = await relationNames(db, shown.map((r) => Number(r.debtor)));
  return {
    from,
    to,
    total: rows.rows.length,
    months: [...perMonth.entries()].sort((a, b) => a[0] - b[0]).map(([m, n]) => ({ month: monthOfKey(m), customers: n })),
    customers: shown.map((r) => ({ relation: { id: Number(r.debtor), name: names.get(Number(r.debtor))?.name ?? `#${r.debtor}` }, firstMonth: monthOfKey(Number(r.first)) })),
  };
}
