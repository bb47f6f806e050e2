// The standard sales questions of the benchmark (../shared/PERFORMANCE-NOTES.md, Q1–Q5), each twice:
// as a request to POST /api/reports/sales, and as the plain GROUP BY over the raw sales_lines that
// answers the same question on the same engine. The data end in December 2025 and the benchmark's
// clock stands on 31 December 2025, so "the last 12 months" is 2025-01..2025-12, a standard period.
import { type RawBuilder, sql } from "kysely";

export interface QueryIds {
  rayonId: number;
  repId: number;
}

export interface StandardQuestion {
  name: string;
  question: string;
  body: (ids: QueryIds) => Record<string, unknown>;
  raw: (ids: QueryIds) => RawBuilder<Record<string, unknown>>;
  /** A number both answers must agree on (total revenue of the rows), to prove they answer alike. */
  total: { http: (answer: { rows: Record<string, unknown>[] }) => number; raw: (rows: Record<string, unknown>[]) => number };
}

const sumOf = (rows: Record<string, unknown>[], key: string) => rows.reduce((s, r) => s + Number(r[key] ?? 0), 0);
const revenueOf = (answer: { rows: Record<string, unknown>[] }) => sumOf(answer.rows, "revenue");
const SUMS = sql.raw(
  "cast(sum(quantity_milli) as bigint) as q, cast(sum(revenue_cents) as bigint) as rv, cast(sum(coalesce(cost_cents, 0)) as bigint) as co, cast(sum(case when cost_cents is null then 0 else revenue_cents end) as bigint) as cr",
);

export const STANDARD_QUESTIONS: StandardQuestion[] = [
  {
    name: "Q1",
    question: "revenue, volume and margin per month of one rayon, 36 months",
    body: ({ rayonId }) => ({ measures: ["revenue", "volume", "margin", "marginPct"], dimensions: ["month"], from: "2023-01", to: "2025-12", filters: { rayon: [rayonId] } }),
    raw: ({ rayonId }) => sql`select month, ${SUMS} from sales_lines where rayon_id = ${rayonId} and month between 202301 and 202512 group by month order by month`,
    total: { http: revenueOf, raw: (rows) => sumOf(rows, "rv") },
  },
  {
    name: "Q2",
    question: "top 50 debtors by revenue of the last 12 months, with the 12 before beside",
    body: () => ({ measures: ["revenue", "margin"], dimensions: ["debtor"], from: "2025-01", to: "2025-12", compare: "previousYear", sort: [{ key: "revenue", direction: "desc" }], limit: 50 }),
    raw: () => sql`select relation_id, cast(sum(case when month >= 202501 then revenue_cents else 0 end) as bigint) as rv,
      cast(sum(case when month < 202501 then revenue_cents else 0 end) as bigint) as prev
      from sales_lines where month between 202401 and 202512 group by relation_id order by rv desc, relation_id limit 50`,
    total: { http: revenueOf, raw: (rows) => sumOf(rows, "rv") },
  },
  {
    name: "Q3",
    question: "revenue and margin of one rep per product group per quarter, all years",
    body: ({ repId }) => ({ measures: ["revenue", "margin"], dimensions: ["rep", "productGroup", "quarter"], from: "2016-01", to: "2025-12", filters: { rep: [repId] }, limit: 10_000 }),
    raw: ({ repId }) => sql`select salesperson_id, product_group_id, (month / 100) * 10 + ((month % 100) - 1) / 3 + 1 as quarter, ${SUMS}
      from sales_lines where salesperson_id = ${repId} group by salesperson_id, product_group_id, (month / 100) * 10 + ((month % 100) - 1) / 3 + 1 order by 1, 2, 3`,
    total: { http: revenueOf, raw: (rows) => sumOf(rows, "rv") },
  },
  {
    name: "Q4",
    question: "Pareto: debtors by revenue of the last 12 months with cumulative share (the API's largest page, 10,000)",
    body: () => ({ measures: ["revenue"], dimensions: ["debtor"], from: "2025-01", to: "2025-12", sort: [{ key: "revenue", direction: "desc" }], limit: 10_000 }),
    raw: () => sql`select relation_id, rv, sum(rv) over (order by rv desc, relation_id rows unbounded preceding) * 1.0 / sum(rv) over () as cumulative
      from (select relation_id, cast(sum(revenue_cents) as bigint) as rv from sales_lines where month between 202501 and 202512 group by relation_id) d
      order by rv desc, relation_id limit 10000`,
    total: { http: revenueOf, raw: (rows) => sumOf(rows, "rv") },
  },
  {
    name: "Q5",
    question: "rayon × month pivot of revenue and margin, 24 months",
    body: () => ({ measures: ["revenue", "margin"], dimensions: ["rayon", "month"], from: "2024-01", to: "2025-12" }),
    raw: () => sql`select rayon_id, month, ${SUMS} from sales_lines where month between 202401 and 202512 group by rayon_id, month order by rayon_id, month`,
    total: { http: revenueOf, raw: (rows) => sumOf(rows, "rv") },
  },
];

type OpenApi = { paths?: Record<string, Record<string, { tags?: string[]; parameters?: { name: string; in: string; required?: boolean }[] }>> };

/**
 * The sales dashboards and analyses of the running app, found in its OpenAPI document (others add
 * them while this benchmark exists): every GET tagged "sales" under /api/reports or /api/sales
 * without path parameters, plus a relation's sales page, asked for the last 12 months where they
 * take a period.
 */
export function dashboardRoutes(openapi: OpenApi, relationId: number): { path: string; query: string }[] {
  const out: { path: string; query: string }[] = [];
  for (const [path, methods] of Object.entries(openapi.paths ?? {})) {
    const get = methods.get;
    if (!get || !(get.tags ?? []).includes("sales")) continue;
    const query = new URLSearchParams();
    for (const p of get.parameters ?? []) {
      if (p.in !== "query") continue;
      if (p.name === "from") query.set("from", "2025-01");
      if (p.name === "to") query.set("to", "2025-12");
      if (p.name === "months" && p.required) query.set("months", "6");
    }
    if (path === "/api/relations/{id}/sales") out.push({ path: `/api/relations/${relationId}/sales`, query: "" });
    else if (/^\/api\/(reports|sales)\//.test(path) && !path.includes("{")) out.push({ path, query: query.toString() });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
