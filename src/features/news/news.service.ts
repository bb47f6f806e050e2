// Use cases of news on key relations: the allow-list of feed hosts (app_settings "news.allowedHosts",
// written only here), a relation's feed address, its items (written only by the news.fetch job
// through storeFetch/storeFailure), and the news of the user's own relations on "Mijn dag".
import { checkFeedUrl, type FeedFailure, isValidHostEntry, normaliseHost } from "../../domain/feed-address.js";
import type { Db } from "../../db/kysely.js";
import { inTransaction } from "../../db/kysely.js";
import { fieldProblem, invalid, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import type { ParsedItem } from "./feed-parse.js";

export const ALLOWED_HOSTS_SETTING = "news.allowedHosts";
/** Mijn dag shows new items of at most this many days back, also to a user who never looked. */
export const MY_DAY_NEWS_DAYS = 7;
const MY_DAY_NEWS_LIMIT = 50;
export const MAX_ALLOWED_HOSTS = 200;

export async function readAllowedHosts(db: Db): Promise<string[]> {
  const row = await db.selectFrom("app_settings").select("value").where("key", "=", ALLOWED_HOSTS_SETTING).executeTakeFirst();
  if (!row) return [];
  const parsed: unknown = JSON.parse(row.value);
  return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === "string") : [];
}

export async function writeAllowedHosts(db: Db, hosts: readonly string[]): Promise<{ allowedHosts: string[] }> {
  const problems = hosts.flatMap((h, i) => (isValidHostEntry(h) ? [] : [fieldProblem(`allowedHosts/${i}`, "feed_host_invalid")]));
  if (problems.length > 0) throw invalid(...problems);
  const clean = [...new Set(hosts.map(normaliseHost))].sort();
  const value = JSON.stringify(clean);
  const updated = await db.updateTable("app_settings").set({ value }).where("key", "=", ALLOWED_HOSTS_SETTING).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto("app_settings").values({ key: ALLOWED_HOSTS_SETTING, value }).execute();
  return { allowedHosts: clean };
}

async function requireRelation(db: Db, relationId: number) {
  const relation = await db.selectFrom("relations").select(["id", "owner_id"]).where("id", "=", relationId).executeTakeFirst();
  if (!relation) throw notFound(`Relation ${relationId}`);
  return relation;
}

function toFeedDto(row: { url: string; feed_title: string | null; last_error: FeedFailure | null; last_error_detail: string | null; last_fetched_at: string | null; last_success_at: string | null; updated_at: string }) {
  return {
    url: row.url,
    title: row.feed_title,
    lastError: row.last_error === null ? null : { code: row.last_error, detail: row.last_error_detail ?? "" },
    lastFetchedAt: row.last_fetched_at,
    lastSuccessAt: row.last_success_at,
    updatedAt: row.updated_at,
  };
}
export type FeedDto = ReturnType<typeof toFeedDto>;

