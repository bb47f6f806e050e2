// The sales history of one relation for its page (and the visit sheet): revenue by year and by
// product group, the products it buys, the average discount against list price, the last invoice.
// Within the viewer scope: only lines of the viewer's rayons for a field rep, margin only with the
// right, nothing for a role without debtor detail (purchasing).
import { checkSalesQuery, seesMargin, type Viewer } from "../../domain/access.js";
import { sql } from "kysely";
import type { Db } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import { listProductGroups, productLabels } from "../products/product.service.js";

export interface RelationSales {
  relationId: number;
  /** false: the viewer sees none of this relation's lines (other rayon) — not "no sales". */
  visible: boolean;
  lastInvoiceDate: string | null;
  years: { year: number; revenue: number; volume: number; margin?: number; marginPct?: number | null }[];
  byGroup: { year: number; group: { id: number; name: string }; revenue: number }[];
  products: { product: { id: number; name: string }; volume: number; revenue: number; lastDate: string; discountBp: number | null }[];
  /** Average discount against the current list price, over the lines of products with a list price. */
  discountBp: number | null;
}

const PRODUCT_LIMIT = 50;

export async function relationSales(db: Db, viewer: Viewer, relationId: number): Promise<RelationSales> {
  const { refusals, rayons } = checkSalesQuery(viewer, { measures: ["revenue"], dimensions: ["debtor", "year"], filterKeys: ["debtor"], rayonFilter: null, sortKeys: [] });
  if (refusals.length > 0) throw new AppError("forbidden", "Your role does not see the sales of single relations");
  const margin = seesMargin(viewer);
  const inScope = (column: string) => (rayons === null ? sql`1 = 1` : rayons.length === 0 ? sql`1 = 0` : sql`${sql.ref(column)} in (${sql.join([...rayons])})`);

  const years = await sql<{ year: number; q: number; rv: number; co: number; cr: number }>`
    select month / 100 as year, cast(sum(quantity_milli) as bigint) as q, cast(sum(revenue_cents) as bigint) as rv,
      ${margin ? sql`cast(sum(cost_cents) as bigint) as co, cast(sum(costed_revenue_cents) as bigint) as cr` : sql`0 as co, 0 as cr`}
    from sales_by_debtor where debtor_id = ${relationId} and lines <> 0 and ${inScope("rayon_id")}
    group by month / 100 order by year`.execute(db);
  const anyLine = await db.selectFrom("sales_by_debtor").select("month").where("debtor_id", "=", relationId).limit(1).executeTakeFirst();
  const visible = years.rows.length > 0 || !anyLine;

  const byGroup = await sql<{ year: number; g: number; rv: number }>`
    select month / 100 as year, product_group_id as g, cast(sum(revenue_cents) as bigint) as rv
    from sales_lines where relation_id = ${relationId} and ${inScope("rayon_id")}
    group by month / 100, product_group_id order by year, rv desc`.execute(db);
  const products = await sql<{ p: number; q: number; rv: number; last: string; list: number | null }>`
    select l.product_id as p, cast(sum(l.quantity_milli) as bigint) as q, cast(sum(l.revenue_cents) as bigint) as rv, max(l.invoice_date) as last,
      cast(sum(case when pr.list_price_cents > 0 then l.quantity_milli * pr.list_price_cents / 1000 else null end) as bigint) as list
    from sales_lines l join products pr on pr.id = l.product_id
    where l.relation_id = ${relationId} and ${inScope("l.rayon_id")}
    group by l.product_id order by rv desc limit ${PRODUCT_LIMIT}`.execute(db);

  const last = await sql<{ last: string | null }>`select max(invoice_date) as last from sales_lines where relation_id = ${relationId} and ${inScope("rayon_id")}`.execute(db);
  const groups = new Map((await listProductGroups(db)).map((g) => [g.id, g.name]));
  const labels = await productLabels(db, products.rows.map((p) => Number(p.p)));
  const discount = (revenue: number, list: number | null) => (list && list > 0 ? Math.round(((list - revenue) * 10_000) / list) : null);
  const listed = products.rows.filter((p) => p.list !== null && Number(p.list) > 0);
  const listTotal = listed.reduce((s, p) => s + Number(p.list), 0);
  const revenueListed = listed.reduce((s, p) => s + Number(p.rv), 0);
  return {
    relationId,
    visible,
    lastInvoiceDate: last.rows[0]?.last ? String(last.rows[0].last) : null,
    years: years.rows.map((y) => ({
      year: Number(y.year),
      revenue: Number(y.rv),
      volume: Number(y.q) / 1000,
      ...(margin ? { margin: Number(y.cr) - Number(y.co), marginPct: Number(y.cr) === 0 ? null : Math.round(((Number(y.cr) - Number(y.co)) * 10_000) / Number(y.cr)) } : {}),
    })),
    byGroup: byGroup.rows.map((g) => ({ year: Number(g.year), group: { id: Number(g.g), name: groups.get(Number(g.g)) ?? "—" }, revenue: Number(g.rv) })),
    products: products.rows.map((p) => ({
      product: { id: Number(p.p), name: labels.get(Number(p.p)) ?? `#${p.p}` },
      volume: Number(p.q) / 1000,
      revenue: Number(p.rv),
      lastDate: String(p.last),
      discountBp: discount(Number(p.rv), p.list === null ? null : Number(p.list)),
    })),
    discountBp: discount(revenueListed, listTotal),
  };
}
