// The SQL of one sales question, built from a checked request and the viewer's rayon scope. Every
// identifier comes from the fixed maps below, never from input; values are bound parameters.
//
// Shape: an inner select reads the chosen source for the current window (tag 0) and, with a
// comparison, for the same window a year earlier (tag 1, its months shifted a year forward so both
// land in the same group); the outer select groups, sums per tag, sorts and limits. One query also
// answers "who buys less than last year": a debtor with sales only last year has a row too.
import { type RawBuilder, sql } from "kysely";
import type { SalesDimension, SalesMeasure } from "../../domain/access.js";
import type { MonthWindow } from "../../domain/sales-period.js";
import { DEBTOR_ATTRIBUTES, type Source } from "./sales-report.sources.js";

export interface QueryPlan {
  source: Source;
  dimensions: readonly SalesDimension[];
  measures: readonly SalesMeasure[];
  current: MonthWindow;
  previous: MonthWindow | null;
  /** For the period-totals source: the period names of the current and previous window. */
  periods?: { current: string; previous: string | null; asOf: number };
  filters: Partial<Record<SalesDimension, readonly (string | number)[]>>;
  /** null: every rayon. */
  rayons: readonly number[] | null;
  sort: readonly { key: string; descending: boolean }[];
  limit: number | null;
}

/** The expression of a dimension in the inner select (alias t = the source, r = the relation). */
function dimensionExpr(d: SalesDimension, source: Source, shift: number): RawBuilder<unknown> {
  // A literal, not a parameter: SQLite binds JS numbers as REAL, and year = month / 100 must stay integer division.
  const month = shift === 0 ? sql`t.month` : sql`(t.month + ${sql.lit(shift)})`;
  switch (d) {
    case "month":
      return month;
    case "quarter":
      return sql`((${month}) / 100) * 10 + (((${month}) % 100) - 1) / 3 + 1`;
    case "year":
      return sql`(${month}) / 100`;
    case "rayon":
      return sql`t.rayon_id`;
    case "rep":
      return sql`t.salesperson_id`;
    case "productGroup":
      return sql`t.product_group_id`;
    case "product":
      return sql`t.product_id`;
    case "debtor":
      return sql.ref(`t.${source.debtor}`);
    case "class":
      return sql`coalesce(r.account_class, '-')`;
    case "segment":
      return sql`coalesce(r.segment_id, 0)`;
    case "sbiSection":
      return sql`coalesce(sc.section, '-')`;
    case "province":
      return sql`coalesce(pa.province, '-')`;
  }
}

/** Measure columns of the inner select: the sums a row contributes. */
function measureColumns(source: Source): RawBuilder<unknown> {
  if (source.rolledUp) {
    return sql`t.quantity_milli as q, t.revenue_cents as rv, t.cost_cents as co, t.costed_revenue_cents as cr`;
  }
  return sql`t.quantity_milli as q, t.revenue_cents as rv, coalesce(t.cost_cents, 0) as co, case when t.cost_cents is null then 0 else t.revenue_cents end as cr, t.invoice_number as inv`;
}

function joins(source: Source, dims: readonly SalesDimension[]): RawBuilder<unknown> {
  const needs = (d: SalesDimension) => dims.includes(d);
  if (!DEBTOR_ATTRIBUTES.some(needs) || source.debtor === null) return sql``;
  const parts = [sql`join relations r on r.id = ${sql.ref(`t.${source.debtor}`)}`];
  if (needs("sbiSection")) parts.push(sql`left join relation_sbi_codes sc on sc.relation_id = r.id and sc.position = 0`);
  if (needs("province")) parts.push(sql`left join postcode_areas pa on pa.pc4 = substr(r.visit_postcode, 1, 4)`);
  return sql.join(parts, sql` `);
}

function whereClauses(plan: QueryPlan, window: MonthWindow, period: string | null): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (period !== null && plan.periods) parts.push(sql`t.as_of_month = ${plan.periods.asOf} and t.period = ${period}`);
  else parts.push(sql`t.month between ${window.from} and ${window.to}`);
  if (plan.source.rolledUp) parts.push(sql`t.lines <> 0`);
  if (plan.rayons !== null) parts.push(plan.rayons.length === 0 ? sql`1 = 0` : sql`t.rayon_id in (${sql.join([...plan.rayons])})`);
  for (const [d, values] of Object.entries(plan.filters) as [SalesDimension, readonly (string | number)[]][]) {
    if (values.length === 0) continue;
    parts.push(sql`${dimensionExpr(d, plan.source, 0)} in (${sql.join([...values])})`);
  }
  return sql.join(parts, sql` and `);
}

