// Contact moments, their attachments and follow-ups over HTTP. A saved contact moment or follow-up
// refreshes the timeline, the follow-ups, "My day" and the relation's audit trail.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "../../api/client.js";
import type { Activity, ActivityBody, ActivityCreateBody, ActivityPage, Attachment, FollowUp, FollowUpBody, FollowUpPatchBody, QuickDates } from "./types.js";

export const crmKeys = {
  activities: (relationId: number) => ["activities", "relation", relationId] as const,
  followUps: (relationId: number) => ["followups", "relation", relationId] as const,
  quickDates: (from: string) => ["followups", "quick-dates", from] as const,
  myDay: ["my-day"] as const,
  overdueByRep: ["followups", "overdue-by-rep"] as const,
};

const PAGE_SIZE = 20;

/** Newest first, keyset-paged ("load more"). */
export function useActivities(relationId: number) {
  return useInfiniteQuery({
    queryKey: crmKeys.activities(relationId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<ActivityPage>(`/api/relations/${relationId}/activities${queryString({ limit: PAGE_SIZE, cursor: pageParam })}`, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Everything a contact moment or follow-up change can show up in. */
export function useRefreshCrm() {
  const queryClient = useQueryClient();
  return (relationId?: number) => {
    if (relationId !== undefined) {
      void queryClient.invalidateQueries({ queryKey: crmKeys.activities(relationId) });
      void queryClient.invalidateQueries({ queryKey: crmKeys.followUps(relationId) });
      void queryClient.invalidateQueries({ queryKey: ["relations", "audit", relationId] });
    }
    void queryClient.invalidateQueries({ queryKey: crmKeys.myDay });
    void queryClient.invalidateQueries({ queryKey: crmKeys.overdueByRep });
    void queryClient.invalidateQueries({ queryKey: ["followups", "list"] });
  };
}

export function useCreateActivity(relationId: number) {
  const refresh = useRefreshCrm();
  return useMutation({
    mutationFn: (body: ActivityCreateBody) => api.post<Activity>(`/api/relations/${relationId}/activities`, body),
    onSuccess: () => refresh(relationId),
  });
}

/** PATCH with If-Match: a contact moment saved by someone else meanwhile gives 412. */
export function useUpdateActivity(relationId: number) {
  const refresh = useRefreshCrm();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: number; version: number; changes: ActivityBody }) =>
      api.patch<Activity>(`/api/activities/${id}`, version, changes),
    onSuccess: () => refresh(relationId),
  });
}

/** Uploads one file as multipart/form-data. */
export async function uploadAttachment(activityId: number, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append("file", file, file.name);
  return api.upload<Attachment>(`/api/activities/${activityId}/attachments`, form);
}

export function useUploadAttachment(relationId: number) {
  const refresh = useRefreshCrm();
  return useMutation({
    mutationFn: ({ activityId, file }: { activityId: number; file: File }) => uploadAttachment(activityId, file),
    onSuccess: () => refresh(relationId),
  });
}

/** The quick due-date choices (1 week … 1 year) counted from `from` (YYYY-MM-DD; none = today on
 * the server), as the server counts them. */
export function useQuickDates(from: string | undefined) {
  return useQuery({
    queryKey: crmKeys.quickDates(from ?? "today"),
    queryFn: ({ signal }) => api.get<QuickDates>(`/api/followups/quick-dates${queryString({ from })}`, signal),
    // "Today" is the server's; a date-based answer never changes.
    staleTime: from === undefined ? 5 * 60 * 1000 : Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  });
}

export function useRelationFollowUps(relationId: number) {
  return useQuery({
    queryKey: crmKeys.followUps(relationId),
    queryFn: ({ signal }) => api.get<{ items: FollowUp[] }>(`/api/relations/${relationId}/followups`, signal),
    select: (data) => data.items,
  });
}

export function useCreateFollowUp(relationId: number) {
  const refresh = useRefreshCrm();
  return useMutation({
    mutationFn: (body: FollowUpBody) => api.post<FollowUp>(`/api/relations/${relationId}/followups`, body),
    onSuccess: () => refresh(relationId),
  });
}

/** Done, moved or reassigned: PATCH with If-Match. */
export function useUpdateFollowUp() {
  const refresh = useRefreshCrm();
  return useMutation({
    mutationFn: ({ followUp, changes }: { followUp: FollowUp; changes: FollowUpPatchBody }) =>
      api.patch<FollowUp>(`/api/followups/${followUp.id}`, followUp.version, changes),
    onSuccess: (saved) => refresh(saved.relation.id),
  });
}
