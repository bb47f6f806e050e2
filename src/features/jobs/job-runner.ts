// The runner of background jobs in this process: claims queued jobs (of any instance's making),
// runs each in a worker thread of a Piscina pool, beats their heartbeat from the main thread, and
// writes how they ended. A request only inserts a job and reads its row; the event loop never runs
// the work. A job whose process died (no heartbeat for STALE_MS) is queued again by whichever
// instance polls next, and resumes from its last committed checkpoint. The runner's own writes go
// through job-writes.ts: on SQLite they never wait for the write lock on the event loop.
import { createRequire } from "node:module";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Piscina as PiscinaPool } from "piscina";
import type { Config } from "../../config.js";
import type { Viewer } from "../../domain/access.js";
import type { Db, Engine } from "../../db/kysely.js";
import { AppError, ERROR_CATALOGUE, type ErrorCode, type FieldProblem } from "../../server/errors.js";
import type { JobOutcome, JobTask, QueryOutcome, QueryTask } from "./job-worker.js";
import { anyStaleJob, beat, claimJob, claimNextJob, findJobRow, finishJob, insertJobRow, type JobRow, requeueJobsOf, requeueStaleJobs } from "./job.repository.js";
import { type RunnerWrites, runnerWrites } from "./job-writes.js";

// piscina is CommonJS; its named export is read through require.
const { Piscina } = createRequire(import.meta.url)("piscina") as typeof import("piscina");

/** Where a job kind's handler lives: a module file URL and the name of its export. */
export interface JobKind {
  readonly module: string;
  readonly exportName: string;
}
export type JobKinds = Readonly<Record<string, JobKind>>;

/** This file's own extension: .ts under tsx and vitest, .js after a build. */
const EXT = extname(fileURLToPath(import.meta.url));

/** A job kind whose handler is `exportName` of the module `relative` (without extension) to `base`. */
export function jobKind(base: string, relative: string, exportName: string): JobKind {
  return { module: new URL(`${relative}${EXT}`, base).href, exportName };
}

function newPool(threads: number): PiscinaPool {
  return new Piscina({
    filename: new URL(`./job-worker${EXT}`, import.meta.url).href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    // Under tsx (development, tests) the thread needs the TypeScript loader too.
    execArgv: EXT === ".ts" ? ["--import", "tsx"] : [],
  });
}

export interface RunnerOptions {
  kinds: JobKinds;
  /** Jobs run at the same time in this process (one per worker thread). */
  threads: number;
  pollMs?: number;
  heartbeatMs?: number;
  /** A running job without a heartbeat for this long is taken to be dead (milliseconds). */
  staleMs?: number;
  /**
   * Jobs this runner queues are claimed by it at once (the CLI: no server on the same database may
   * take them); they are run with runHere.
   */
  claimOwnJobs?: boolean;
}

interface Deps {
  readonly db: Db;
  readonly engine: Engine;
  readonly config: Config;
  readonly now: () => Date;
}

interface Running {
  flag: Int32Array;
  done: Promise<void>;
}

export class JobRunner {
  readonly worker = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private pool: PiscinaPool | null = null;
  private queryPool: PiscinaPool | null = null;
  private readonly running = new Map<number, Running>();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private ticking: Promise<void> | null = null;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly writes: RunnerWrites;

  constructor(
    private readonly deps: Deps,
    private readonly options: RunnerOptions,
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 2000;
    this.staleMs = options.staleMs ?? 30_000;
    this.writes = runnerWrites({ db: deps.db, engine: deps.engine, database: deps.config.database });
  }

  get kinds(): readonly string[] {
    return Object.keys(this.options.kinds);
  }

  /** Starts polling the queue (the server does; the CLI runs only its own job with runHere). */
  start(): void {
    if (this.timers.length > 0) return;
    this.stopped = false;
    this.timers.push(setInterval(() => this.wake(), this.pollMs));
    this.timers.push(setInterval(() => void this.heartbeat().catch(() => {}), this.heartbeatMs));
    for (const t of this.timers) t.unref();
    this.wake();
  }

  /** Stops polling, hands our running jobs back to the queue, and ends the worker threads. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.ticking?.catch(() => {});
    const ids = [...this.running.keys()];
    await this.writes.run((db) => requeueJobsOf(db, this.worker, ids), 5_000).catch(() => {});
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
    const queries = this.queryPool;
    this.queryPool = null;
    await queries?.destroy();
    this.running.clear();
    await this.writes.close();
  }

  /** Queues a job; with the runner started it begins within a moment. */
  async enqueue(kind: string, params: unknown, viewer: Viewer): Promise<JobRow> {
    if (!this.options.kinds[kind]) throw new AppError("internal", `unknown job kind ${kind}`);
    const at = this.deps.now().toISOString();
    const own = this.options.claimOwnJobs === true;
    const row = await insertJobRow(this.deps.db, {
      kind,
      params: JSON.stringify({ input: params, viewer }),
      owner_id: viewer.id,
      created_at: at,
      ...(own ? { state: "running", worker: this.worker, heartbeat_at: at, started_at: at, attempts: 1 } : {}),
    });
    this.wake();
    return row;
  }

