// The entry of a worker thread (Piscina): runs one job task on the thread's own database connection
// and returns its outcome. Nothing here touches the main thread's event loop; progress and
// checkpoints go straight to the jobs row.
import type { Config } from "../../config.js";
import type { Viewer } from "../../domain/access.js";
import { bulkWriter } from "../../db/bulk.js";
import { type DatabaseHandle, openDatabase } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import type { JobCancelled, JobContext, JobHandler } from "./job-handler.js";
import { writeCheckpoint, writeProgress } from "./job.repository.js";

export interface JobTask {
  jobId: number;
  kind: string;
  /** File URL of the module that exports the handler, and the export's name. */
  module: string;
  exportName: string;
  params: unknown;
  viewer: Viewer;
  checkpoint: string | null;
  attempt: number;
  worker: string;
  config: Config;
  /** The starting instance's clock at the start of the run (ms since epoch). */
  startedAtMs: number;
  /** Int32 flag: 1 once the owner asked to cancel (set by the main thread's heartbeat). */
  cancelFlag: SharedArrayBuffer;
}

export type JobOutcome =
  | { state: "succeeded"; result: unknown }
  | { state: "failed"; error: { code: string; message: string; fields?: readonly unknown[] } }
  | { state: "cancelled" };

/** Progress is written at most this often (milliseconds); the last value always is. */
const PROGRESS_INTERVAL_MS = 250;

// One connection per thread and database, reused by every job this thread runs.
const handles = new Map<string, DatabaseHandle>();
function databaseOf(config: Config): DatabaseHandle {
  const key = JSON.stringify(config.database);
  let handle = handles.get(key);
  if (!handle) {
    handle = openDatabase(config.database);
    handles.set(key, handle);
  }
  return handle;
}

/**
 * Imports a handler module. Under tsx (development and tests) the thread's ESM loader does not
 * know TypeScript, so .ts modules go through tsx's own import; built .js modules load natively.
 */
const loaded = new Map<string, Promise<unknown>>();
function loadModule(url: string): Promise<unknown> {
  let module = loaded.get(url);
  if (!module) {
    // Loaded once per thread: tsImport gives a fresh module graph on every call.
    module = url.endsWith(".ts") ? import("tsx/esm/api").then(({ tsImport }) => tsImport(url, import.meta.url)) : import(url);
    loaded.set(url, module);
  }
  return module;
}

function isNamed<T extends Error>(error: unknown, name: string): error is T {
  return error instanceof Error && error.name === name;
}

/** A read-only question answered in a worker thread: (db, args) → a JSON-able answer. */
export type QueryTaskFn<A extends unknown[] = unknown[], R = unknown> = (db: DatabaseHandle["db"], ...args: A) => Promise<R>;

export interface QueryTask {
  module: string;
  exportName: string;
  config: Config;
  args: unknown[];
}

export type QueryOutcome = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; fields?: readonly unknown[] } };

/** Runs one query task on this thread's connection (heavy reports on SQLite, off the event loop). */
export async function runQueryTask(task: QueryTask): Promise<QueryOutcome> {
  const { db } = databaseOf(task.config);
  try {
    const module = (await loadModule(task.module)) as Record<string, QueryTaskFn>;
    const fn = module[task.exportName];
    if (typeof fn !== "function") throw new Error(`${task.module} has no export ${task.exportName}`);
    return { ok: true, value: await fn(db, ...task.args) };
  } catch (error) {
    if (isNamed<AppError>(error, "AppError")) return { ok: false, error: { code: error.code, message: error.message, ...(error.fields.length > 0 ? { fields: error.fields } : {}) } };
    return { ok: false, error: { code: "internal", message: error instanceof Error ? error.message : String(error) } };
  }
}

export default async function runJobTask(task: JobTask): Promise<JobOutcome> {
  const handle = databaseOf(task.config);
  const { db, engine } = handle;
  const flag = new Int32Array(task.cancelFlag);
  const startedAt = Date.now();
  let lastProgressAt = 0;
  const context: JobContext = {
    jobId: task.jobId,
    db,
    engine,
    bulk: bulkWriter(handle),
    config: task.config,
    params: task.params,
    viewer: task.viewer,
    checkpoint: task.checkpoint === null ? null : JSON.parse(task.checkpoint),
    attempt: task.attempt,
    now: () => new Date(task.startedAtMs + (Date.now() - startedAt)),
    progress: async (done, total = null, note = null) => {
      const at = Date.now();
      if (at - lastProgressAt < PROGRESS_INTERVAL_MS && done !== total) return;
      lastProgressAt = at;
      await writeProgress(db, task.jobId, task.worker, done, total, note);
    },
    commitBatch: (checkpoint, work) =>
      db.transaction().execute(async (trx) => {
        const out = await work(trx);
        // The job was taken over (requeued after a missed heartbeat): this batch must not land.
        if (!(await writeCheckpoint(trx, task.jobId, task.worker, JSON.stringify(checkpoint)))) {
          throw new AppError("conflict", "This job is no longer run by this instance");
        }
        return out;
      }),
    cancelled: () => Atomics.load(flag, 0) === 1,
  };
  try {
    const module = (await loadModule(task.module)) as Record<string, JobHandler>;
    const handler = module[task.exportName];
    if (typeof handler !== "function") throw new Error(`job kind ${task.kind}: ${task.module} has no export ${task.exportName}`);
    return { state: "succeeded", result: (await handler(context)) ?? null };
  } catch (error) {
    // By name, not instanceof: under tsx the handler's modules are a separate copy (tsImport).
    if (isNamed<JobCancelled>(error, "JobCancelled")) return { state: "cancelled" };
    if (isNamed<AppError>(error, "AppError")) return { state: "failed", error: { code: error.code, message: error.message, ...(error.fields.length > 0 ? { fields: error.fields } : {}) } };
    return { state: "failed", error: { code: "internal", message: error instanceof Error ? error.message : String(error) } };
  }
}
