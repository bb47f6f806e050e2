// Use cases of jobs as users see them: their own jobs, one job's state, asking to cancel. Another
// user's job does not exist for you (it may hold their upload); administrators see every job.
import type { Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { notFound } from "../../server/errors.js";
import { findJobRow, type JobRow, listJobRows, requestCancel } from "./job.repository.js";
import type { JobDtoType } from "./job.schemas.js";

export function toJobDto(row: JobRow): JobDtoType {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    progress: { done: Number(row.progress_done), total: row.progress_total === null ? null : Number(row.progress_total), note: row.progress_note },
    attempts: row.attempts,
    result: row.result === null ? null : JSON.parse(row.result),
    error: row.error === null ? null : JSON.parse(row.error),
    cancelRequested: row.cancel_requested === 1,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** The job row if the viewer may see it (owner or administrator), else 404. */
export async function visibleJob(db: Db, viewer: Viewer, id: number): Promise<JobRow> {
  const row = await findJobRow(db, id);
  if (!row || (row.owner_id !== viewer.id && viewer.role !== "admin")) throw notFound(`Job ${id}`);
  return row;
}

export async function getJob(db: Db, viewer: Viewer, id: number): Promise<JobDtoType> {
  return toJobDto(await visibleJob(db, viewer, id));
}

export async function listJobs(db: Db, viewer: Viewer, limit: number): Promise<JobDtoType[]> {
  return (await listJobRows(db, viewer.id, limit)).map(toJobDto);
}

export async function cancelJob(db: Db, viewer: Viewer, id: number): Promise<JobDtoType> {
  await visibleJob(db, viewer, id);
  await requestCancel(db, id);
  return getJob(db, viewer, id);
}

/** Housekeeping of a periodic kind: its runs in `state` that finished before `before` go. */
export async function deleteFinishedJobs(db: Db, kind: string, state: "succeeded" | "failed", before: string): Promise<void> {
  await db.deleteFrom("jobs").where("kind", "=", kind).where("state", "=", state).where("finished_at", "<", before).execute();
}
