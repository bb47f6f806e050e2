// ECharts for every chart in the app. Only the parts used are registered, to keep the bundle small,
// and it draws on a canvas (no inline scripts, so the CSP holds). Chart components import this and
// are themselves loaded lazily, so ECharts stays out of the main bundle.
import { BarChart, LineChart, LinesChart, ScatterChart } from "echarts/charts.js";
import { AriaComponent, GeoComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components.js";
import * as echarts from "echarts/core.js";
import { CanvasRenderer } from "echarts/renderers.js";
import { type RefObject, useEffect, useRef } from "react";

// Scatter, lines and geo are the map's (features/map): points, routes and hulls over the boundaries.
echarts.use([BarChart, LineChart, ScatterChart, LinesChart, GeoComponent, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartClick = { data?: unknown; seriesId?: string; seriesName?: string };

/** Boundaries for geo components (the map registers the Netherlands once per name). */
export function registerMap(name: string, geoJson: object): void {
  if (!echarts.getMap(name)) echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
}

/**
 * A chart bound to a div: created when the div mounts, resized with its box, disposed on unmount.
 * `build(width)` gives the chart's option for the div's width in pixels (a phone gets fewer labels);
 * it is drawn again, replacing the old option, whenever one of `deps` changes.
 */
export function useEChart(build: (width: number) => ChartOption, deps: readonly unknown[], onClick?: (event: ChartClick) => void): RefObject<HTMLDivElement | null> {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // The latest handler, read when a click comes (the chart itself lives as long as the div).
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, null, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (event) => click.current?.(event as ChartClick));
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
