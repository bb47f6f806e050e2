// ECharts for every chart in the app. Only the parts used are registered, to keep the bundle small,
// and it draws on a canvas (no inline scripts, so the CSP holds). Chart components import this and
// are themselves loaded lazily, so ECharts stays out of the main bundle.
import { BarChart, LineChart } from "echarts/charts.js";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components.js";
import * as echarts from "echarts/core.js";
import { CanvasRenderer } from "echarts/renderers.js";
import { type RefObject, useEffect, useRef } from "react";

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * A chart bound to a div: created when the div mounts, resized with its box, disposed on unmount.
 * `build(width)` gives the chart's option for the div's width in pixels (a phone gets fewer labels);
 * it is drawn again, replacing the old option, whenever one of `deps` changes.
 */
export function useEChart(build: (width: number) => ChartOption, deps: readonly unknown[]): RefObject<HTMLDivElement | null> {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, null, { renderer: "canvas" });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(
    () => {
      chart.current?.setOption(build(element.current?.clientWidth ?? 800), { notMerge: true });
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what build depends on
    deps,
  );
  return element;
}
