// The one flexible sales report: measures × dimensions over a period, filtered, compared with last
// year or as a moving annual total, sorted and cut to the top N — for every role through the viewer
// scope (domain/access.ts): margin is never selected without the right, and a field rep's detail
// stops at the own rayons. Amounts are integer cents; margin % is in basis points (2534 = 25,34 %).
import { checkSalesQuery, type SalesDimension, type SalesMeasure, TIME_DIMENSIONS, type Viewer } from "../../domain/access.js";
import { isMonth } from "../../domain/calendar.js";
import { addMonthKeys, monthKey, monthKeyOfDate, monthOfKey, monthsBetween, type MonthWindow, quarterLabel, standardPeriodOf, yearBefore } from "../../domain/sales-period.js";
import type { Db } from "../../db/kysely.js";
import { AppError, fieldProblem, invalid } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { buildQuery, type QueryPlan } from "./sales-report.query.js";
import { chooseSource, type SourceName } from "./sales-report.sources.js";
import { debtorPeriodsAsOf } from "./sales-rollups.js";
import { labelDimensions } from "./sales-names.js";
import type { DimensionValue, Figures } from "../../domain/sales-figures.js";

export type { DimensionValue, Figures };

export const MAX_REPORT_MONTHS = 240;
export const DEFAULT_LIMIT = 1000;
const ID_DIMENSIONS: readonly SalesDimension[] = ["debtor", "product", "productGroup", "segment", "rayon", "rep"];

export interface SalesReportRequest {
  measures: SalesMeasure[];
  dimensions: SalesDimension[];
  from: string;
  to: string;
  filters?: Partial<Record<SalesDimension, (string | number)[]>> | undefined;
  compare?: "previousYear" | undefined;
  mat?: boolean | undefined;
  sort?: { key: string; direction?: "asc" | "desc" | undefined }[] | undefined;
  limit?: number | undefined;
}

export type SalesReportRow = Record<string, DimensionValue | number | null | Figures>;

export interface SalesReport {
  from: string;
  to: string;
  measures: SalesMeasure[];
  dimensions: SalesDimension[];
  compare: "previousYear" | null;
  mat: boolean;
  /** Which table answered: a rollup, the period totals, or the raw lines. */
  source: SourceName;
  rows: SalesReportRow[];
  totals: Figures & { previous?: Figures };
  /** More rows exist than the limit returned. */
  truncated: boolean;
}

function figures(row: Record<string, unknown>, p: "c" | "p", measures: readonly SalesMeasure[]): Figures {
  const n = (k: string) => Number(row[`${p}_${k}`] ?? 0);
  const out: Figures = {};
  for (const m of measures) {
    if (m === "volume") out.volume = n("q") / 1000;
    if (m === "revenue") out.revenue = n("rv");
    if (m === "margin") out.margin = n("cr") - n("co");
    if (m === "marginPct") out.marginPct = n("cr") === 0 ? null : Math.round(((n("cr") - n("co")) * 10_000) / n("cr"));
    if (m === "customers") out.customers = n("cu");
    if (m === "invoices") out.invoices = n("in");
  }
  return out;
}

function checkRequest(r: SalesReportRequest): MonthWindow {
  const problems = [];
  if (!isMonth(r.from)) problems.push(fieldProblem("from", "month_invalid"));
  if (!isMonth(r.to)) problems.push(fieldProblem("to", "month_invalid"));
  if (problems.length > 0) throw invalid(...problems);
  const window = { from: monthKey(r.from), to: monthKey(r.to) };
  if (window.to < window.from) throw invalid(fieldProblem("to", "period_reversed"));
  if (monthsBetween(window.from, window.to) > MAX_REPORT_MONTHS) throw invalid(fieldProblem("to", "period_too_long"));
  for (const [d, values] of Object.entries(r.filters ?? {}) as [SalesDimension, (string | number)[]][]) {
    if ((TIME_DIMENSIONS as readonly string[]).includes(d)) throw invalid(fieldProblem(`filters.${d}`, "filter_time_dimension"));
    if (ID_DIMENSIONS.includes(d) && values.some((v) => typeof v !== "number")) throw invalid(fieldProblem(`filters.${d}`, "invalid"));
  }
  if (r.mat) {
    if (!r.dimensions.includes("month")) throw invalid(fieldProblem("mat", "mat_needs_month"));
    if (r.compare) throw invalid(fieldProblem("mat", "mat_with_compare"));
    if (r.measures.some((m) => m === "customers" || m === "invoices")) throw invalid(fieldProblem("mat", "mat_not_additive"));
  }
  const measureKeys = new Set<string>(r.measures);
  for (const s of r.sort ?? []) {
    const [scope, key] = s.key.includes(".") ? (s.key.split(".") as [string, string]) : ["current", s.key];
    const ok = (r.dimensions as string[]).includes(s.key) || (measureKeys.has(key) && (scope === "current" || (r.compare && (scope === "previous" || scope === "change"))));
    if (!ok) throw invalid(fieldProblem("sort", "sort_key_invalid"));
  }
  return window;
}

