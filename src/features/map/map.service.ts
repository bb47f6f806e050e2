// The map of relations: every located relation of the filter as a point while they fit in the
// limit, else counts per grid cell (at 100,000 relations a map of single dots is neither readable
// nor small). Relations without a coordinate are counted and listed, never silently left out.
import { RELATION_STATUSES } from "../../domain/lifecycle.js";
import type { Db } from "../../db/kysely.js";
import { DEFAULT_MAP_POINTS, type MapRelationsDto, type MapRelationsQueryInput, UNPLACED_LIST_LIMIT } from "./map.schemas.js";
import { countLocated, type MapFilter, mapCells, mapPoints, subAreasOf, unplaced } from "./map.repository.js";

/** Grid cell in degrees for the aggregated map: 0.25° ≈ 28 km north-south, ≈ 17 km east-west here (about 150 cells cover the country). */
export const CELL_DEGREES = 0.25;

/** Dead relations are never visited: the map leaves them out unless asked for by status. */
const LIVING = RELATION_STATUSES.filter((s) => s !== "dead");

export async function mapRelations(db: Db, q: MapRelationsQueryInput): Promise<MapRelationsDto> {
  const filter: MapFilter = { rayonIds: q.rayon ?? [], classes: q.class ?? [], statuses: q.status ?? LIVING };
  const limit = q.limit ?? DEFAULT_MAP_POINTS;
  const [located, [unplacedCount, unplacedRows], areas] = await Promise.all([countLocated(db, filter), unplaced(db, filter, UNPLACED_LIST_LIMIT), subAreasOf(db, filter.rayonIds)]);
  const base = {
    located,
    limit,
    cellDegrees: CELL_DEGREES,
    subAreas: areas.map((a) => ({ id: a.id, rayonId: a.rayon_id, cycleWeeks: a.cycle_weeks, week: a.week, weekday: a.weekday })),
    withoutCoordinates: {
      count: Number(unplacedCount.n),
      items: unplacedRows.map((r) => ({ id: r.id, name: r.name, postcode: r.visit_postcode, city: r.visit_city })),
    },
  };
  if (located <= limit) {
    const rows = await mapPoints(db, filter, limit);
    return {
      ...base,
      mode: "points",
      cells: [],
      points: rows.map((r) => ({
        id: r.id,
        name: r.name,
        postcode: r.visit_postcode,
        city: r.visit_city,
        lat: r.lat as number,
        lon: r.lon as number,
        precisionM: r.geo_precision_m,
        source: r.geo_source,
        status: r.status,
        accountClass: r.account_class,
        rayonId: r.rayon_id,
        subAreaId: r.sub_area_id ?? null,
      })),
    };
  }
  return { ...base, mode: "cells", points: [], cells: foldCells(await mapCells(db, filter, CELL_DEGREES)) };
}

type CellRow = { cy: number; cx: number; account_class: string | null; status: string; n: number };

/** One cell per grid square with its counts by class ("none" for no class) and by status. */
export function foldCells(rows: readonly CellRow[]): MapRelationsDto["cells"] {
  const cells = new Map<string, MapRelationsDto["cells"][number]>();
  for (const r of rows) {
    const cy = Number(r.cy);
    const cx = Number(r.cx);
    const key = `${cy}:${cx}`;
    let cell = cells.get(key);
    if (!cell) {
      // Centre of the cell, rounded to 4 decimals (≈ 10 m) so that float noise does not show.
      cell = { lat: round4((cy + 0.5) * CELL_DEGREES), lon: round4((cx + 0.5) * CELL_DEGREES), count: 0, byClass: {}, byStatus: {} };
      cells.set(key, cell);
    }
    const n = Number(r.n);
    const cls = r.account_class ?? "none";
    cell.count += n;
    cell.byClass[cls] = (cell.byClass[cls] ?? 0) + n;
    cell.byStatus[r.status] = (cell.byStatus[r.status] ?? 0) + n;
  }
  return [...cells.values()].sort((a, b) => b.lat - a.lat || a.lon - b.lon);
}

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
