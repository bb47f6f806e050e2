// From a sales report to a chart: the time dimension (or else the first dimension) along the axis,
// one series per combination of the other dimensions (the largest few; the rest summed as "other"
// where the measure adds up), last year beside a single series when compared.
import type { TFunction } from "i18next";
import { TIME_DIMENSIONS, type SalesDimension, type SalesMeasure } from "../../../domain/access.js";
import type { ChartSeries, ValueKind } from "./SalesChart.js";
import type { SalesReport, SalesReportRow } from "./sales.api.js";
import { dimensionKey, dimensionText } from "./sales-format.js";

export const MAX_SERIES = 8;
export const MAX_CATEGORIES = 30;
const ADDITIVE: readonly SalesMeasure[] = ["revenue", "margin", "volume"];

export function kindOf(measure: SalesMeasure): ValueKind {
  if (measure === "revenue" || measure === "margin") return "cents";
  if (measure === "marginPct") return "bp";
  if (measure === "volume") return "volume";
  return "count";
}

export interface ReportChartSpec {
  categories: string[];
  series: ChartSeries[];
  kind: ValueKind;
  horizontal: boolean;
  /** Categories left out of the chart (the table shows them all). */
  cut: number;
}

export function reportChart(t: TFunction, report: SalesReport, measure: SalesMeasure): ReportChartSpec | null {
  const dims = report.dimensions;
  if (dims.length === 0 || report.rows.length === 0) return null;
  const axis = (dims.find((d) => (TIME_DIMENSIONS as readonly string[]).includes(d)) ?? dims[0]) as SalesDimension;
  const rest = dims.filter((d) => d !== axis);
  const timeAxis = (TIME_DIMENSIONS as readonly string[]).includes(axis);
  const value = (r: SalesReportRow) => (r[measure] ?? null) as number | null;

  // Categories in the order the server sorted them (time ascending, otherwise by the sort asked).
  const categoryKeys: string[] = [];
  const labels = new Map<string, string>();
  for (const r of report.rows) {
    const k = dimensionKey(r[axis]);
    if (!labels.has(k)) {
      labels.set(k, dimensionText(t, axis, r[axis]));
      categoryKeys.push(k);
    }
  }
  if (timeAxis) categoryKeys.sort();
  // Every period along a time axis; the first (largest) few of anything else.
  const shownKeys = timeAxis ? categoryKeys : categoryKeys.slice(0, MAX_CATEGORIES);
  const index = new Map(shownKeys.map((k, i) => [k, i]));

  const groups = new Map<string, { name: string; data: (number | null)[]; previous: (number | null)[]; size: number }>();
  for (const r of report.rows) {
    const i = index.get(dimensionKey(r[axis]));
    if (i === undefined) continue;
    const gk = rest.map((d) => dimensionKey(r[d])).join("|");
    let g = groups.get(gk);
    if (!g) {
      g = { name: rest.map((d) => dimensionText(t, d, r[d])).join(" · ") || t(`sales.measures.${measure}`), data: shownKeys.map(() => null), previous: shownKeys.map(() => null), size: 0 };
      groups.set(gk, g);
    }
    g.data[i] = value(r);
    g.previous[i] = (r.previous?.[measure] ?? null) as number | null;
    g.size += Math.abs(value(r) ?? 0);
  }
  const sorted = [...groups.values()].sort((a, b) => b.size - a.size);
  const shown = sorted.slice(0, MAX_SERIES);
  const others = sorted.slice(MAX_SERIES);
  const several = shown.length > 1;
  const type: "bar" | "line" = report.mat || (timeAxis && several) ? "line" : "bar";
  const stack = !timeAxis && several && ADDITIVE.includes(measure) ? "all" : undefined;
  const series: ChartSeries[] = shown.map((g) => ({ name: g.name, type, data: g.data, ...(stack ? { stack } : {}) }));
  if (others.length > 0 && ADDITIVE.includes(measure)) {
    series.push({
      name: t("sales.chart.other", { count: others.length }),
      type,
      data: shownKeys.map((_, i) => others.reduce((s, g) => s + (g.data[i] ?? 0), 0)),
      ...(stack ? { stack } : {}),
      color: "#adb5bd",
    });
  }
  if (report.compare && !several && shown[0]) {
    series.push({ name: t("sales.lastYear"), type: timeAxis ? "line" : "bar", data: shown[0].previous, dashed: true, color: "#868e96" });
  }
  const longNames = axis === "debtor" || axis === "product" || axis === "sbiSection" || axis === "segment";
  return {
    categories: shownKeys.map((k) => labels.get(k) ?? k),
    series,
    kind: kindOf(measure),
    horizontal: !timeAxis && longNames,
    cut: categoryKeys.length - shownKeys.length,
  };
}
