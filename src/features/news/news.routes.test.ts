// News on key relations through the API on both engines, against a local feed server: the allow-list,
// a feed address per relation, "Nu ophalen" as a job, dedupe, the last error kept on the feed with
// nothing stored, Mijn dag's news for the owner, and who may read and write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startTestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { type FeedServer, startFeedServer } from "../../test-support/feed-server.js";
import { waitForJob } from "../../test-support/jobs.js";
import { newRelation } from "../activities/crm-test-helpers.js";
import { queueHourlyNewsFetch } from "./news-schedule.js";
import { NEWS_KEPT_PER_RELATION } from "./news.service.js";

type Headers = Record<string, string>;

describe.each(ENGINES)("news feeds of relations on %s", (engine) => {
  let t: TestApp;
  let feeds: FeedServer;
  let admin: { id: number; headers: Headers };
  let rep: { id: number; headers: Headers };
  let otherRep: { id: number; headers: Headers };
  let buyer: { id: number; headers: Headers };

  beforeAll(async () => {
    feeds = await startFeedServer();
    t = await startTestApp(engine);
    admin = await t.userWithRole("admin");
    rep = await t.userWithRole("field_sales");
    otherRep = await t.userWithRole("field_sales");
    buyer = await t.userWithRole("purchasing");
    const res = await t.app.inject({ method: "PUT", url: "/api/news-settings", headers: admin.headers, payload: { allowedHosts: ["127.0.0.1", "Nieuws.Example.com"] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().allowedHosts).toEqual(["127.0.0.1", "nieuws.example.com"]);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await feeds?.close();
  });

  const setFeed = (relationId: number, url: string | null, headers = rep.headers) => t.app.inject({ method: "PUT", url: `/api/relations/${relationId}/news-feed`, headers, payload: { url } });
  const news = async (relationId: number, headers = rep.headers) => {
    const res = await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/news`, headers });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const fetchNow = async (relationId: number) => {
    const res = await t.app.inject({ method: "POST", url: `/api/relations/${relationId}/news-feed/fetch`, headers: rep.headers });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(t.app, rep.headers, res.json().id);
    expect(job.state).toBe("succeeded");
    return job.result as { feeds: number; newItems: number; failed: { code: string }[] };
  };

  it("lets only administrators see and change the allow-list, and refuses entries that are no host", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/news-settings", headers: rep.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PUT", url: "/api/news-settings", headers: rep.headers, payload: { allowedHosts: ["evil.example"] } })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: "PUT", url: "/api/news-settings", headers: admin.headers, payload: { allowedHosts: ["https://x.example/feed"] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: "allowedHosts/0", code: "feed_host_invalid" });
    expect((await t.app.inject({ method: "GET", url: "/api/news-settings", headers: admin.headers })).json().allowedHosts).toEqual(["127.0.0.1", "nieuws.example.com"]);
  });

  it("refuses a feed address on a host the administrator did not allow, and stores nothing", async () => {
    const id = await newRelation(t, rep.headers, { name: "Geweigerd BV", ownerId: rep.id });
    const res = await setFeed(id, "https://elders.example.org/feed.xml");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "url", code: "feed_host_not_allowed" });
    expect((await setFeed(id, "ftp://127.0.0.1/feed")).json().errors[0].code).toBe("feed_url_invalid");
    expect((await news(id)).feed).toBeNull();
    // Nothing to fetch without a feed.
    expect((await t.app.inject({ method: "POST", url: `/api/relations/${id}/news-feed/fetch`, headers: rep.headers })).json().errors[0].code).toBe("feed_missing");
  });

  it("reads an RSS feed into the relation's news once: a second fetch stores only what is new", async () => {
    const id = await newRelation(t, rep.headers, { name: "Schoonmaak Nieuws BV", ownerId: rep.id });
    const saved = await setFeed(id, `${feeds.base}/rss`);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().feed).toMatchObject({ url: `${feeds.base}/rss`, lastError: null, lastFetchedAt: null });

    expect(await fetchNow(id)).toMatchObject({ feeds: 1, newItems: 2, failed: [] });
    const first = await news(id);
    expect(first.feed).toMatchObject({ title: "Schoonmaak Nieuws", lastError: null });
    expect(first.feed.lastSuccessAt).not.toBeNull();
    expect(first.items.map((i: { title: string }) => i.title).sort()).toEqual(["Contract met gemeente", "Nieuwe machines"]);

    feeds.rssItems.unshift({ guid: "schoon-3", link: "https://schoon.example/3", title: "Overname concurrent" });
    expect(await fetchNow(id)).toMatchObject({ newItems: 1 });
    const second = await news(id);
    expect(second.items).toHaveLength(3);
    expect(second.items.filter((i: { title: string }) => i.title === "Contract met gemeente")).toHaveLength(1);
    // The change of address is in the relation's audit trail.
    const audit = await t.app.inject({ method: "GET", url: `/api/relations/${id}/audit`, headers: rep.headers });
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain("newsFeedUrl");
  });

  it("reads Atom as well", async () => {
    const id = await newRelation(t, rep.headers, { name: "Bakkerij BV", ownerId: rep.id });
    await setFeed(id, `${feeds.base}/atom`);
    expect(await fetchNow(id)).toMatchObject({ newItems: 2 });
    expect((await news(id)).items.map((i: { link: string }) => i.link).sort()).toEqual(["https://bakkerij.example/directeur", "https://bakkerij.example/zwolle"]);
  });

  it.each([
    ["/html", "not_xml"],
    ["/big", "too_large"],
    ["/redirect-other", "redirect_other_host"],
  ])("keeps the error of %s on the feed for the user, and stores no item", async (path, code) => {
    const id = await newRelation(t, rep.headers, { name: `Fout ${path} BV`, ownerId: rep.id });
    await setFeed(id, `${feeds.base}${path}`);
    const result = await fetchNow(id);
    expect(result.failed.map((f) => f.code)).toEqual([code]);
    const after = await news(id);
    expect(after.feed.lastError.code).toBe(code);
    expect(after.feed.lastSuccessAt).toBeNull();
    expect(after.items).toEqual([]);
  });

  it("refuses a host the administrator took off the allow-list after the address was saved", async () => {
    const id = await newRelation(t, rep.headers, { name: "Later geweigerd BV", ownerId: rep.id });
    await setFeed(id, `${feeds.base}/rss`);
    await t.app.inject({ method: "PUT", url: "/api/news-settings", headers: admin.headers, payload: { allowedHosts: ["nieuws.example.com"] } });
    try {
      const result = await fetchNow(id);
      expect(result.failed.map((f) => f.code)).toEqual(["host_not_allowed"]);
      expect((await news(id)).items).toEqual([]);
    } finally {
      await t.app.inject({ method: "PUT", url: "/api/news-settings", headers: admin.headers, payload: { allowedHosts: ["127.0.0.1", "nieuws.example.com"] } });
    }
  });

  it("shows new items on the owner's Mijn dag until they mark them read, and not on another rep's", async () => {
    const id = await newRelation(t, rep.headers, { name: "Mijn Dag Nieuws BV", ownerId: rep.id });
    await setFeed(id, `${feeds.base}/atom`);
    await fetchNow(id);
    const day = await t.app.inject({ method: "GET", url: "/api/my-day", headers: rep.headers });
    expect(day.statusCode, day.body).toBe(200);
    const mine = day.json().news.items.filter((i: { relation: { id: number } }) => i.relation.id === id);
    expect(mine.map((i: { title: string }) => i.title).sort()).toEqual(["Directeur stopt", "Nieuwe vestiging in Zwolle"]);
    const others = (await t.app.inject({ method: "GET", url: "/api/my-day", headers: otherRep.headers })).json().news.items;
    expect(others).toEqual([]);

    // The job's clock runs on from the test's start, so "read" is marked a minute later.
    t.setNow(new Date("2026-11-27T08:01:00.000Z"));
    try {
      expect((await t.app.inject({ method: "POST", url: "/api/my-day/news/seen", headers: rep.headers })).statusCode).toBe(204);
      expect((await t.app.inject({ method: "GET", url: "/api/my-day", headers: rep.headers })).json().news.items).toEqual([]);
      // Another owner's relation news was never theirs; a week later no stored item is news any more.
      t.setNow(new Date("2026-12-05T08:00:00.000Z"));
      const late = (await t.app.inject({ method: "GET", url: "/api/my-day", headers: rep.headers })).json().news.items;
      expect(late).toEqual([]);
    } finally {
      t.setNow(new Date("2026-11-27T08:00:00.000Z"));
    }
  });

  it("marks read only what Mijn dag showed: news fetched while the list was open stays news", async () => {
    const fetchAs = async (relationId: number, headers: Headers) => {
      const res = await t.app.inject({ method: "POST", url: `/api/relations/${relationId}/news-feed/fetch`, headers });
      expect(res.statusCode, res.body).toBe(202);
      expect((await waitForJob(t.app, headers, res.json().id)).state).toBe("succeeded");
    };
    const myDayNews = async () => (await t.app.inject({ method: "GET", url: "/api/my-day", headers: otherRep.headers })).json().news.items as { relation: { id: number }; fetchedAt: string }[];
    try {
      t.setNow(new Date("2026-11-28T08:00:00.000Z"));
      const shown = await newRelation(t, otherRep.headers, { name: "Getoond Nieuws BV", ownerId: otherRep.id });
      await t.app.inject({ method: "PUT", url: `/api/relations/${shown}/news-feed`, headers: otherRep.headers, payload: { url: `${feeds.base}/atom` } });
      await fetchAs(shown, otherRep.headers);
      const onScreen = await myDayNews();
      expect(onScreen.map((i) => i.relation.id)).toEqual([shown, shown]);
      const newestShown = onScreen.map((i) => i.fetchedAt).sort().at(-1);

      // Meanwhile the hourly fetch brings news of another relation; then the rep clicks "Gelezen".
      t.setNow(new Date("2026-11-28T08:05:00.000Z"));
      const later = await newRelation(t, otherRep.headers, { name: "Later Nieuws BV", ownerId: otherRep.id });
      await t.app.inject({ method: "PUT", url: `/api/relations/${later}/news-feed`, headers: otherRep.headers, payload: { url: `${feeds.base}/rss` } });
      await fetchAs(later, otherRep.headers);
      t.setNow(new Date("2026-11-28T08:06:00.000Z"));
      const seen = await t.app.inject({ method: "POST", url: "/api/my-day/news/seen", headers: otherRep.headers, payload: { upTo: newestShown } });
      expect(seen.statusCode, seen.body).toBe(204);
      expect(new Set((await myDayNews()).map((i) => i.relation.id))).toEqual(new Set([later]));

      // A second device with an older list does not bring the read news back.
      await t.app.inject({ method: "POST", url: "/api/my-day/news/seen", headers: otherRep.headers, payload: { upTo: "2026-11-20T08:00:00.000Z" } });
      expect(new Set((await myDayNews()).map((i) => i.relation.id))).toEqual(new Set([later]));
      // Without upTo everything until now counts as read; a mark in the future is refused as now.
      t.setNow(new Date("2026-11-28T09:00:00.000Z"));
      await t.app.inject({ method: "POST", url: "/api/my-day/news/seen", headers: otherRep.headers, payload: {} });
      expect(await myDayNews()).toEqual([]);
      expect((await t.app.inject({ method: "POST", url: "/api/my-day/news/seen", headers: otherRep.headers, payload: { upTo: "gisteren" } })).statusCode).toBe(400);
    } finally {
      t.setNow(new Date("2026-11-27T08:00:00.000Z"));
    }
  });

  it("keeps the newest 500 items of a busy feed, never an item the feed still lists", async () => {
    const id = await newRelation(t, rep.headers, { name: "Druk Nieuws BV", ownerId: rep.id });
    await setFeed(id, `${feeds.base}/rss`);
    const saved = feeds.rssItems;
    try {
      for (let round = 0; round < 6; round++) {
        feeds.rssItems = Array.from({ length: 100 }, (_, i) => ({ guid: `druk-${round}-${i}`, link: `https://druk.example/${round}/${i}`, title: `Bericht ${round}.${i}` }));
        expect(await fetchNow(id)).toMatchObject({ newItems: 100 });
      }
      const db = t.database.handle.db;
      const kept = await db.selectFrom("relation_news_items").select("dedupe_key").where("relation_id", "=", id).execute();
      expect(kept).toHaveLength(NEWS_KEPT_PER_RELATION);
      const keys = new Set(kept.map((k) => k.dedupe_key));
      expect(keys.has("guid:druk-0-0")).toBe(false);
      expect(keys.has("guid:druk-5-99")).toBe(true);
      // What the feed lists now is stored once: a further fetch finds nothing new.
      expect(await fetchNow(id)).toMatchObject({ newItems: 0 });
    } finally {
      feeds.rssItems = saved;
    }
  });

  it("queues the hourly run of every feed once an hour, and never beside a run that has not ended", async () => {
    const db = t.database.handle.db;
    const id = await newRelation(t, rep.headers, { name: "Uurlijks Nieuws BV", ownerId: rep.id });
    await setFeed(id, `${feeds.base}/rss`);
    const hourly = () => db.selectFrom("jobs").select(["id", "state"]).where("kind", "=", "news.fetchAll").orderBy("id").execute();
    const before = (await hourly()).length;
    try {
      t.setNow(new Date("2026-11-29T08:00:00.000Z"));
      expect(await queueHourlyNewsFetch(t.ctx)).toBe(true);
      expect(await queueHourlyNewsFetch(t.ctx)).toBe(false);
      const [first] = (await hourly()).slice(before);
      await waitForJob(t.app, admin.headers, first?.id as number).catch(() => undefined);
      // Two hours on, a run of another instance that is still busy (many slow feeds) is not joined.
      t.setNow(new Date("2026-11-29T10:00:00.000Z"));
      const stamp = t.ctx.now().toISOString();
      const busy = await db
        .insertInto("jobs")
        .values({ kind: "news.fetchAll", params: JSON.stringify({ relationId: null }), owner_id: null, state: "running", worker: "andere-instantie", heartbeat_at: stamp, created_at: "2026-11-29T08:30:00.000Z", started_at: "2026-11-29T08:30:00.000Z", progress_total: null, progress_note: null, checkpoint: null, result: null, error: null, finished_at: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      expect(await queueHourlyNewsFetch(t.ctx)).toBe(false);
      await db.updateTable("jobs").set({ state: "succeeded", finished_at: stamp }).where("id", "=", busy.id).execute();
      expect(await queueHourlyNewsFetch(t.ctx)).toBe(true);
    } finally {
      t.setNow(new Date("2026-11-27T08:00:00.000Z"));
    }
  });

  it("lets every role that reads the relation read its news, but only CRM writers change the feed", async () => {
    const id = await newRelation(t, rep.headers, { name: "Inkoop Leest BV", ownerId: rep.id });
    await setFeed(id, `${feeds.base}/rss`);
    await fetchNow(id);
    const read = await news(id, buyer.headers);
    expect(read.items.length).toBeGreaterThan(0);
    expect((await setFeed(id, null, buyer.headers)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url: `/api/relations/${id}/news-feed/fetch`, headers: buyer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/relations/999999/news", headers: rep.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/relations/${id}/news` })).statusCode).toBe(401);
    // Removing the address keeps the news read so far.
    expect((await setFeed(id, null)).json().feed).toBeNull();
    expect((await news(id)).items.length).toBeGreaterThan(0);
  });

  it("combines the news of merged duplicates: the survivor keeps its feed and gets the items it lacked", async () => {
    const survivor = await newRelation(t, rep.headers, { name: "Samen Nieuws BV", ownerId: rep.id });
    const duplicate = await newRelation(t, rep.headers, { name: "Samen Nieuws B.V.", ownerId: rep.id });
    await setFeed(survivor, `${feeds.base}/rss`);
    await setFeed(duplicate, `${feeds.base}/atom`);
    await fetchNow(survivor);
    await fetchNow(duplicate);
    const before = (await news(survivor)).items.length;
    const version = async (id: number) => (await t.app.inject({ method: "GET", url: `/api/relations/${id}`, headers: rep.headers })).json().version;
    const res = await t.app.inject({ method: "POST", url: `/api/relations/${survivor}/merge`, headers: rep.headers, payload: { duplicateId: duplicate, version: await version(survivor), duplicateVersion: await version(duplicate) } });
    expect(res.statusCode, res.body).toBe(200);
    const after = await news(survivor);
    expect(after.feed.url).toBe(`${feeds.base}/rss`);
    expect(after.items).toHaveLength(before + 2);
  });
});
