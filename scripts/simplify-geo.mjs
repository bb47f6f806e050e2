// Makes the map's boundary files (src/web/features/map/geo/*.json) from the shared TopoJSON
// (../shared/data/geo/nl_boundaries/nl_2023_gm_vr_prov.topo.json, licence in resources/SOURCE.md).
// Arcs are decoded once and simplified once (Douglas-Peucker, tolerance in degrees), so neighbouring
// municipalities keep one shared border; coordinates are rounded to 3 decimals (≈ 110 m north-south,
// ≈ 70 m east-west), plenty for a map of the whole country. Run: node scripts/simplify-geo.mjs [TOPO]
import { readFileSync, writeFileSync } from "node:fs";

const source = process.argv[2] ?? "../shared/data/geo/nl_boundaries/nl_2023_gm_vr_prov.topo.json";
const TOLERANCE = 0.0015;
const topo = JSON.parse(readFileSync(source, "utf8"));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

function simplify(points, tolerance) {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a];
    const [bx, by] = points[b];
    const dx = bx - ax;
    const dy = by - ay;
    const len = Math.hypot(dx, dy);
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > tolerance) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = (v) => Math.round(v * 1000) / 1000;
const arcs = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  const points = arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
  return simplify(points, TOLERANCE).map(([lon, lat]) => [round(lon), round(lat)]);
});

function ring(indices) {
  const out = [];
  for (const i of indices) {
    const arc = i < 0 ? [...arcs[~i]].reverse() : arcs[i];
    for (const [k, p] of arc.entries()) {
      if (k === 0 && out.length > 0) continue; // the first point of an arc is the last of the one before
      const last = out.at(-1);
      if (last && last[0] === p[0] && last[1] === p[1]) continue;
      out.push(p);
    }
  }
  return out.length >= 4 ? out : null;
}

function polygon(rings) {
  const out = rings.map(ring).filter((r) => r !== null);
  return out.length > 0 ? out : null;
}

function features(object, props) {
  return object.geometries.flatMap((g) => {
    const polygons = g.type === "Polygon" ? [polygon(g.arcs)] : g.arcs.map(polygon);
    const kept = polygons.filter((p) => p !== null);
    if (kept.length === 0) return [];
    return [{ type: "Feature", properties: props(g.properties), geometry: { type: "MultiPolygon", coordinates: kept } }];
  });
}

const provinces = features(topo.objects.province_features, (p) => ({ name: p.name }));
const municipalities = features(topo.objects.gm_features, (p) => ({ name: p.name, code: p.code, province: p.province }));
const out = "src/web/features/map/geo";
writeFileSync(`${out}/nl-provinces.json`, JSON.stringify({ type: "FeatureCollection", features: provinces }));
writeFileSync(`${out}/nl-municipalities.json`, JSON.stringify({ type: "FeatureCollection", features: municipalities }));
console.log(`provinces ${provinces.length}, municipalities ${municipalities.length}, points ${arcs.reduce((s, a) => s + a.length, 0)}`);
