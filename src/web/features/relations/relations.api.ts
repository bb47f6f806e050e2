// Relations over HTTP, as TanStack Query hooks. A saved relation replaces the cached detail at once
// (the server answers with the full new state), and lists are refetched.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "../../api/client.js";
import type { AuditLine, Page, RelationCreateInput, RelationDetail, RelationPatchInput, RelationSummary } from "../../api/types.js";

export const relationKeys = {
  all: ["relations"] as const,
  list: (params: string) => ["relations", "list", params] as const,
  detail: (id: number) => ["relations", "detail", id] as const,
  audit: (id: number) => ["relations", "audit", id] as const,
};

const PAGE_SIZE = 50;

/** Keyset-paged list for the filters in `params` (the URL query string of the list page). */
export function useRelationsList(params: URLSearchParams) {
  const key = params.toString();
  return useInfiniteQuery({
    queryKey: relationKeys.list(key),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams(params);
      query.set("limit", String(PAGE_SIZE));
      if (pageParam) query.set("cursor", pageParam);
      return api.get<Page<RelationSummary>>(`/api/relations${queryString(query)}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep showing the previous result while the next search runs: no flicker when typing.
    placeholderData: keepPreviousData,
  });
}

/** Relations by name, for pickers (parent company). */
export function useRelationSearch(q: string) {
  return useQuery({
    queryKey: relationKeys.list(`picker:${q}`),
    queryFn: ({ signal }) => api.get<Page<RelationSummary>>(`/api/relations${queryString({ q, limit: 20 })}`, signal),
    select: (page) => page.items,
    placeholderData: keepPreviousData,
  });
}

export function useRelation(id: number) {
  return useQuery({
    queryKey: relationKeys.detail(id),
    queryFn: ({ signal }) => api.get<RelationDetail>(`/api/relations/${id}`, signal),
  });
}

export function useRelationAudit(id: number) {
  return useQuery({
    queryKey: relationKeys.audit(id),
    queryFn: ({ signal }) => api.get<{ items: AuditLine[] }>(`/api/relations/${id}/audit`, signal),
    select: (data) => data.items,
  });
}

function useStoreRelation() {
  const queryClient = useQueryClient();
  return (relation: RelationDetail) => {
    queryClient.setQueryData(relationKeys.detail(relation.id), relation);
    void queryClient.invalidateQueries({ queryKey: ["relations", "list"] });
    void queryClient.invalidateQueries({ queryKey: relationKeys.audit(relation.id) });
  };
}

export function useCreateRelation() {
  const store = useStoreRelation();
  return useMutation({
    mutationFn: (input: RelationCreateInput) => api.post<RelationDetail>("/api/relations", input),
    onSuccess: store,
  });
}

/** PATCH with If-Match: the version the user edited; a newer one on the server gives 412. */
export function useUpdateRelation(id: number) {
  const store = useStoreRelation();
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: RelationPatchInput }) =>
      api.patch<RelationDetail>(`/api/relations/${id}`, version, changes),
    onSuccess: store,
  });
}
