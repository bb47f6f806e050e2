// The state of an import that its jobs move along, shared by every kind: which state a user sees
// (a failed job shows as "failed" where the import stopped), and the one way to queue its commit.
import type { Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import type { JobRunner } from "../jobs/job-runner.js";
import { findJobRow, type JobRow } from "../jobs/job.repository.js";

/** What the user sees: a failed or stopped job leaves the import where it was, shown as failed. */
export function visibleStatus(status: string, analysis: JobRow | undefined, commit: JobRow | undefined): string {
  const stopped = (job: JobRow | undefined) => job?.state === "failed" || job?.state === "cancelled";
  if ((status === "reading" || status === "analysing") && stopped(analysis)) return "failed";
  if (status === "committing" && stopped(commit)) return "failed";
  return status;
}

/**
 * Queues the commit job `kind` of an analysed import; a commit whose job failed or was stopped may be
 * started again (what it wrote is found unchanged, or nothing was written). The status is moved in
 * one statement first, so two clicks never queue two commits.
 */
export async function queueCommit(
  db: Db,
  jobs: JobRunner,
  viewer: Viewer,
  row: { id: number; status: string; commit_job_id: number | null },
  kind: string,
  invalidMessage: string,
  /** Import the good rows and set the rejected ones aside (the user chose so; all or nothing is the default). */
  skipInvalid = false,
): Promise<void> {
  const previous = row.commit_job_id ? await findJobRow(db, row.commit_job_id) : undefined;
  const retry = row.status === "committing" && (previous?.state === "failed" || previous?.state === "cancelled");
  if (!retry && (row.status === "committed" || row.status === "committing")) throw new AppError("conflict", "This import has already been committed");
  const ready = row.status === "analysed" || (skipInvalid && row.status === "invalid");
  if (!retry && !ready) throw new AppError("rule_violation", row.status === "invalid" ? invalidMessage : "The file has not been checked yet");
  const marked = await db.updateTable("import_jobs").set({ status: "committing" }).where("id", "=", row.id).where("status", "=", retry ? "committing" : row.status).executeTakeFirst();
  if (Number(marked.numUpdatedRows) !== 1) throw new AppError("conflict", "This import is being committed by another request");
  // A retry keeps the choice of the commit it repeats.
  const skip = retry ? Boolean((previous?.params ? (JSON.parse(previous.params) as { skipInvalid?: boolean }) : {}).skipInvalid) : skipInvalid;
  const commit = await jobs.enqueue(kind, skip ? { importId: row.id, skipInvalid: true } : { importId: row.id }, viewer);
  await db.updateTable("import_jobs").set({ commit_job_id: commit.id }).where("id", "=", row.id).execute();
}
