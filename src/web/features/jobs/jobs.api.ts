// Background jobs over HTTP: a request that answers 202 hands back a job; its state is polled until
// it ends. The job id lives in the page's URL, so a reload keeps following the same job.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.js";

export type JobState = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface Job<R = unknown> {
  id: number;
  kind: string;
  state: JobState;
  progress: { done: number; total: number | null; note: string | null };
  attempts: number;
  result: R | null;
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] } | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const isFinal = (state: JobState) => state === "succeeded" || state === "failed" || state === "cancelled";

/** Follows a job until it ends: every half second while it is queued or running. */
export function useJob<R = unknown>(id: number | null) {
  return useQuery({
    queryKey: ["job", id],
    queryFn: ({ signal }) => api.get<Job<R>>(`/api/jobs/${id}`, signal),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && isFinal(query.state.data.state) ? false : 500),
  });
}

export const startJob = <R = unknown>(path: string, body: unknown) => api.post<Job<R>>(path, body);

/** Waits for a job to end (polling every half second) and gives its final state. */
export async function jobDone<R = unknown>(id: number, onProgress?: (job: Job<R>) => void): Promise<Job<R>> {
  for (;;) {
    const job = await api.get<Job<R>>(`/api/jobs/${id}`);
    onProgress?.(job);
    if (isFinal(job.state)) return job;
    await new Promise((r) => setTimeout(r, 500));
  }
}
export const cancelJob = (id: number) => api.post<Job>(`/api/jobs/${id}/cancel`, {});
