// Contact moments per ISO week, one stacked bar series per rep (ECharts, loaded only on this page).
// Decoration for sighted users: the table beside it holds the same numbers.
import { BarChart } from "echarts/charts.js";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components.js";
import * as echarts from "echarts/core.js";
import { CanvasRenderer } from "echarts/renderers.js";
import { useEffect, useRef } from "react";
import type { ContactMomentsReport } from "./reports.api.js";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function ContactMomentsChart({ report, label }: { report: ContactMomentsReport; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: report.weeks.map((w) => w.replace(/^\d{4}-/, "")) },
      yAxis: { type: "value", minInterval: 1 },
      series: report.reps.map((r) => ({ name: r.user.name, type: "bar", stack: "total", data: r.perWeek })),
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [report]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: "100%", height: 320 }} />;
}
