// One chart for every sales page (dashboards, report, relation, Pareto): bars and lines over a
// category axis, values in euros, units, counts or percentages, optionally a second value axis.
// Loaded lazily (default export) so ECharts (components/echart.ts) stays out of the main bundle.
import { useEChart } from "../../components/echart.js";
import { compactEuros, compactNumber, formatBp, formatEurosWhole, formatNumber, formatVolume } from "./sales-format.js";

/** How values read: cents (shown as euros), units, a count, or basis points (shown as a percentage). */
export type ValueKind = "cents" | "volume" | "count" | "bp";

export interface ChartSeries {
  name: string;
  type: "bar" | "line";
  data: (number | null)[];
  /** Series with the same stack are stacked. */
  stack?: string;
  /** 1 = the second value axis (right). */
  axis?: 0 | 1;
  dashed?: boolean;
  color?: string;
}

export interface SalesChartProps {
  categories: string[];
  series: ChartSeries[];
  kind: ValueKind;
  /** The unit of the second axis, when a series uses it. */
  secondKind?: ValueKind;
  /** What the chart shows, for screen readers. */
  label: string;
  height?: number;
  /** Horizontal bars (long category names such as debtors). */
  horizontal?: boolean;
}

function tooltipText(kind: ValueKind, value: number): string {
  switch (kind) {
    case "cents":
      return formatEurosWhole(value);
    case "bp":
      return formatBp(value);
    case "volume":
      return formatVolume(value);
    default:
      return formatNumber(value);
  }
}

function axisText(kind: ValueKind, value: number): string {
  switch (kind) {
    case "cents":
      return compactEuros(value / 100);
    case "bp":
      return `${compactNumber(value / 100)} %`;
    default:
      return compactNumber(value);
  }
}

export default function SalesChart({ categories, series, kind, secondKind, label, height = 300, horizontal = false }: SalesChartProps) {
  const element = useEChart((width) => {
    // On a phone: fewer value labels and shorter category names, so nothing overlaps.
    const narrow = width < 520;
    const kindOf = (s: ChartSeries) => (s.axis === 1 && secondKind ? secondKind : kind);
    const valueAxis = (k: ValueKind, index: number) => ({
      type: "value" as const,
      axisLabel: { formatter: (v: number) => axisText(k, v), hideOverlap: true },
      splitNumber: narrow ? 3 : 5,
      splitLine: { show: index === 0 },
      ...(k === "bp" ? { max: (v: { max: number }) => Math.max(10_000, v.max) } : {}),
      // Customers and invoices come whole: no 0,3 of a customer on the axis.
      ...(k === "count" ? { minInterval: 1 } : {}),
    });
    const categoryAxis = {
      type: "category" as const,
      data: categories,
      ...(horizontal ? { inverse: true, axisLabel: { width: Math.min(180, Math.round(width * 0.38)), overflow: "truncate" as const } } : { axisLabel: { hideOverlap: true } }),
    };
    const valueAxes = secondKind ? [valueAxis(kind, 0), valueAxis(secondKind, 1)] : [valueAxis(kind, 0)];
    return {
      aria: { enabled: true },
      animation: false,
      tooltip: {
        trigger: "axis",
        confine: true,
        formatter: (items: unknown) => {
          const list = (Array.isArray(items) ? items : [items]) as { seriesIndex: number; seriesName: string; name: string; value: number | null; marker: string }[];
          const head = list[0]?.name ?? "";
          const lines = list
            .filter((i) => i.value !== null && i.value !== undefined)
            .map((i) => `${i.marker} ${escapeHtml(i.seriesName)}: ${escapeHtml(tooltipText(kindOf(series[i.seriesIndex] as ChartSeries), Number(i.value)))}`);
          return [escapeHtml(head), ...lines].join("<br/>");
        },
      },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
      ...(horizontal ? { yAxis: categoryAxis, xAxis: valueAxes } : { xAxis: categoryAxis, yAxis: valueAxes }),
      series: series.map((s) => ({
        type: s.type,
        name: s.name,
        data: s.data,
        ...(s.stack ? { stack: s.stack } : {}),
        ...(s.axis === 1 && secondKind ? (horizontal ? { xAxisIndex: 1 } : { yAxisIndex: 1 }) : {}),
        ...(s.type === "line" ? { symbolSize: 5, connectNulls: false, ...(s.dashed ? { lineStyle: { type: "dashed" } } : {}) } : { barMaxWidth: 28 }),
        ...(s.color ? { itemStyle: { color: s.color }, ...(s.type === "line" ? { lineStyle: { color: s.color, ...(s.dashed ? { type: "dashed" } : {}) } } : {}) } : {}),
      })),
    };
  }, [categories, series, kind, secondKind, horizontal]);

  return <div ref={element} role="img" aria-label={label} style={{ width: "100%", height }} />;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
