// The list page's search, filters and sort live in the URL query string (so a reload or a shared
// link shows the same list). The names are those of GET /api/relations, so the URL is the query.
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { ListScope } from "../../../domain/list-scope.js";
import { readScope, useListScope } from "../../components/ScopeSwitch.js";

export const SORTS = ["name", "city", "status", "class", "owner", "updated"] as const;
export type SortKey = (typeof SORTS)[number];

export interface ListState {
  q: string;
  status: string[];
  class: string[];
  sbi: string[];
  city: string;
  postcodeFrom: string;
  postcodeTo: string;
  owner: string[];
  /** The relations behind a number of the visit-norm report: due, met or below ("" = no such filter). */
  visitNorm: string;
  normAsOf: string;
  sort: SortKey;
  order: "asc" | "desc";
  /** Mine, my team or everyone; null until the role's default is put in the URL. */
  scope: ListScope | null;
}

const MULTI = ["status", "class", "sbi", "owner"] as const;
const TEXT = ["q", "city", "postcodeFrom", "postcodeTo", "visitNorm", "normAsOf"] as const;
const VISIT_NORM_STATES = ["due", "met", "below"];

export function readListState(params: URLSearchParams): ListState {
  const sort = params.get("sort");
  return {
    q: params.get("q") ?? "",
    status: params.getAll("status"),
    class: params.getAll("class"),
    sbi: params.getAll("sbi"),
    city: params.get("city") ?? "",
    postcodeFrom: params.get("postcodeFrom") ?? "",
    postcodeTo: params.get("postcodeTo") ?? "",
    owner: params.getAll("owner"),
    visitNorm: VISIT_NORM_STATES.includes(params.get("visitNorm") ?? "") ? (params.get("visitNorm") as string) : "",
    normAsOf: params.get("normAsOf") ?? "",
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : "name",
    order: params.get("order") === "desc" ? "desc" : "asc",
    scope: readScope(params),
  };
}

/** Only what differs from the defaults, so a plain list has a plain URL. */
export function listStateToParams(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of TEXT) if (state[key].trim() !== "") params.set(key, state[key].trim());
  for (const key of MULTI) for (const value of state[key]) params.append(key, value);
  if (state.sort !== "name") params.set("sort", state.sort);
  if (state.order !== "asc") params.set("order", state.order);
  if (state.scope !== null) params.set("scope", state.scope);
  return params;
}

export function hasFilters(state: ListState): boolean {
  return MULTI.some((k) => state[k].length > 0) || TEXT.some((k) => k !== "q" && state[k].trim() !== "");
}

export function useListState(): [ListState, URLSearchParams, (change: Partial<ListState>) => void] {
  const [params, setParams] = useSearchParams();
  const scope = useListScope();
  const state = useMemo(() => ({ ...readListState(params), scope }), [params, scope]);
  const apiParams = useMemo(() => listStateToParams(state), [state]);
  const update = useCallback(
    (change: Partial<ListState>) => {
      // Typing replaces the history entry rather than adding one per keystroke.
      setParams((current) => listStateToParams({ ...readListState(current), ...change }), { replace: true });
    },
    [setParams],
  );
  return [state, apiParams, update];
}
