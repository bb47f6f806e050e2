// The news.fetch job: reads the feed of one relation ("Nu ophalen") or of every relation that has
// one (queued by the hourly schedule), each under the fetch rules of feed-fetch.ts. Per feed, one
// transaction stores its new items and its state, or only its failure: nothing half. The checkpoint
// is the last relation done, so a crashed run resumes with the next feed.
import type { JobHandler } from "../jobs/job-handler.js";
import { FeedError, fetchFeedBytes } from "./feed-fetch.js";
import { parseFeed } from "./feed-parse.js";
import { feedsToFetch, readAllowedHosts, storeFailure, storeFetch } from "./news.service.js";

export interface NewsFetchParams {
  /** One relation's feed, or null for every feed. */
  relationId: number | null;
}

export interface NewsFetchResult {
  feeds: number;
  newItems: number;
  failed: { relationId: number; code: string; detail: string }[];
}

export const newsFetchJob: JobHandler<NewsFetchParams, { after: number }> = async (ctx) => {
  const { db } = ctx;
  const allowList = await readAllowedHosts(db);
  const feeds = await feedsToFetch(db, ctx.params.relationId, ctx.checkpoint?.after ?? 0);
  const result: NewsFetchResult = { feeds: 0, newItems: 0, failed: [] };
  for (const [index, feed] of feeds.entries()) {
    if (ctx.cancelled()) break;
    try {
      const { body, contentType } = await fetchFeedBytes(feed.url, allowList);
      const parsed = await parseFeed(body, contentType);
      result.newItems += await ctx.commitBatch({ after: feed.relation_id }, (trx) => storeFetch(trx, feed.relation_id, parsed.title, parsed.items, ctx.now()));
    } catch (error) {
      const code = error instanceof FeedError ? error.code : "network";
      const detail = error instanceof Error ? error.message : String(error);
      await ctx.commitBatch({ after: feed.relation_id }, (trx) => storeFailure(trx, feed.relation_id, code, detail, ctx.now()));
      result.failed.push({ relationId: feed.relation_id, code, detail });
    }
    result.feeds += 1;
    await ctx.progress(index + 1, feeds.length);
  }
  return result;
};
