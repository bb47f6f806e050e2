// Expected revenue per month as an ECharts bar chart (stacked per rep / rayon / product when grouped),
// with the forecast as it stood on an earlier date as a line beside it (ECharts via useEChart).
import { useEChart } from "../../components/echart.js";
import { useTranslation } from "react-i18next";
import { formatCents, formatDate } from "../../i18n/format.js";
import { formatMonth } from "../quotes/months.js";
import type { Forecast } from "./forecast.api.js";

/** More groups than this are summed as "other" in the chart (the table shows them all). */
const MAX_SERIES = 8;

interface Props {
  current: Forecast;
  past: Forecast | null;
  groupLabel: (key: number | null, name: string | null) => string;
}

// Default export: the page loads this chart (and ECharts with it) lazily, outside the main bundle.
export default function ForecastChart({ current, past, groupLabel }: Props) {
  const { t } = useTranslation();
  const element = useEChart(() => {
    const months = current.months.map((m) => m.month);
    const bars =
      current.by === "month" || current.groups.length === 0
        ? [{ name: t("forecast.chart.expected"), data: current.months.map((m) => m.revenueCents / 100) }]
        : stackedGroups(current, groupLabel, t("forecast.chart.other"));
    const series = [
      ...bars.map((b) => ({ type: "bar" as const, name: b.name, stack: "current", data: b.data })),
      ...(past ? [{ type: "line" as const, name: t("forecast.chart.asOf", { date: formatDate(past.asOf) }), data: past.months.map((m) => m.revenueCents / 100), symbolSize: 6 }] : []),
    ];
    return {
      aria: { enabled: true },
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => formatCents(Math.round(Number(v) * 100)) },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 16, right: 16, top: 16, bottom: 48, containLabel: true },
      xAxis: { type: "category", data: months.map((m) => formatMonth(m, "short")) },
      yAxis: { type: "value", axisLabel: { formatter: (v: number) => compactEuros(v) } },
      series,
    };
  }, [current, past, groupLabel, t]);

  return <div ref={element} role="img" aria-label={t("forecast.chart.label")} style={{ width: "100%", height: 320 }} />;
}

function stackedGroups(current: Forecast, label: Props["groupLabel"], otherName: string) {
  const sorted = [...current.groups].sort((a, b) => b.total.revenueCents - a.total.revenueCents);
  const shown = sorted.slice(0, MAX_SERIES);
  const rest = sorted.slice(MAX_SERIES);
  const series = shown.map((g) => ({ name: label(g.key, g.name), data: g.months.map((m) => m.revenueCents / 100) }));
  if (rest.length > 0) {
    series.push({
      name: otherName,
      data: current.months.map((_, i) => rest.reduce((sum, g) => sum + (g.months[i]?.revenueCents ?? 0), 0) / 100),
    });
  }
  return series;
}

const compact = new Intl.NumberFormat("nl-NL", { notation: "compact", maximumFractionDigits: 1 });
function compactEuros(value: number): string {
  return `€ ${compact.format(value)}`;
}
