// How the texts of one language are put together: the base file, the shared labels of coded values
// (src/labels/<lang>.json, shared with the server so an export says what the screen says) and every
// feature's own i18n.<lang>.json, merged deeply (the shared labels add `activities.kind` to the
// activities feature's own texts).
export type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === "object" && v !== null && !Array.isArray(v);

function merge(into: Tree, from: Tree): Tree {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    into[key] = isTree(existing) && isTree(value) ? merge({ ...existing }, value) : value;
  }
  return into;
}

export function withFeatures(base: Tree, shared: Tree, features: readonly Tree[]): Tree {
  const merged = merge({ ...base }, shared);
  for (const texts of features) merge(merged, texts);
  return merged;
}
