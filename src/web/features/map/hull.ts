// The convex hull of points (Andrew's monotone chain), for the outline of a sub-area on the map.
// Works in plain lon/lat: at the scale of a rayon the distortion does not change which points are
// on the outline enough to matter for a drawing.

export type LonLat = readonly [number, number];

const cross = (o: LonLat, a: LonLat, b: LonLat) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** The hull counter-clockwise, closed (first point repeated at the end); [] for fewer than 3 distinct points or points on one line. */
export function convexHull(points: readonly LonLat[]): LonLat[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]).filter((p, i, all) => i === 0 || p[0] !== all[i - 1]?.[0] || p[1] !== all[i - 1]?.[1]);
  if (sorted.length < 3) return [];
  const half = (list: readonly LonLat[]) => {
    const out: LonLat[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2] as LonLat, out[out.length - 1] as LonLat, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  const hull = [...half(sorted), ...half([...sorted].reverse())];
  if (hull.length < 3) return [];
  return [...hull, hull[0] as LonLat];
}

/** The box around points, widened to at least `minSpan` degrees, as [[west, north], [east, south]] (ECharts' boundingCoords). */
export function boundsOf(points: readonly LonLat[], minSpan: number): [[number, number], [number, number]] | null {
  if (points.length === 0) return null;
  let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lon, lat] of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const widen = (lo: number, hi: number): [number, number] => {
    const pad = Math.max(0, minSpan - (hi - lo)) / 2 + (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  };
  [west, east] = widen(west, east);
  [south, north] = widen(south, north);
  return [
    [west, north],
    [east, south],
  ];
}
