// News on key relations over HTTP: a relation's feed and items, its address, "Nu ophalen" (a job
// followed until it ends), the allow-list of feed hosts and "read" on Mijn dag.
import { useQuery } from "@tanstack/react-query";
import type { Static } from "typebox";
import { api, apiRequest } from "../../api/client.js";
import type { Feed as FeedSchema, NewsSettings as NewsSettingsSchema, RelationNews as RelationNewsSchema } from "../../../features/news/news.schemas.js";

export type RelationNews = Static<typeof RelationNewsSchema>;
export type Feed = Static<typeof FeedSchema>;
export type NewsSettings = Static<typeof NewsSettingsSchema>;

export const newsKeys = {
  relation: (relationId: number) => ["news", "relation", relationId] as const,
  settings: ["news-settings"] as const,
};

export function useRelationNews(relationId: number) {
  return useQuery({ queryKey: newsKeys.relation(relationId), queryFn: ({ signal }) => api.get<RelationNews>(`/api/relations/${relationId}/news`, signal) });
}

export const saveFeedUrl = (relationId: number, url: string | null) => apiRequest<{ feed: Feed | null }>(`/api/relations/${relationId}/news-feed`, { method: "PUT", body: { url } });
export const fetchFeedNow = (relationId: number) => api.post<{ id: number }>(`/api/relations/${relationId}/news-feed/fetch`, {});
/** "Gelezen" up to the newest item shown (`upTo`: its fetchedAt), so news fetched meanwhile stays news. */
export const markNewsSeen = (upTo: string | undefined) => api.post<void>("/api/my-day/news/seen", upTo ? { upTo } : {});
export const saveNewsSettings = (allowedHosts: string[]) => apiRequest<NewsSettings>("/api/news-settings", { method: "PUT", body: { allowedHosts } });
export function useNewsSettings() {
  return useQuery({ queryKey: newsKeys.settings, queryFn: ({ signal }) => api.get<NewsSettings>("/api/news-settings", signal) });
}
