// What a job handler gets and returns. A handler runs in a worker thread with its own database
// connection; it reports progress, commits its work in batches together with a checkpoint, and
// returns a JSON-able result. Expected failures (a bad file) are AppErrors: they end the job as
// "failed" with the problem, shown to the user as it is.
import type { Viewer } from "../../domain/access.js";
import type { Config } from "../../config.js";
import type { BulkWriter } from "../../db/bulk.js";
import type { Db, Engine } from "../../db/kysely.js";

export interface JobContext<P = unknown, C = unknown> {
  readonly jobId: number;
  readonly db: Db;
  readonly engine: Engine;
  /** Bulk writes on this job's connection, inside a commitBatch transaction. */
  readonly bulk: BulkWriter;
  readonly config: Config;
  readonly params: P;
  /** The rights of the user who started the job, as they were then (SYSTEM_VIEWER from the CLI). */
  readonly viewer: Viewer;
  /** What the last committed batch of an earlier attempt saved; null on a first run. */
  readonly checkpoint: C | null;
  /** Which attempt this is (1 on a first run; more after a crash). */
  readonly attempt: number;
  /** The clock of the instance that started the run (tests fix it). */
  now(): Date;
  /** Progress for the bar in the CLI and the UI; written at most a few times a second. */
  progress(done: number, total?: number | null, note?: string | null): Promise<void>;
  /**
   * Runs `work` in one transaction and saves `checkpoint` in the same transaction: either both are
   * committed or neither, so a restarted job resumes exactly after the last whole batch.
   */
  commitBatch<T>(checkpoint: C, work: (trx: Db) => Promise<T>): Promise<T>;
  /** True once the owner asked to cancel; a handler checks it between batches. */
  cancelled(): boolean;
}

export type JobHandler<P = unknown, C = unknown> = (ctx: JobContext<P, C>) => Promise<unknown>;

/** Thrown by a handler that stops because it was cancelled (between two batches). */
export class JobCancelled extends Error {
  override name = "JobCancelled";
}
