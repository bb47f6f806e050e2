// Colours of the map's groups: the same hues as the status and class badges (components/badges.tsx),
// and a palette for sub-areas that keeps neighbours apart. Colour is never the only cue: the legend
// names each group and the tooltip names the point.

export const CLASS_COLOURS: Readonly<Record<string, string>> = {
  key: "#9c36b5",
  A: "#3b5bdb",
  B: "#0ca678",
  C: "#f08c00",
  none: "#868e96",
};

export const STATUS_COLOURS: Readonly<Record<string, string>> = {
  suspect: "#868e96",
  prospect: "#1c7ed6",
  customer: "#2f9e44",
  former_customer: "#f59f00",
  dead: "#212529",
};

const AREA_PALETTE = ["#e03131", "#1971c2", "#2f9e44", "#f08c00", "#9c36b5", "#0c8599", "#c2255c", "#5c940d", "#3b5bdb", "#e8590c", "#6741d9", "#099268", "#d6336c", "#1098ad", "#74b816"];

/** The colour of the n-th sub-area (0-based), repeating after fifteen. */
export function areaColour(index: number): string {
  return AREA_PALETTE[((index % AREA_PALETTE.length) + AREA_PALETTE.length) % AREA_PALETTE.length] as string;
}
