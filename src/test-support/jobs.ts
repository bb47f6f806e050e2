// Waiting for background jobs in integration tests, through the API as a client would.
import type { App } from "../server/context.js";

export type FinalJob = { id: number; state: "succeeded" | "failed" | "cancelled"; result: unknown; error: { code: string; message: string } | null; progress: { done: number; total: number | null } };

/** Polls GET /api/jobs/:id until the job has ended (or throws after `timeoutMs`). */
export async function waitForJob(app: App, headers: Record<string, string>, id: number, timeoutMs = 60_000): Promise<FinalJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: "GET", url: `/api/jobs/${id}`, headers });
    if (res.statusCode !== 200) throw new Error(`GET /api/jobs/${id}: ${res.statusCode} ${res.body}`);
    const job = res.json();
    if (job.state === "succeeded" || job.state === "failed" || job.state === "cancelled") return job as FinalJob;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** POSTs a request that answers 202 with a job, waits for the job and returns its result (throws on failure). */
// biome-ignore lint/suspicious/noExplicitAny: tests read the result of any job kind by its fields
export async function resultOfJob(app: App, headers: Record<string, string>, url: string, payload: unknown): Promise<any> {
  const res = await app.inject({ method: "POST", url, headers, payload: payload as Record<string, unknown> });
  if (res.statusCode !== 202) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  const job = await waitForJob(app, headers, res.json().id);
  if (job.state !== "succeeded") throw new Error(`job ${job.id} ${job.state}: ${JSON.stringify(job.error)}`);
  return job.result;
}