/** Answers a sales report for `viewer`; throws 403 for what the viewer may not see, 400 for bad input. */
export async function salesReport(db: Db, viewer: Viewer, request: SalesReportRequest, now: Date): Promise<SalesReport> {
  const current = checkRequest(request);
  const filterKeys = Object.keys(request.filters ?? {}) as SalesDimension[];
  const { refusals, rayons } = checkSalesQuery(viewer, {
    measures: request.measures,
    dimensions: request.dimensions,
    filterKeys,
    rayonFilter: request.filters?.rayon ? request.filters.rayon.map(Number) : null,
    sortKeys: (request.sort ?? []).map((s) => (s.key.includes(".") ? (s.key.split(".")[1] as string) : s.key)),
  });
  if (refusals.length > 0) {
    const first = refusals[0] as (typeof refusals)[number];
    const code = first.code === "margin_hidden" ? "margin_hidden" : first.code === "rayon_detail_hidden" ? "rayon_detail_hidden" : "forbidden";
    throw new AppError(code, refusals.map((r) => `${r.key}: ${r.code.replaceAll("_", " ")}`).join("; "));
  }

  const compare = request.compare === "previousYear";
  const window = request.mat ? { from: addMonthKeys(current.from, -11), to: current.to } : current;
  const previous = compare ? yearBefore(window) : null;
  const asOf = await debtorPeriodsAsOf(db);
  const today = monthKeyOfDate(amsterdamDate(now));
  const period = asOf === today ? standardPeriodOf(window, asOf) : null;
  const previousPeriod = period === "last12" ? "previous12" : period === "ytd" ? "lastYtd" : null;
  const standardPeriod = period !== null && (!compare || previousPeriod !== null);
  const source = chooseSource({ dimensions: request.dimensions, filters: filterKeys, measures: request.measures, standardPeriod });
  const timeFirst = request.dimensions.filter((d) => (TIME_DIMENSIONS as readonly string[]).includes(d));
  const sort = (request.sort ?? []).map((s) => ({ key: s.key, descending: (s.direction ?? (request.dimensions.includes(s.key as SalesDimension) ? "asc" : "desc")) === "desc" }));
  if (sort.length === 0) {
    if (timeFirst.length > 0) sort.push(...timeFirst.map((key) => ({ key, descending: false })));
    else sort.push({ key: request.measures[0] as string, descending: true });
  }
  const limit = request.mat ? null : Math.min(request.limit ?? DEFAULT_LIMIT, 10_000);
  const plan: QueryPlan = {
    source,
    dimensions: request.dimensions,
    measures: request.measures,
    current: window,
    previous,
    ...(source.name === "periods" && period ? { periods: { current: period, previous: previousPeriod, asOf: asOf as number } } : {}),
    filters: request.filters ?? {},
    rayons,
    sort: request.mat ? [...request.dimensions.filter((d) => d !== "month").map((key) => ({ key, descending: false })), { key: "month", descending: false }] : sort,
    limit: limit === null ? null : limit + 1,
  };
  const raw = (await buildQuery(plan).execute(db)).rows;
  const truncated = limit !== null && raw.length > limit;
  const kept = truncated ? raw.slice(0, limit as number) : raw;
  const totalsRow = (await buildQuery({ ...plan, dimensions: [], sort: [], limit: null }).execute(db)).rows[0] ?? {};
  const labels = await labelDimensions(db, request.dimensions, kept);

  const monthIndex = request.dimensions.indexOf("month");
  const shown = request.mat ? movingAnnualTotals(kept, request.dimensions, monthIndex, current.from) : kept.map((r, i) => ({ r, i }));
  const rows: SalesReportRow[] = shown.map(({ r, i }) => {
    const row: SalesReportRow = {};
    request.dimensions.forEach((d, j) => {
      row[d] = dimensionValue(d, r[`d${j}`], labels[i]?.[d]);
    });
    Object.assign(row, figures(r, "c", request.measures));
    if (compare) row.previous = figures(r, "p", request.measures);
    return row;
  });
  const totals: SalesReport["totals"] = figures(totalsRow, "c", request.measures);
  if (compare) totals.previous = figures(totalsRow, "p", request.measures);
  return {
    from: request.from,
    to: request.to,
    measures: request.measures,
    dimensions: request.dimensions,
    compare: compare ? "previousYear" : null,
    mat: request.mat === true,
    source: source.name,
    rows,
    totals,
    truncated,
  };
}

function dimensionValue(d: SalesDimension, raw: unknown, name: string | undefined): DimensionValue {
  if (d === "month") return monthOfKey(Number(raw));
  if (d === "quarter") return quarterLabel(Number(raw));
  if (d === "year") return String(raw);
  const key = ID_DIMENSIONS.includes(d) ? Number(raw) : String(raw);
  return { key, name: name ?? String(raw) };
}

/**
 * Moving annual total: each month's sums become the sums of that month and the eleven before (per
 * combination of the other dimensions), on the raw sums, so margin % is that of the twelve months.
 * The rows came sorted by the other dimensions, then month; the months before `firstShown` only
 * feed the first totals.
 */
function movingAnnualTotals(rows: readonly Record<string, unknown>[], dims: readonly SalesDimension[], monthIndex: number, firstShown: number) {
  const SUMS = ["c_q", "c_rv", "c_co", "c_cr"];
  const groupOf = (r: Record<string, unknown>) => JSON.stringify(dims.map((_, j) => (j === monthIndex ? null : r[`d${j}`])));
  const out: { r: Record<string, unknown>; i: number }[] = [];
  let group = "";
  let window: Record<string, unknown>[] = [];
  rows.forEach((r, i) => {
    const g = groupOf(r);
    if (g !== group) {
      group = g;
      window = [];
    }
    const month = Number(r[`d${monthIndex}`]);
    window.push(r);
    window = window.filter((w) => Number(w[`d${monthIndex}`]) > addMonthKeys(month, -12));
    if (month < firstShown) return;
    const summed: Record<string, unknown> = { ...r };
    for (const k of SUMS) summed[k] = window.reduce((s, w) => s + Number(w[k] ?? 0), 0);
    out.push({ r: summed, i });
  });
  return out;
}
