// The follow-ups list over HTTP (GET /api/followups), keyset-paged ("load more").
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api, queryString } from "../../api/client.js";
import type { FollowUp } from "../activities/types.js";

interface FollowUpPage {
  items: FollowUp[];
  nextCursor: string | null;
  total: { count: number; exact: boolean };
}

const PAGE_SIZE = 50;

export const followUpListKey = (params: string) => ["followups", "list", params] as const;

export function useFollowUpsList(params: URLSearchParams) {
  return useInfiniteQuery({
    queryKey: followUpListKey(params.toString()),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams(params);
      query.set("limit", String(PAGE_SIZE));
      if (pageParam) query.set("cursor", pageParam);
      return api.get<FollowUpPage>(`/api/followups${queryString(query)}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
