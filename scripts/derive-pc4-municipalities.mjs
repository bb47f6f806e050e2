// Makes resources/municipalities_2023.csv (the 342 municipalities of 1 January 2023 with their
// province) and resources/pc4_municipalities.csv (which municipality each shipped four-digit postcode
// area lies in) from the shared CBS/PDOK boundaries (licence in resources/SOURCE.md). A PC4 belongs to
// the municipality whose boundary holds its centroid (the mean of its BAG addresses); a centroid that
// falls outside every simplified boundary (on the coast, in a river) goes to the nearest boundary.
// Run: node scripts/derive-pc4-municipalities.mjs [GEOJSON] [PC4CSV]
import { readFileSync, writeFileSync } from "node:fs";

const geoPath = process.argv[2] ?? "../shared/data/geo/nl_boundaries/gemeenten_2023.geojson";
const pc4Path = process.argv[3] ?? "resources/pc4.csv";
const features = JSON.parse(readFileSync(geoPath, "utf8")).features;

const polygonsOf = (g) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);
const municipalities = features.map((f) => ({ code: f.properties.code, name: f.properties.name, province: f.properties.province, polygons: polygonsOf(f.geometry) }));

/** Even-odd ray casting over every ring (holes included). */
function contains(polygons, x, y) {
  let inside = false;
  for (const rings of polygons)
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
  return inside;
}

/** Squared distance in a local plane (longitude shrunk by cos 52°) to the nearest boundary vertex. */
function nearness(polygons, x, y) {
  let best = Number.POSITIVE_INFINITY;
  for (const rings of polygons) for (const ring of rings) for (const [px, py] of ring) best = Math.min(best, ((px - x) * 0.616) ** 2 + (py - y) ** 2);
  return best;
}

const lines = readFileSync(pc4Path, "utf8").trim().split("\n").slice(1);
const out = ["pc4,gm_code"];
let nearest = 0;
for (const line of lines) {
  const [pc4, lat, lon] = line.split(",");
  const x = Number(lon);
  const y = Number(lat);
  let hit = municipalities.find((m) => contains(m.polygons, x, y));
  if (!hit) {
    nearest++;
    hit = municipalities.reduce((a, b) => (nearness(a.polygons, x, y) <= nearness(b.polygons, x, y) ? a : b));
  }
  out.push(`${pc4},${hit.code}`);
}
const quote = (s) => (/[",]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const list = ["gm_code,name,province", ...[...municipalities].sort((a, b) => a.code.localeCompare(b.code)).map((m) => [m.code, quote(m.name), quote(m.province)].join(","))];
writeFileSync("resources/pc4_municipalities.csv", `${out.join("\n")}\n`);
writeFileSync("resources/municipalities_2023.csv", `${list.join("\n")}\n`);
console.log(`${lines.length} postcode areas, ${nearest} by nearest boundary; ${municipalities.length} municipalities`);