function inner(plan: QueryPlan, dims: readonly SalesDimension[], tag: 0 | 1): RawBuilder<unknown> {
  const window = tag === 0 ? plan.current : (plan.previous as MonthWindow);
  const period = plan.periods ? (tag === 0 ? plan.periods.current : plan.periods.previous) : null;
  // The previous year's months are moved a year forward so they group with this year's.
  const shift = tag === 1 ? 100 : 0;
  const dimCols = dims.map((d, i) => sql`${dimensionExpr(d, plan.source, shift)} as ${sql.ref(`d${i}`)}`);
  const debtor = plan.source.debtor ? sql.ref(`t.${plan.source.debtor}`) : sql`0`;
  const inv = plan.source.rolledUp ? sql`, null as inv` : sql``;
  return sql`select ${sql.join([...dimCols, sql`${debtor} as debtor`, sql.raw(`${tag} as tag`), measureColumns(plan.source)])}${inv}
    from ${sql.table(plan.source.table)} t ${joins(plan.source, [...dims, ...(Object.keys(plan.filters) as SalesDimension[])])}
    where ${whereClauses(plan, window, period)}`;
}

/** Aggregates of the outer select for one tag (c = current, p = previous). */
function aggregates(measures: readonly SalesMeasure[], tag: 0 | 1): RawBuilder<unknown>[] {
  const p = tag === 0 ? "c" : "p";
  const when = (expr: string) => sql.raw(`cast(sum(case when tag = ${tag} then ${expr} else 0 end) as bigint)`);
  const out = [sql`${when("q")} as ${sql.ref(`${p}_q`)}`, sql`${when("rv")} as ${sql.ref(`${p}_rv`)}`];
  if (measures.includes("margin") || measures.includes("marginPct")) {
    out.push(sql`${when("co")} as ${sql.ref(`${p}_co`)}`, sql`${when("cr")} as ${sql.ref(`${p}_cr`)}`);
  }
  if (measures.includes("customers")) out.push(sql.raw(`count(distinct case when tag = ${tag} then debtor end) as ${p}_cu`));
  if (measures.includes("invoices")) out.push(sql.raw(`count(distinct case when tag = ${tag} then inv end) as ${p}_in`));
  return out;
}

/** The SQL column a sort key orders by. */
function sortExpr(key: string, dims: readonly SalesDimension[]): RawBuilder<unknown> | null {
  const dim = dims.indexOf(key as SalesDimension);
  if (dim >= 0) return sql.ref(`d${dim}`);
  const [scope, measure] = key.includes(".") ? (key.split(".") as [string, string]) : ["current", key];
  const col = (p: "c" | "p") => {
    switch (measure) {
      case "volume":
        return sql.raw(`${p}_q`);
      case "revenue":
        return sql.raw(`${p}_rv`);
      case "margin":
        return sql.raw(`(${p}_cr - ${p}_co)`);
      case "marginPct":
        return sql.raw(`(case when ${p}_cr = 0 then null else (${p}_cr - ${p}_co) * 1.0 / ${p}_cr end)`);
      case "customers":
        return sql.raw(`${p}_cu`);
      case "invoices":
        return sql.raw(`${p}_in`);
      default:
        return null;
    }
  };
  if (scope === "current") return col("c");
  if (scope === "previous") return col("p");
  if (scope === "change") {
    const c = col("c");
    const p = col("p");
    return c && p ? sql`(${c} - ${p})` : null;
  }
  return null;
}

export function buildQuery(plan: QueryPlan): RawBuilder<Record<string, unknown>> {
  const dims = plan.dimensions;
  const source = plan.previous ? sql`${inner(plan, dims, 0)} union all ${inner(plan, dims, 1)}` : inner(plan, dims, 0);
  const groupCols = dims.map((_, i) => sql.ref(`d${i}`));
  const cols = [...groupCols, ...aggregates(plan.measures, 0), ...(plan.previous ? aggregates(plan.measures, 1) : [])];
  const order = plan.sort.map((s) => ({ expr: sortExpr(s.key, dims), desc: s.descending })).filter((s): s is { expr: RawBuilder<unknown>; desc: boolean } => s.expr !== null);
  // Every group key last, so the order is total and pages are stable.
  const orderBy = [...order.map((o) => sql`${o.expr} ${sql.raw(o.desc ? "desc" : "asc")}`), ...groupCols];
  // Sorted one level up: PostgreSQL orders by output names only when they stand alone.
  return sql<Record<string, unknown>>`select * from (select ${sql.join(cols)} from (${source}) x
    ${groupCols.length > 0 ? sql`group by ${sql.join(groupCols)}` : sql``}) g
    ${orderBy.length > 0 ? sql`order by ${sql.join(orderBy)}` : sql``}
    ${plan.limit !== null ? sql`limit ${plan.limit}` : sql``}`;
}
