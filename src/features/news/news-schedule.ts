// Every feed is read once an hour: whichever instance looks first queues one news.fetch job for all
// feeds; two instances queueing at the same moment only read the feeds twice (dedupe keeps items once).
import { SYSTEM_VIEWER } from "../../domain/access.js";
import type { AppContext } from "../../server/context.js";

const EVERY_MS = 60 * 60 * 1000;
/** How often an instance looks whether the hourly run is due (milliseconds). */
const CHECK_EVERY_MS = 5 * 60 * 1000;

export function scheduleNewsFetch(ctx: AppContext): () => void {
  const check = async () => {
    const since = new Date(ctx.now().getTime() - EVERY_MS).toISOString();
    const recent = await ctx.db.selectFrom("jobs").select("id").where("kind", "=", "news.fetchAll").where("created_at", ">=", since).limit(1).executeTakeFirst();
    if (recent) return;
    const anyFeed = await ctx.db.selectFrom("relation_feeds").select("relation_id").limit(1).executeTakeFirst();
    if (anyFeed) await ctx.jobs.enqueue("news.fetchAll", { relationId: null }, SYSTEM_VIEWER);
  };
  const run = () => void check().catch(() => {});
  const timer = setInterval(run, CHECK_EVERY_MS);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
