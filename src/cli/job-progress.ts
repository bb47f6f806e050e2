// The CLI's way of running background jobs: one runner per command that claims the jobs it queues
// (so a server on the same database never takes them), runs each in a worker thread of this
// process like the server would, and shows its progress from the jobs row as a bar on stderr — the
// same progress the web app shows. A job this process does not live to finish is picked up by the
// server (or the next run) from its last checkpoint.
import { SingleBar } from "cli-progress";
import type { Config } from "../config.js";
import { SYSTEM_VIEWER, type Viewer } from "../domain/access.js";
import type { DatabaseHandle } from "../db/kysely.js";
import { JobRunner } from "../features/jobs/job-runner.js";
import { findJobRow, type JobRow } from "../features/jobs/job.repository.js";
import { AppError, type ErrorCode, ERROR_CATALOGUE } from "../server/errors.js";
import { JOB_KINDS } from "../server/job-kinds.js";

export function cliRunner(handle: DatabaseHandle, config: Config): JobRunner {
  return new JobRunner({ db: handle.db, engine: handle.engine, config, now: () => new Date() }, { kinds: JOB_KINDS, threads: 1, claimOwnJobs: true });
}

/** Runs the queued job `jobId` here to its end and returns its result; a failed job throws its problem. */
export async function runJobHere(handle: DatabaseHandle, runner: JobRunner, jobId: number, options: { bar?: boolean } = {}): Promise<unknown> {
  const showBar = options.bar ?? process.stderr.isTTY === true;
  const bar = showBar ? new SingleBar({ format: "  {bar} {percentage}% | {note}", hideCursor: true, stream: process.stderr }) : null;
  let started = false;
  const draw = (row: JobRow | undefined) => {
    if (!bar || !row) return;
    const total = row.progress_total === null ? 0 : Number(row.progress_total);
    if (!started && total > 0) {
      bar.start(total, 0, { note: "" });
      started = true;
    }
    if (started) {
      bar.setTotal(Math.max(total, 1));
      bar.update(Number(row.progress_done), { note: row.progress_note ?? "" });
    }
  };
  const timer = setInterval(() => void findJobRow(handle.db, jobId).then(draw, () => {}), 250);
  let final: JobRow;
  try {
    final = await runner.runHere(jobId);
  } finally {
    clearInterval(timer);
  }
  draw(final);
  bar?.stop();
  if (final.state === "succeeded") return final.result === null ? null : JSON.parse(final.result);
  if (final.state === "cancelled") throw new AppError("conflict", `job ${final.id} was cancelled`);
  const problem = final.error ? (JSON.parse(final.error) as { code: string; message: string; fields?: { field: string; code: string; message: string }[] }) : null;
  const code = (problem && problem.code in ERROR_CATALOGUE ? problem.code : "internal") as ErrorCode;
  throw new AppError(code, problem?.message ?? `job ${final.id} failed`, problem?.fields ?? []);
}

/** Queues `kind` and runs it here (see runJobHere). */
export async function runCliJob(handle: DatabaseHandle, config: Config, kind: string, params: unknown, viewer: Viewer = SYSTEM_VIEWER): Promise<unknown> {
  const runner = cliRunner(handle, config);
  try {
    const job = await runner.enqueue(kind, params, viewer);
    return await runJobHere(handle, runner, job.id);
  } finally {
    await runner.stop();
  }
}
