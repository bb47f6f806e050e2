// Every feed is read once an hour: whichever instance looks first queues one news.fetch job for all
// feeds; two instances queueing at the same moment only read the feeds twice (dedupe keeps items once).
// A run still queued or running is never joined by a second one: with many slow feeds (10 s each at
// most) a run can last longer than the hour.
import { SYSTEM_VIEWER } from "../../domain/access.js";
import type { AppContext } from "../../server/context.js";
import { jobQueuedSince, repeatEvery } from "../jobs/job-schedule.js";

const EVERY_MS = 60 * 60 * 1000;
/** How often an instance looks whether the hourly run is due (milliseconds). */
const CHECK_EVERY_MS = 5 * 60 * 1000;

/** Queues the hourly run for every feed when it is due; whether it did. */
export async function queueHourlyNewsFetch(ctx: AppContext): Promise<boolean> {
  const since = new Date(ctx.now().getTime() - EVERY_MS).toISOString();
  if (await jobQueuedSince(ctx.db, "news.fetchAll", since, true)) return false;
  const anyFeed = await ctx.db.selectFrom("relation_feeds").select("relation_id").limit(1).executeTakeFirst();
  if (!anyFeed) return false;
  await ctx.jobs.enqueue("news.fetchAll", { relationId: null }, SYSTEM_VIEWER);
  return true;
}

export function scheduleNewsFetch(ctx: AppContext): () => void {
  return repeatEvery(CHECK_EVERY_MS, () => queueHourlyNewsFetch(ctx));
}