  /** Runs one queued job in this process and resolves with its final row (the CLI's way). */
  async runHere(jobId: number): Promise<JobRow> {
    const mine = await findJobRow(this.deps.db, jobId);
    const claimed = mine?.state === "running" && mine.worker === this.worker ? mine : await this.writes.run((db) => claimJob(db, jobId, this.worker, this.deps.now().toISOString()));
    if (!claimed) throw new AppError("conflict", `Job ${jobId} is not waiting to run`);
    const beating = setInterval(() => void this.heartbeat().catch(() => {}), this.heartbeatMs);
    try {
      await this.execute(claimed);
    } finally {
      clearInterval(beating);
    }
    return (await findJobRow(this.deps.db, jobId)) as JobRow;
  }

  /** Polls now (after an enqueue, or on the timer). Never runs two polls at once. */
  wake(): void {
    // Only a started runner takes jobs from the queue (the CLI runs just its own, with runHere).
    if (this.stopped || this.timers.length === 0 || this.ticking) return;
    this.ticking = this.tick()
      .catch(() => {})
      .finally(() => {
        this.ticking = null;
      });
  }

  /** Resolves when no job of this runner is running (tests and a clean stop). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private async tick(): Promise<void> {
    const now = this.deps.now();
    const staleBefore = new Date(now.getTime() - this.staleMs).toISOString();
    // Read first: a poll that finds nothing stale writes nothing (reads never wait for the lock).
    if (await anyStaleJob(this.deps.db, staleBefore, this.worker)) await this.writes.run((db) => requeueStaleJobs(db, staleBefore, this.worker), 10_000);
    while (!this.stopped && this.running.size < this.options.threads) {
      const job = await this.writes.run((db) => claimNextJob(db, this.deps.engine, this.worker, this.deps.now().toISOString(), this.kinds), 10_000);
      if (!job) return;
      void this.execute(job);
    }
  }

  private execute(job: JobRow): Promise<void> {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const done = this.runTask(job, flag).finally(() => {
      this.running.delete(job.id);
      this.wake();
    });
    this.running.set(job.id, { flag, done });
    return done;
  }

  private poolOf(): PiscinaPool {
    this.pool ??= newPool(Math.max(1, this.options.threads));
    return this.pool;
  }

  /**
   * Answers a read-only question in a worker thread and waits for it (not a durable job: nothing to
   * resume). For SQLite, whose queries block the thread that runs them, so a heavy report never
   * holds the server's event loop; it has its own thread, so it does not wait behind an import.
   */
  async runQuery<R>(kind: JobKind, args: unknown[]): Promise<R> {
    this.queryPool ??= newPool(1);
    const outcome = (await this.queryPool.run({ module: kind.module, exportName: kind.exportName, config: this.deps.config, args } satisfies QueryTask, { name: "runQueryTask" })) as QueryOutcome;
    if (outcome.ok) return outcome.value as R;
    const code = (outcome.error.code in ERROR_CATALOGUE ? outcome.error.code : "internal") as ErrorCode;
    throw new AppError(code, outcome.error.message, (outcome.error.fields ?? []) as FieldProblem[]);
  }

  private async runTask(job: JobRow, flag: Int32Array): Promise<void> {
    const kind = this.options.kinds[job.kind];
    const stored = JSON.parse(job.params) as { input: unknown; viewer: Viewer };
    let outcome: JobOutcome;
    if (!kind) {
      outcome = { state: "failed", error: { code: "internal", message: `unknown job kind ${job.kind}` } };
    } else {
      const task: JobTask = {
        jobId: job.id,
        kind: job.kind,
        module: kind.module,
        exportName: kind.exportName,
        params: stored.input,
        viewer: stored.viewer,
        checkpoint: job.checkpoint,
        attempt: job.attempts,
        worker: this.worker,
        config: this.deps.config,
        startedAtMs: this.deps.now().getTime(),
        cancelFlag: flag.buffer as SharedArrayBuffer,
      };
      try {
        outcome = (await this.poolOf().run(task)) as JobOutcome;
      } catch (error) {
        // The pool was destroyed by stop(): the job stays ours-requeued for the next instance.
        if (this.stopped) return;
        outcome = { state: "failed", error: { code: "internal", message: error instanceof Error ? error.message : String(error) } };
      }
    }
    if (this.stopped) return;
    const at = this.deps.now().toISOString();
    const end = outcome;
    await this.writes.run((db) => {
      if (end.state === "succeeded") return finishJob(db, job.id, this.worker, "succeeded", { result: JSON.stringify(end.result) }, at);
      if (end.state === "failed") return finishJob(db, job.id, this.worker, "failed", { error: JSON.stringify(end.error) }, at);
      return finishJob(db, job.id, this.worker, "cancelled", {}, at);
    });
  }

  private async heartbeat(): Promise<void> {
    const ids = [...this.running.keys()];
    // A beat that cannot get the lock within a heartbeat interval is skipped; the next one comes.
    const cancelled = await this.writes.run((db) => beat(db, this.worker, ids, this.deps.now().toISOString()), this.heartbeatMs);
    for (const id of cancelled) {
      const r = this.running.get(id);
      if (r) Atomics.store(r.flag, 0, 1);
    }
  }
}
