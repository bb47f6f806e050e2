// The sales chart behind React.lazy: the page renders at once, ECharts arrives in its own chunk.
import { lazy, Suspense } from "react";
import type { SalesChartProps } from "./SalesChart.js";

const SalesChart = lazy(() => import("./SalesChart.js"));

export function Chart(props: SalesChartProps) {
  return (
    <Suspense fallback={<div style={{ height: props.height ?? 300 }} />}>
      <SalesChart {...props} />
    </Suspense>
  );
}
