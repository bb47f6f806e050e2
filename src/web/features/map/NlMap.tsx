// The map of the Netherlands for any page (relations, territories, planning): a lazy wrapper, so
// ECharts and the boundaries load only when a map is shown. Props: map-types.ts. Pass arrays that
// keep their identity between renders (useMemo): a new array draws the map anew and resets zoom.
import { lazy, Suspense } from "react";
import type { NlMapProps } from "./map-types.js";

export type { Boundaries, MapArea, MapCell, MapGroup, MapPoint, MapRoute, MapRouteStop, NlMapProps } from "./map-types.js";
export { areaColour, CLASS_COLOURS, STATUS_COLOURS } from "./map-colours.js";

const MapView = lazy(() => import("./MapView.js"));

export function NlMap(props: NlMapProps) {
  return (
    <Suspense fallback={<div style={{ height: props.height ?? 520, maxHeight: "70vh" }} aria-busy="true" />}>
      <MapView {...props} />
    </Suspense>
  );
}
