// The CLI's way of running a background job: queue it, run it here (in a worker thread of this
// process, like the server would), and show its progress from the jobs row as a bar on stderr —
// the same progress the web app shows. A job that this process does not live to finish is picked
// up by the server (or the next run) from its last checkpoint.
import { SingleBar } from "cli-progress";
import type { Config } from "../config.js";
import { SYSTEM_VIEWER, type Viewer } from "../domain/access.js";
import type { DatabaseHandle } from "../db/kysely.js";
import { JobRunner } from "../features/jobs/job-runner.js";
import { findJobRow, type JobRow } from "../features/jobs/job.repository.js";
import { AppError, type ErrorCode, ERROR_CATALOGUE } from "../server/errors.js";
import { JOB_KINDS } from "../server/job-kinds.js";

export interface CliJobOptions {
  /** Whose rights the job runs with (default: the system account). */
  viewer?: Viewer;
  /** Show a bar (default: when stderr is a terminal). */
  bar?: boolean;
}

/** Runs `kind` to its end and returns its result; a failed job throws its problem as an AppError. */
export async function runCliJob(handle: DatabaseHandle, config: Config, kind: string, params: unknown, options: CliJobOptions = {}): Promise<unknown> {
  const runner = new JobRunner({ db: handle.db, engine: handle.engine, config, now: () => new Date() }, { kinds: JOB_KINDS, threads: 1 });
  const job = await runner.enqueue(kind, params, options.viewer ?? SYSTEM_VIEWER);
  const showBar = options.bar ?? process.stderr.isTTY === true;
  const bar = showBar ? new SingleBar({ format: "{bar} {percentage}% | {value}/{total} {note}", hideCursor: true, stream: process.stderr }) : null;
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
  const timer = setInterval(() => void findJobRow(handle.db, job.id).then(draw, () => {}), 250);
  let final: JobRow;
  try {
    final = await runner.runHere(job.id);
  } finally {
    clearInterval(timer);
    await runner.stop();
  }
  draw(final);
  bar?.stop();
  if (final.state === "succeeded") return final.result === null ? null : JSON.parse(final.result);
  if (final.state === "cancelled") throw new AppError("conflict", `job ${final.id} was cancelled`);
  const problem = final.error ? (JSON.parse(final.error) as { code: string; message: string; fields?: { field: string; code: string; message: string }[] }) : null;
  const code = (problem && problem.code in ERROR_CATALOGUE ? problem.code : "internal") as ErrorCode;
  throw new AppError(code, problem?.message ?? `job ${final.id} failed`, problem?.fields ?? []);
}
