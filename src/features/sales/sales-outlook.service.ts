// What purchasing needs to plan buying (DOMAIN.md): the expected volume per product for the coming
// months — the run rate of the last twelve months plus what open quotes are expected to add
// (quantity × win probability in their decision month, from the forecast).
import { checkSalesQuery, SALES_POLICY, type Viewer } from "../../domain/access.js";
import { addMonths, type Month, monthOf, monthRange } from "../../domain/calendar.js";
import { addMonthKeys, monthKey } from "../../domain/sales-period.js";
import type { Db } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { forecast } from "../forecast/forecast.service.js";
import { productLabels } from "../products/product.service.js";

export interface OutlookRow {
  product: { id: number; name: string };
  /** Units per month, average of the last twelve complete months. */
  runRate: number;
  months: { month: Month; runRate: number; fromQuotes: number; expected: number }[];
  total: number;
}

export async function purchasingOutlook(db: Db, viewer: Viewer, monthsAhead: number, now: Date, limit = 100) {
  const { refusals, rayons } = checkSalesQuery(viewer, { measures: ["volume"], dimensions: ["product", "month"], filterKeys: [], rayonFilter: null, sortKeys: [] });
  if (refusals.length > 0) throw new AppError("forbidden", "Your role does not see volumes per product");
  // The open quotes it adds are the whole company's: only for roles that see every rayon's detail.
  if (SALES_POLICY[viewer.role].detail !== "all") throw new AppError("rayon_detail_hidden", "The purchasing outlook covers every rayon; your figures are in the sales report");
  const current = monthOf(amsterdamDate(now));
  const last = addMonthKeys(monthKey(current), -1);
  const first = addMonthKeys(last, -11);
  const volumes = await db
    .selectFrom("sales_by_product")
    .select((eb) => ["product_id", eb.fn.sum<number>("quantity_milli").as("q")])
    .where("month", ">=", first)
    .where("month", "<=", last)
    .$if(rayons !== null, (q) => q.where("rayon_id", "in", [...(rayons ?? []), -1]))
    .groupBy("product_id")
    .execute();
  const months = monthRange(current, addMonths(current, monthsAhead - 1));
  const quotes = await forecast(db, { from: months[0], to: months.at(-1), by: "product" }, now);
  const byProduct = new Map<number, OutlookRow>();
  const row = (id: number) => {
    let r = byProduct.get(id);
    if (!r) {
      r = { product: { id, name: "" }, runRate: 0, months: months.map((m) => ({ month: m, runRate: 0, fromQuotes: 0, expected: 0 })), total: 0 };
      byProduct.set(id, r);
    }
    return r;
  };
  for (const v of volumes) {
    const r = row(v.product_id);
    r.runRate = Math.round(Number(v.q) / 12) / 1000;
  }
  for (const g of quotes.groups) {
    if (g.key === null) continue;
    const r = row(g.key);
    for (const m of g.months) {
      const slot = r.months.find((x) => x.month === m.month);
      // A product has one unit of measure: its group holds at most one entry.
      if (slot) slot.fromQuotes = m.units[0]?.units ?? 0;
    }
  }
  for (const r of byProduct.values()) {
    for (const m of r.months) {
      m.runRate = r.runRate;
      m.expected = Math.round((r.runRate + m.fromQuotes) * 1000) / 1000;
    }
    r.total = Math.round(r.months.reduce((s, m) => s + m.expected, 0) * 1000) / 1000;
  }
  const rows = [...byProduct.values()].sort((a, b) => b.total - a.total).slice(0, limit);
  const labels = await productLabels(db, rows.map((r) => r.product.id));
  for (const r of rows) r.product.name = labels.get(r.product.id) ?? `#${r.product.id}`;
  return { from: months[0], to: months.at(-1), runRateFrom: first, runRateTo: last, rows };
}