/** The relation's feed and its newest items. Anyone who reads the relation reads its news. */
export async function getRelationNews(db: Db, relationId: number, limit: number) {
  await requireRelation(db, relationId);
  const [feed, items] = await Promise.all([
    db.selectFrom("relation_feeds").selectAll().where("relation_id", "=", relationId).executeTakeFirst(),
    db
      .selectFrom("relation_news_items")
      .select(["id", "title", "link", "summary", "published_at", "fetched_at"])
      .where("relation_id", "=", relationId)
      .orderBy("fetched_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute(),
  ]);
  return {
    feed: feed ? toFeedDto(feed) : null,
    items: items.map((i) => ({ id: i.id, title: i.title, link: i.link, summary: i.summary, publishedAt: i.published_at, fetchedAt: i.fetched_at })),
  };
}

/** Sets (or with null removes) the relation's feed address; its host must be allowed now. */
export async function setRelationFeed(db: Db, user: AuthUser, relationId: number, rawUrl: string | null, now: Date): Promise<FeedDto | null> {
  await requireRelation(db, relationId);
  const stamp = now.toISOString();
  let url: string | null = null;
  if (rawUrl !== null && rawUrl.trim() !== "") {
    const check = checkFeedUrl(rawUrl, await readAllowedHosts(db));
    if (!check.ok) throw invalid(fieldProblem("url", check.code));
    url = check.url;
  }
  return inTransaction(db, async (trx) => {
    const old = await trx.selectFrom("relation_feeds").selectAll().where("relation_id", "=", relationId).executeTakeFirst();
    if ((old?.url ?? null) === url) return old ? toFeedDto(old) : null;
    if (url === null) {
      await trx.deleteFrom("relation_feeds").where("relation_id", "=", relationId).execute();
    } else if (old) {
      // A new address starts clean: the old one's error and title say nothing about it.
      await trx.updateTable("relation_feeds").set({ url, feed_title: null, last_error: null, last_error_detail: null, last_fetched_at: null, last_success_at: null, updated_by: user.id, updated_at: stamp }).where("relation_id", "=", relationId).execute();
    } else {
      await trx.insertInto("relation_feeds").values({ relation_id: relationId, url, updated_by: user.id, updated_at: stamp }).execute();
    }
    await writeAudit(trx, { entity: "relation", entityId: relationId, relationId, userId: user.id, at: stamp }, [["newsFeedUrl", old?.url ?? null, url]]);
    const row = await trx.selectFrom("relation_feeds").selectAll().where("relation_id", "=", relationId).executeTakeFirst();
    return row ? toFeedDto(row) : null;
  });
}

export async function requireFeed(db: Db, relationId: number) {
  await requireRelation(db, relationId);
  const feed = await db.selectFrom("relation_feeds").select(["relation_id", "url"]).where("relation_id", "=", relationId).executeTakeFirst();
  if (!feed) throw invalid(fieldProblem("url", "feed_missing"));
  return feed;
}

/** The feeds to read: one relation's, or every feed after `afterRelationId` (a job's checkpoint). */
export function feedsToFetch(db: Db, relationId: number | null, afterRelationId: number) {
  let q = db.selectFrom("relation_feeds").select(["relation_id", "url"]).where("relation_id", ">", afterRelationId).orderBy("relation_id");
  if (relationId !== null) q = q.where("relation_id", "=", relationId);
  return q.execute();
}

/**
 * Items kept per relation: the newest NEWS_KEPT_PER_RELATION. A feed lists at most 100 (feed-parse.ts),
 * so an item still in the feed is never trimmed and fetched again as new; a busy feed read every hour
 * cannot grow without bound.
 */
export const NEWS_KEPT_PER_RELATION = 500;

async function trimNews(trx: Db, relationId: number): Promise<void> {
  // Newest = stored last: ids grow with every insert (a clock can be set back, an id cannot).
  const keep = trx.selectFrom("relation_news_items").select("id").where("relation_id", "=", relationId).orderBy("id", "desc").limit(NEWS_KEPT_PER_RELATION);
  await trx.deleteFrom("relation_news_items").where("relation_id", "=", relationId).where("id", "not in", keep).execute();
}

/** Stores a good fetch: new items only (same guid or link as a stored item: skipped) and the feed's state. */
export async function storeFetch(trx: Db, relationId: number, title: string | null, items: readonly ParsedItem[], now: Date): Promise<number> {
  const stamp = now.toISOString();
  let added = 0;
  // 100 rows × 7 values a statement: well under both engines' bound-parameter limits.
  for (let i = 0; i < items.length; i += 100) {
    const rows = items.slice(i, i + 100).map((item) => ({ relation_id: relationId, dedupe_key: item.dedupeKey, title: item.title, link: item.link, summary: item.summary, published_at: item.publishedAt, fetched_at: stamp }));
    const result = await trx
      .insertInto("relation_news_items")
      .values(rows)
      .onConflict((oc) => oc.columns(["relation_id", "dedupe_key"]).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  if (added > 0) await trimNews(trx, relationId);
  await trx.updateTable("relation_feeds").set({ feed_title: title, last_error: null, last_error_detail: null, last_fetched_at: stamp, last_success_at: stamp }).where("relation_id", "=", relationId).execute();
  return added;
}

/** Keeps a failed fetch on the feed for the user to see; no item is stored. */
export async function storeFailure(trx: Db, relationId: number, code: FeedFailure, detail: string, now: Date): Promise<void> {
  await trx.updateTable("relation_feeds").set({ last_error: code, last_error_detail: detail.slice(0, 500), last_fetched_at: now.toISOString() }).where("relation_id", "=", relationId).execute();
}

/** New items on the user's own relations since they last looked (at most MY_DAY_NEWS_DAYS back). */
export async function newsForOwner(db: Db, userId: number, now: Date) {
  const seen = await db.selectFrom("news_seen").select("seen_at").where("user_id", "=", userId).executeTakeFirst();
  const floor = new Date(now.getTime() - MY_DAY_NEWS_DAYS * 86_400_000).toISOString();
  const since = seen && new Date(seen.seen_at).toISOString() > floor ? new Date(seen.seen_at).toISOString() : floor;
  const rows = await db
    .selectFrom("relation_news_items as n")
    .innerJoin("relations as r", "r.id", "n.relation_id")
    .select(["n.id", "n.relation_id", "r.name as relation_name", "n.title", "n.link", "n.published_at", "n.fetched_at"])
    .where("r.owner_id", "=", userId)
    .where("r.status", "!=", "dead")
    .where("n.fetched_at", ">", since)
    .orderBy("n.fetched_at", "desc")
    .orderBy("n.id", "desc")
    .limit(MY_DAY_NEWS_LIMIT + 1)
    .execute();
  return {
    since,
    more: rows.length > MY_DAY_NEWS_LIMIT,
    items: rows.slice(0, MY_DAY_NEWS_LIMIT).map((r) => ({ id: r.id, relation: { id: r.relation_id, name: r.relation_name }, title: r.title, link: r.link, publishedAt: r.published_at, fetchedAt: r.fetched_at })),
  };
}

/**
 * "Gelezen": the news on Mijn dag counts from the newest item the user was shown (`upTo`), so an
 * item fetched while the list was open is not marked read unseen; without it, from now. The mark
 * never moves back (a second device that shows an older list does not bring old news back) nor
 * past now.
 */
export async function markNewsSeen(db: Db, userId: number, upTo: Date | null, now: Date): Promise<void> {
  const mark = upTo !== null && upTo.getTime() < now.getTime() ? upTo : now;
  const stamp = mark.toISOString();
  const seen = await db.selectFrom("news_seen").select("seen_at").where("user_id", "=", userId).executeTakeFirst();
  if (seen && new Date(seen.seen_at).getTime() >= mark.getTime()) return;
  await db.insertInto("news_seen").values({ user_id: userId, seen_at: stamp }).onConflict((oc) => oc.column("user_id").doUpdateSet({ seen_at: stamp })).execute();
}

/**
 * A merge of duplicates: the survivor keeps its own feed (or takes the duplicate's), and the items
 * of the duplicate it does not have already (same guid or link) move to it; the rest go with the
 * duplicate. Returns how many rows moved.
 */
export async function mergeNewsOf(trx: Db, survivorId: number, duplicateId: number): Promise<number> {
  let moved = 0;
  const survivorFeed = await trx.selectFrom("relation_feeds").select("relation_id").where("relation_id", "=", survivorId).executeTakeFirst();
  if (!survivorFeed) moved += Number((await trx.updateTable("relation_feeds").set({ relation_id: survivorId }).where("relation_id", "=", duplicateId).executeTakeFirst()).numUpdatedRows);
  else await trx.deleteFrom("relation_feeds").where("relation_id", "=", duplicateId).execute();
  const r = await trx
    .updateTable("relation_news_items")
    .set({ relation_id: survivorId })
    .where("relation_id", "=", duplicateId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("relation_news_items as s").select("s.id").where("s.relation_id", "=", survivorId).whereRef("s.dedupe_key", "=", "relation_news_items.dedupe_key"))))
    .executeTakeFirst();
  moved += Number(r.numUpdatedRows);
  await trx.deleteFrom("relation_news_items").where("relation_id", "=", duplicateId).execute();
  return moved;
}
