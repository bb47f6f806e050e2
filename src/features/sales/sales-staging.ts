// Removing the staged lines of a sales import (after its commit, or before it is analysed again) in
// short transactions: one statement deleting ten million rows would hold SQLite's write lock for
// seconds, and every writer on the server's event loop (the job runner's heartbeat, a session) would
// wait for it.
import { LOCK_HOLD_MS } from "../../db/bulk.js";
import type { JobContext } from "../jobs/job-handler.js";

const FIRST_ROWS = 20_000;

export async function deleteStagedLines(ctx: Pick<JobContext, "db" | "bulk">, importId: number): Promise<void> {
  const { db } = ctx;
  const range = await db.selectFrom("sales_import_lines").select((eb) => [eb.fn.min("row_number").as("lo"), eb.fn.max("row_number").as("hi")]).where("job_id", "=", importId).executeTakeFirst();
  if (!range || range.lo === null || range.hi === null) return;
  const hi = Number(range.hi);
  let rows = FIRST_ROWS;
  for (let from = Number(range.lo); from <= hi; ) {
    const started = performance.now();
    await db.deleteFrom("sales_import_lines").where("job_id", "=", importId).where("row_number", ">=", from).where("row_number", "<", from + rows).execute();
    const held = performance.now() - started;
    from += rows;
    // As many rows next time as fit in LOCK_HOLD_MS; between two deletes the lock is free a while.
    rows = Math.max(1000, Math.min(200_000, Math.round((rows * LOCK_HOLD_MS) / Math.max(1, held))));
    await ctx.bulk.yieldLock(0);
  }
}
