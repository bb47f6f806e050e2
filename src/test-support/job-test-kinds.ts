// Job kinds for the tests of the job runner itself: work in batches with checkpoints (each batch
// leaves one probe row whose primary key fails on a second run), a CPU-bound busy loop, a failure.
import { sql } from "kysely";
import { type JobHandler, JobCancelled } from "../features/jobs/job-handler.js";
import { type JobKinds, jobKind } from "../features/jobs/job-runner.js";
import { AppError } from "../server/errors.js";

export const TEST_JOB_KINDS: JobKinds = {
  "test.batches": jobKind(import.meta.url, "./job-test-kinds", "batchesJob"),
  "test.busy": jobKind(import.meta.url, "./job-test-kinds", "busyJob"),
  "test.fail": jobKind(import.meta.url, "./job-test-kinds", "failJob"),
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const batchesJob: JobHandler<{ batches: number; sleepMs: number }, { next: number }> = async (ctx) => {
  const { batches, sleepMs } = ctx.params;
  for (let b = ctx.checkpoint?.next ?? 0; b < batches; b++) {
    if (ctx.cancelled()) throw new JobCancelled();
    await ctx.commitBatch({ next: b + 1 }, async (trx) => {
      // A second run of a committed batch would fail here: the key exists.
      await trx.insertInto("app_settings").values({ key: `probe:${ctx.jobId}:${b}`, value: String(ctx.attempt) }).execute();
    });
    await ctx.progress(b + 1, batches, `batch ${b + 1}`);
    if (sleepMs > 0) await sleep(sleepMs);
  }
  const rows = await ctx.db.selectFrom("app_settings").select(sql<number>`count(*)`.as("n")).where("key", "like", `probe:${ctx.jobId}:%`).executeTakeFirstOrThrow();
  return { batches, probes: Number(rows.n), attempt: ctx.attempt };
};

/** Holds its thread for `ms` without yielding, as a heavy report or parse would. */
export const busyJob: JobHandler<{ ms: number }> = async (ctx) => {
  const until = Date.now() + ctx.params.ms;
  let spins = 0;
  while (Date.now() < until) spins += 1;
  return { spins: spins > 0 };
};

export const failJob: JobHandler = async () => {
  throw new AppError("validation_failed", "Row 3 is wrong", [{ field: "row 3, Bedrag", code: "amount_invalid", message: "not an amount" }]);
};
