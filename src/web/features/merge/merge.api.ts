// Duplicates and merging over HTTP: candidate pairs, what would move with a relation, and the merge
// itself (the versions of both relations as the user compared them: a change meanwhile gives 412).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "../../api/client.js";
import type { RelationDetail } from "../../api/types.js";

export interface DuplicateSide {
  id: number;
  name: string;
  city: string | null;
  postcode: string | null;
  kvkNumber: string | null;
  status: string;
  accountClass: string | null;
  version: number;
}

export interface DuplicatePair {
  /** "name_postcode" | "name_city" */
  reason: string;
  a: DuplicateSide;
  b: DuplicateSide;
}

export interface MergeResult {
  relation: RelationDetail;
  /** Rows re-pointed per "table.column". */
  moved: Record<string, number>;
  becameDead: boolean;
}

export const mergeKeys = {
  duplicates: (limit: number) => ["relations", "duplicates", limit] as const,
  moves: (id: number) => ["relations", "merge-moves", id] as const,
};

export function useDuplicates(limit: number) {
  return useQuery({
    queryKey: mergeKeys.duplicates(limit),
    queryFn: ({ signal }) => api.get<{ items: DuplicatePair[] }>(`/api/relations/duplicates${queryString({ limit })}`, signal),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

/** Upper bound of contact moments and quotes counted one by one; above it a count shows as "200+". */
export const COUNT_CAP = 200;

export interface MoveCounts {
  activities: number;
  activitiesCapped: boolean;
  followUps: number;
  quotes: number;
  quotesCapped: boolean;
}

/**
 * What hangs on a relation besides its persons (those come with the detail): contact moments,
 * follow-ups and quotes, counted from the lists the relation page uses. A merge moves them all.
 */
export function useMoveCounts(id: number) {
  return useQuery({
    queryKey: mergeKeys.moves(id),
    queryFn: async ({ signal }): Promise<MoveCounts> => {
      const [activities, followUps, quotes] = await Promise.all([
        api.get<{ items: unknown[]; nextCursor: string | null }>(`/api/relations/${id}/activities${queryString({ limit: COUNT_CAP })}`, signal),
        api.get<{ items: unknown[] }>(`/api/relations/${id}/followups`, signal),
        api.get<{ items: unknown[]; nextCursor: string | null }>(`/api/quotes${queryString({ relation: id, limit: COUNT_CAP })}`, signal),
      ]);
      return {
        activities: activities.items.length,
        activitiesCapped: activities.nextCursor !== null,
        followUps: followUps.items.length,
        quotes: quotes.items.length,
        quotesCapped: quotes.nextCursor !== null,
      };
    },
    enabled: id > 0,
  });
}

export function useMergeRelations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ survivor, duplicate }: { survivor: RelationDetail; duplicate: RelationDetail }) =>
      api.post<MergeResult>(`/api/relations/${survivor.id}/merge`, {
        duplicateId: duplicate.id,
        version: survivor.version,
        duplicateVersion: duplicate.version,
      }),
    onSuccess: (result, { duplicate }) => {
      queryClient.setQueryData(["relations", "detail", result.relation.id], result.relation);
      queryClient.removeQueries({ queryKey: ["relations", "detail", duplicate.id] });
      // Lists, duplicates, the survivor's audit trail and timeline all changed.
      void queryClient.invalidateQueries({ queryKey: ["relations"] });
      void queryClient.invalidateQueries({ queryKey: ["activities", "relation", result.relation.id] });
      void queryClient.invalidateQueries({ queryKey: ["followups", "relation", result.relation.id] });
    },
  });
}
