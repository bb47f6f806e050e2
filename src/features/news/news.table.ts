// Row types of news on key relations (migration 0030): a feed per relation, its items, and when each
// user last looked at the news of their relations.
import type { Generated } from "kysely";
import type { Instant } from "../../db/types.js";
import type { FeedFailure } from "../../domain/feed-address.js";

export interface RelationFeedsTable {
  relation_id: number;
  /** The RSS or Atom address, http(s) only; its host must be on the administrator's allow-list. */
  url: string;
  /** The feed's own title, from the last good fetch. */
  feed_title: string | null;
  /** Why the last fetch failed, as the user is shown it; null after a good fetch. */
  last_error: FeedFailure | null;
  /** What the failure was exactly (HTTP status, the parser's message), in English. */
  last_error_detail: string | null;
  updated_by: number | null;
  last_fetched_at: Instant | null;
  last_success_at: Instant | null;
  updated_at: Instant;
}

export interface RelationNewsItemsTable {
  id: Generated<number>;
  relation_id: number;
  /** "guid:<guid>" or "link:<link>", unique per relation. */
  dedupe_key: string;
  title: string;
  link: string | null;
  /** Plain text, at most 1,000 characters. */
  summary: string | null;
  published_at: Instant | null;
  /** When Koers first stored it: "new since you last looked" counts from this. */
  fetched_at: Instant;
}

export interface NewsSeenTable {
  user_id: number;
  seen_at: Instant;
}

export interface NewsTables {
  relation_feeds: RelationFeedsTable;
  relation_news_items: RelationNewsItemsTable;
  news_seen: NewsSeenTable;
}
