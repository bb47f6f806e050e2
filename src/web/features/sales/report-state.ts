// The sales report page's choices as URL parameters, so that a link reproduces the report, and as
// the request the API answers. What a user is offered follows the viewer policy of domain/access.ts
// (the server enforces it anyway): no margin without profit responsibility, only the dimensions of
// the role, and for a role that sees detail of its own rayons only, a rayon filter limited to those.
import { addMonths, isMonth } from "../../../domain/calendar.js";
import {
  MARGIN_MEASURES,
  SALES_DIMENSIONS,
  SALES_MEASURES,
  SALES_POLICY,
  type SalesDimension,
  type SalesMeasure,
  seesMargin,
  TIME_DIMENSIONS,
  TOTALS_DIMENSIONS,
  type Viewer,
} from "../../../domain/access.js";
import type { SalesReportRequest } from "./sales.api.js";

export const MAX_DIMENSIONS = 3;
/** Dimensions that can be filtered on (the time dimensions are the period). */
export const FILTER_DIMENSIONS = SALES_DIMENSIONS.filter((d) => !(TIME_DIMENSIONS as readonly string[]).includes(d));
/** Filters whose values are ids (numbers); the others are codes (class A/B/C/key, SBI section, province). */
const ID_FILTERS: readonly SalesDimension[] = ["debtor", "product", "productGroup", "segment", "rayon", "rep"];

export interface ReportState {
  measures: SalesMeasure[];
  dimensions: SalesDimension[];
  from: string;
  to: string;
  filters: Partial<Record<SalesDimension, (string | number)[]>>;
  compare: boolean;
  mat: boolean;
  /** Top N; null = the server's default. */
  limit: number | null;
  sort: { key: string; direction: "asc" | "desc" } | null;
}

export function offeredMeasures(viewer: Viewer): SalesMeasure[] {
  return SALES_MEASURES.filter((m) => seesMargin(viewer) || !MARGIN_MEASURES.includes(m));
}

export function offeredDimensions(viewer: Viewer): SalesDimension[] {
  const allowed = SALES_POLICY[viewer.role]?.dimensions ?? [];
  return SALES_DIMENSIONS.filter((d) => allowed.includes(d));
}

/** Whether the choices ask for detail beyond period and rayon totals (then an own-rayons role sees only its rayons). */
export function asksDetail(state: Pick<ReportState, "dimensions" | "filters">): boolean {
  const used = [...state.dimensions, ...(Object.keys(state.filters) as SalesDimension[])];
  return used.some((d) => !TOTALS_DIMENSIONS.includes(d));
}

/** The rayons a viewer may filter on for these choices: null = every rayon. */
export function filterableRayons(viewer: Viewer, state: Pick<ReportState, "dimensions" | "filters">): readonly number[] | null {
  if (SALES_POLICY[viewer.role]?.detail === "all") return null;
  return asksDetail(state) ? viewer.rayonIds : null;
}

export function defaultState(currentMonth: string): ReportState {
  return {
    measures: ["revenue"],
    dimensions: ["month"],
    from: `${currentMonth.slice(0, 4)}-01`,
    to: currentMonth,
    filters: {},
    compare: true,
    mat: false,
    limit: null,
    sort: null,
  };
}

const list = (value: string | null) => (value ? value.split(",").filter((v) => v !== "") : []);

/** Reads the URL; anything unknown or not offered to the viewer is left out. */
export function readReportState(params: URLSearchParams, viewer: Viewer, currentMonth: string): ReportState {
  const base = defaultState(currentMonth);
  const measuresOk = offeredMeasures(viewer);
  const dimensionsOk = offeredDimensions(viewer);
  const measures = params.has("m") ? [...new Set(list(params.get("m")))].filter((m): m is SalesMeasure => (measuresOk as string[]).includes(m)) : base.measures;
  const dimensions = params.has("d")
    ? [...new Set(list(params.get("d")))].filter((d): d is SalesDimension => (dimensionsOk as string[]).includes(d)).slice(0, MAX_DIMENSIONS)
    : base.dimensions;
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const filters: ReportState["filters"] = {};
  for (const d of FILTER_DIMENSIONS) {
    if (!dimensionsOk.includes(d)) continue;
    const values = list(params.get(`f.${d}`));
    const kept = ID_FILTERS.includes(d) ? values.map(Number).filter((n) => Number.isInteger(n) && n > 0) : values.map((v) => v.slice(0, 40));
    if (kept.length > 0) filters[d] = kept;
  }
  const sortText = params.get("sort");
  const sortMatch = sortText ? /^([\w.]+):(asc|desc)$/.exec(sortText) : null;
  const limit = Number(params.get("top"));
  const state: ReportState = {
    measures: measures.length > 0 ? measures : base.measures.filter((m) => measuresOk.includes(m)),
    dimensions,
    from: isMonth(from) ? from : base.from,
    to: isMonth(to) ? to : base.to,
    filters,
    compare: params.has("cmp") ? params.get("cmp") === "1" : params.has("m") ? false : base.compare,
    mat: params.get("mat") === "1",
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 10_000) : null,
    sort: sortMatch ? { key: sortMatch[1] as string, direction: sortMatch[2] as "asc" | "desc" } : null,
  };
  return normalize(state);
}

