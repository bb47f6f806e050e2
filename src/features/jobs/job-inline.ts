// Runs a job handler in this thread, as a recorded job: for work that happens before any server
// runs (the demo company on a first start). Same context, checkpoints and result as in a worker.
import type { Config } from "../../config.js";
import type { Viewer } from "../../domain/access.js";
import { bulkWriter } from "../../db/bulk.js";
import type { DatabaseHandle } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import type { JobContext, JobHandler } from "./job-handler.js";
import { finishJob, insertJobRow, writeCheckpoint, writeProgress } from "./job.repository.js";

const WORKER = "inline";

export async function runJobInline<P, R, C = unknown>(handle: DatabaseHandle, config: Config, kind: string, handler: JobHandler<P, C>, params: P, viewer: Viewer, now: () => Date): Promise<R> {
  const { db } = handle;
  const at = now().toISOString();
  const row = await insertJobRow(db, { kind, params: JSON.stringify({ input: params, viewer }), owner_id: viewer.id, created_at: at, state: "running", worker: WORKER, heartbeat_at: at, started_at: at, attempts: 1 });
  const context: JobContext<P, C> = {
    jobId: row.id,
    db,
    engine: handle.engine,
    bulk: bulkWriter(handle),
    config,
    params,
    viewer,
    checkpoint: null,
    attempt: 1,
    now,
    progress: (done, total = null, note = null) => writeProgress(db, row.id, WORKER, done, total, note),
    commitBatch: (checkpoint, work) =>
      db.transaction().execute(async (trx) => {
        const out = await work(trx);
        if (!(await writeCheckpoint(trx, row.id, WORKER, JSON.stringify(checkpoint)))) throw new AppError("conflict", "job taken over");
        return out;
      }),
    cancelled: () => false,
  };
  try {
    const result = (await handler(context)) as R;
    await finishJob(db, row.id, WORKER, "succeeded", { result: JSON.stringify(result ?? null) }, now().toISOString());
    return result;
  } catch (error) {
    const problem = error instanceof AppError ? { code: error.code, message: error.message } : { code: "internal", message: error instanceof Error ? error.message : String(error) };
    await finishJob(db, row.id, WORKER, "failed", { error: JSON.stringify(problem) }, now().toISOString());
    throw error;
  }
}
