// The daily sales work (period totals of the new month, former customers) is queued once a day by
// whichever instance looks first; two instances queueing at the same moment only repeat idempotent work.
import { SYSTEM_VIEWER } from "../../domain/access.js";
import type { AppContext } from "../../server/context.js";
import { jobQueuedSince, repeatEvery } from "../jobs/job-schedule.js";
import { amsterdamDate, startOfAmsterdamDay } from "../../server/time.js";

const CHECK_EVERY_MS = 60 * 60 * 1000;

export function scheduleSalesDaily(ctx: AppContext): () => void {
  const check = async () => {
    const now = ctx.now();
    const since = startOfAmsterdamDay(amsterdamDate(now));
    if (!(await jobQueuedSince(ctx.db, "sales.daily", since, false))) await ctx.jobs.enqueue("sales.daily", {}, SYSTEM_VIEWER);
  };
  return repeatEvery(CHECK_EVERY_MS, check);
}
