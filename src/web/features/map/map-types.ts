// The props of the map (NlMap): what other pages hand it. Coordinates are WGS84 degrees.

/** One relation (or other place) on the map. */
export interface MapPoint {
  id: number | string;
  lat: number;
  lon: number;
  /** Shown in the tooltip: the relation's name. */
  label: string;
  /** Key of the colour group (class, status, sub-area …); one of `groups`. */
  group: string;
  /** Extra tooltip line, e.g. the place and how precise the coordinate is. */
  detail?: string;
  /** Page opened on click, e.g. /relations/12. */
  link?: string;
}

/** A colour group: one legend entry (click to hide or show it). */
export interface MapGroup {
  key: string;
  label: string;
  colour: string;
}

/** A sub-area or rayon drawn as the outline around its points (convex hull, at least 3 points). */
export interface MapArea {
  id: string;
  label: string;
  colour: string;
  pointIds: readonly (number | string)[];
}

export interface MapRouteStop {
  lat: number;
  lon: number;
  label: string;
  /** Arrival–departure as a person reads it, e.g. "08:30–09:15". */
  time?: string;
  link?: string;
  /** Start and end (home): drawn as a square without a number. */
  home?: boolean;
}

/** A day's route: the stops in visiting order, joined by lines, numbered 1, 2, 3 … */
export interface MapRoute {
  stops: readonly MapRouteStop[];
  colour?: string;
}

/** Counts per grid cell, when there are too many points to draw one by one. */
export interface MapCell {
  lat: number;
  lon: number;
  count: number;
  /** The tooltip, e.g. "312 relaties: 20 A, 80 B …". */
  label: string;
}

export type Boundaries = "provinces" | "municipalities";

export interface NlMapProps {
  points: readonly MapPoint[];
  groups: readonly MapGroup[];
  areas?: readonly MapArea[];
  route?: MapRoute;
  cells?: readonly MapCell[];
  boundaries?: Boundaries;
  /** What the map shows, for screen readers (the canvas itself says nothing). */
  label: string;
  /** Pixels; default 520 (a phone gets 70 % of its screen height at most). */
  height?: number;
  /** Called on a click on a point or stop with a link; default: open the link. */
  onOpen?: (link: string) => void;
}