/**
 * Keeps the choices consistent with what the API accepts: MAT needs the month, excludes the
 * comparison and the non-additive measures; a sort key must still exist.
 */
export function normalize(state: ReportState): ReportState {
  const next = { ...state };
  if (next.mat && (!next.dimensions.includes("month") || next.measures.some((m) => m === "customers" || m === "invoices"))) next.mat = false;
  if (next.mat) next.compare = false;
  if (next.sort && !sortKeys(next).includes(next.sort.key)) next.sort = null;
  return next;
}

/** The keys the table may sort on: dimensions, measures and, when compared, change.<measure>. */
export function sortKeys(state: Pick<ReportState, "dimensions" | "measures" | "compare">): string[] {
  return [...state.dimensions, ...state.measures, ...(state.compare ? state.measures.flatMap((m) => [`previous.${m}`, `change.${m}`]) : [])];
}

/** The URL parameters of a state (only what differs from nothing; the period always). */
export function writeReportState(state: ReportState): URLSearchParams {
  const p = new URLSearchParams();
  p.set("m", state.measures.join(","));
  p.set("d", state.dimensions.join(","));
  p.set("from", state.from);
  p.set("to", state.to);
  p.set("cmp", state.compare ? "1" : "0");
  if (state.mat) p.set("mat", "1");
  if (state.limit !== null) p.set("top", String(state.limit));
  if (state.sort) p.set("sort", `${state.sort.key}:${state.sort.direction}`);
  for (const [d, values] of Object.entries(state.filters)) if (values && values.length > 0) p.set(`f.${d}`, values.join(","));
  return p;
}

/** The API request of a state; null when it cannot be asked (no measure, a reversed period). */
export function toRequest(state: ReportState): SalesReportRequest | null {
  if (state.measures.length === 0 || !isMonth(state.from) || !isMonth(state.to) || state.to < state.from) return null;
  const filters = Object.fromEntries(Object.entries(state.filters).filter(([, v]) => v && v.length > 0));
  return {
    measures: state.measures,
    dimensions: state.dimensions,
    from: state.from,
    to: state.to,
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
    ...(state.compare ? { compare: "previousYear" as const } : {}),
    ...(state.mat ? { mat: true } : {}),
    ...(state.sort ? { sort: [state.sort] } : {}),
    ...(state.limit !== null ? { limit: state.limit } : {}),
  };
}

/** A saved view's request back into page state (the inverse of toRequest). */
export function stateOfRequest(request: SalesReportRequest): ReportState {
  return normalize({
    measures: request.measures,
    dimensions: request.dimensions,
    from: request.from,
    to: request.to,
    filters: request.filters ?? {},
    compare: request.compare === "previousYear",
    mat: request.mat === true,
    limit: request.limit ?? null,
    sort: request.sort?.[0] ? { key: request.sort[0].key, direction: request.sort[0].direction ?? "desc" } : null,
  });
}

/** A link to the report page with these choices (dashboards link into it). */
export function reportLink(state: Partial<ReportState> & Pick<ReportState, "measures" | "dimensions" | "from" | "to">): string {
  const full: ReportState = { filters: {}, compare: false, mat: false, limit: null, sort: null, ...state };
  return `/sales/report?${writeReportState(full).toString()}`;
}

/** Jan of this year … this month, and the same months a year earlier (the standard YTD). */
export function yearToDate(currentMonth: string): { from: string; to: string } {
  return { from: `${currentMonth.slice(0, 4)}-01`, to: currentMonth };
}

/** The twelve months up to and including this month. */
export function lastTwelveMonths(currentMonth: string): { from: string; to: string } {
  return { from: addMonths(currentMonth, -11), to: currentMonth };
}
