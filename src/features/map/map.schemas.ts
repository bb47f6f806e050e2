// HTTP shapes of the map: relations with their coordinates (and how precise those are), or — when a
// filter holds more relations than a map can show — counts per grid cell.
import { type Static, Type } from "typebox";
import { Id, Nullable, literals } from "../../server/schema-helpers.js";
import { ClassSchema, StatusSchema } from "../relations/relation.schemas.js";

/** Points sent at most: more than this would be megabytes and an unreadable map. */
export const MAX_MAP_POINTS = 5000;
export const DEFAULT_MAP_POINTS = 3000;
/** Relations without coordinates listed by name at most (the count is complete). */
export const UNPLACED_LIST_LIMIT = 200;

export const MapRelationsQuery = Type.Object(
  {
    rayon: Type.Optional(Type.Array(Id(), { maxItems: 50 })),
    class: Type.Optional(Type.Array(Type.Union([ClassSchema, Type.Literal("none")]), { maxItems: 5 })),
    status: Type.Optional(Type.Array(StatusSchema, { maxItems: 5, description: "default: every status but dead" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_MAP_POINTS, description: `points sent at most (default ${DEFAULT_MAP_POINTS}); above it the answer is counts per grid cell` })),
  },
  { additionalProperties: false },
);
export type MapRelationsQueryInput = Static<typeof MapRelationsQuery>;

const MapPoint = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  postcode: Nullable(Type.String()),
  city: Nullable(Type.String()),
  lat: Type.Number(),
  lon: Type.Number(),
  precisionM: Nullable(Type.Integer({ description: "metres within which the real address most likely lies" })),
  source: Nullable(Type.String({ description: "pc6, pc4, place or manual" })),
  status: Type.String(),
  accountClass: Nullable(Type.String()),
  rayonId: Nullable(Type.Integer()),
  subAreaId: Nullable(Type.Integer()),
});

const Counts = Type.Record(Type.String(), Type.Integer());

const MapCell = Type.Object({
  lat: Type.Number({ description: "centre of the grid cell" }),
  lon: Type.Number(),
  count: Type.Integer(),
  byClass: Counts,
  byStatus: Counts,
});

export const MapRelations = Type.Object({
  mode: literals(["points", "cells"] as const),
  /** Relations with coordinates that match the filter. */
  located: Type.Integer(),
  limit: Type.Integer({ description: "points sent at most; located > limit gives cells" }),
  cellDegrees: Type.Number({ description: "size of a grid cell in degrees (cells mode)" }),
  points: Type.Array(MapPoint),
  cells: Type.Array(MapCell),
  subAreas: Type.Array(Type.Object({ id: Type.Integer(), rayonId: Type.Integer(), cycleWeeks: Type.Integer(), week: Type.Integer(), weekday: Type.Integer() })),
  withoutCoordinates: Type.Object({
    count: Type.Integer(),
    items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), postcode: Nullable(Type.String()), city: Nullable(Type.String()) })),
  }),
});
export type MapRelationsDto = Static<typeof MapRelations>;
