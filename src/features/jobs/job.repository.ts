// SQL of the jobs queue. Claiming is one atomic statement on both engines: on PostgreSQL the
// candidate row is locked with FOR UPDATE SKIP LOCKED, so two instances polling at the same moment
// never take the same job; SQLite has a single writer, so its UPDATE … WHERE state = 'queued' is
// atomic by itself.
import { type Insertable, type Selectable, sql } from "kysely";
import type { Db, Engine } from "../../db/kysely.js";
import type { JobState, JobsTable } from "./job.table.js";

export type JobRow = Selectable<JobsTable>;

export async function insertJobRow(db: Db, values: Insertable<JobsTable>): Promise<JobRow> {
  return db.insertInto("jobs").values(values).returningAll().executeTakeFirstOrThrow();
}

export function findJobRow(db: Db, id: number) {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Takes the oldest queued job for `worker`, or none. */
export async function claimNextJob(db: Db, engine: Engine, worker: string, at: string, kinds: readonly string[]): Promise<JobRow | undefined> {
  if (kinds.length === 0) return undefined;
  const candidate =
    engine === "postgres"
      ? sql<{ id: number }>`select id from jobs where state = 'queued' and kind in (${sql.join(kinds)}) order by id limit 1 for update skip locked`
      : sql<{ id: number }>`select id from jobs where state = 'queued' and kind in (${sql.join(kinds)}) order by id limit 1`;
  const result = await sql<JobRow>`
    update jobs set state = 'running', worker = ${worker}, heartbeat_at = ${at}, attempts = attempts + 1,
      started_at = coalesce(started_at, ${at})
    where id = (${candidate}) and state = 'queued'
    returning *`.execute(db);
  return result.rows[0];
}

/** Claims one particular queued job (the CLI runs the job it just created itself). */
export async function claimJob(db: Db, id: number, worker: string, at: string): Promise<JobRow | undefined> {
  return db
    .updateTable("jobs")
    .set((eb) => ({ state: "running", worker, heartbeat_at: at, attempts: eb("attempts", "+", 1), started_at: eb.fn.coalesce("started_at", sql.val(at)) }))
    .where("id", "=", id)
    .where("state", "=", "queued")
    .returningAll()
    .executeTakeFirst();
}

/** Whether any running job of another worker has a heartbeat older than `staleBefore` (a read: it takes no write lock). */
export async function anyStaleJob(db: Db, staleBefore: string, exceptWorker: string): Promise<boolean> {
  const row = await db
    .selectFrom("jobs")
    .select("id")
    .where("state", "=", "running")
    .where("heartbeat_at", "<", staleBefore)
    .where((eb) => eb.or([eb("worker", "is", null), eb("worker", "<>", exceptWorker)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Running jobs whose heartbeat stopped (their process died) go back to the queue — never those of
 * `exceptWorker` (the runner asking: its own jobs are alive, even when a long transaction of theirs
 * kept its heartbeat from being written).
 */
export async function requeueStaleJobs(db: Db, staleBefore: string, exceptWorker?: string): Promise<number> {
  const result = await db
    .updateTable("jobs")
    .set({ state: "queued", worker: null })
    .where("state", "=", "running")
    .where("heartbeat_at", "<", staleBefore)
    .$if(exceptWorker !== undefined, (q) => q.where((eb) => eb.or([eb("worker", "is", null), eb("worker", "<>", exceptWorker as string)])))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Our own running jobs go back to the queue at a clean stop, for the next instance to resume. */
export async function requeueJobsOf(db: Db, worker: string, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("jobs").set({ state: "queued", worker: null }).where("worker", "=", worker).where("state", "=", "running").where("id", "in", [...ids]).execute();
}

/** Beats for the jobs this worker runs; returns the ids whose owner asked to cancel. */
export async function beat(db: Db, worker: string, ids: readonly number[], at: string): Promise<number[]> {
  if (ids.length === 0) return [];
  await db.updateTable("jobs").set({ heartbeat_at: at }).where("worker", "=", worker).where("state", "=", "running").where("id", "in", [...ids]).execute();
  const cancelled = await db.selectFrom("jobs").select("id").where("id", "in", [...ids]).where("cancel_requested", "=", 1).execute();
  return cancelled.map((r) => r.id);
}

export async function writeProgress(db: Db, id: number, worker: string, done: number, total: number | null, note: string | null): Promise<void> {
  await db.updateTable("jobs").set({ progress_done: done, progress_total: total, progress_note: note }).where("id", "=", id).where("worker", "=", worker).execute();
}

export async function writeCheckpoint(db: Db, id: number, worker: string, checkpoint: string): Promise<boolean> {
  const r = await db.updateTable("jobs").set({ checkpoint }).where("id", "=", id).where("worker", "=", worker).where("state", "=", "running").executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The end of a run, written only while the job is still this worker's (not requeued meanwhile). */
export async function finishJob(db: Db, id: number, worker: string, state: Exclude<JobState, "queued" | "running">, fields: { result?: string | null; error?: string | null }, at: string): Promise<boolean> {
  const r = await db
    .updateTable("jobs")
    .set({ state, result: fields.result ?? null, error: fields.error ?? null, finished_at: at, heartbeat_at: at })
    .where("id", "=", id)
    .where("worker", "=", worker)
    .where("state", "=", "running")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function requestCancel(db: Db, id: number): Promise<void> {
  await db.updateTable("jobs").set({ cancel_requested: 1 }).where("id", "=", id).where("state", "in", ["queued", "running"]).execute();
  // A queued job has no worker to notice: it is cancelled at once.
  await db.updateTable("jobs").set({ state: "cancelled" }).where("id", "=", id).where("state", "=", "queued").execute();
}

export function listJobRows(db: Db, ownerId: number | null, limit: number) {
  return db
    .selectFrom("jobs")
    .selectAll()
    .$if(ownerId !== null, (q) => q.where("owner_id", "=", ownerId))
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
