// The fetcher's rules against a local feed server (no database): what it refuses, and that it cuts
// a 50 MB body at the limit and a silent server at the time limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FeedServer, startFeedServer } from "../../test-support/feed-server.js";
import { FeedError, fetchFeedBytes, MAX_FEED_BYTES } from "./feed-fetch.js";
import { parseFeed } from "./feed-parse.js";

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FeedError) return error.code;
    throw error;
  }
  return "no failure";
}

describe("fetching a feed", () => {
  it("reads RSS and Atom from an allowed address", async () => {
    const rss = await parseFeed((await fetchFeedBytes(`${feeds.base}/rss`, ["127.0.0.1"])).body);
    expect(rss.title).toBe("Schoonmaak Nieuws");
    expect(rss.items.map((i) => i.dedupeKey)).toEqual(["guid:schoon-1", "link:https://schoon.example/2"]);
    expect(rss.items[0]?.publishedAt).toBe("2026-11-25T09:00:00.000Z");
    const atom = await parseFeed((await fetchFeedBytes(`${feeds.base}/atom`, ["127.0.0.1"])).body);
    expect(atom.items.map((i) => i.title)).toEqual(["Nieuwe vestiging in Zwolle", "Directeur stopt"]);
    expect(atom.items[0]?.link).toBe("https://bakkerij.example/zwolle");
  });

  it("refuses a host that is not on the allow-list", async () => {
    expect(await failure(fetchFeedBytes(`${feeds.base}/rss`, ["news.example.com"]))).toBe("host_not_allowed");
  });

  it("refuses a name that resolves to a private address, even when the name is allowed", async () => {
    expect(await failure(fetchFeedBytes(`http://localhost:${feeds.port}/rss`, ["localhost"]))).toBe("private_address");
  });

  it("follows a redirect on the same host but none to another host", async () => {
    const same = await parseFeed((await fetchFeedBytes(`${feeds.base}/redirect-same`, ["127.0.0.1"])).body);
    expect(same.items).toHaveLength(2);
    expect(await failure(fetchFeedBytes(`${feeds.base}/redirect-other`, ["127.0.0.1", "localhost"]))).toBe("redirect_other_host");
  });

  it("stops reading a 50 MB body at the limit, announced or not", async () => {
    expect(await failure(fetchFeedBytes(`${feeds.base}/big`, ["127.0.0.1"]))).toBe("too_large");
    feeds.bigBytesSent = 0;
    expect(await failure(fetchFeedBytes(`${feeds.base}/big-unannounced`, ["127.0.0.1"]))).toBe("too_large");
    // Cut while streaming: far less than the 50 MB left the server (socket buffers hold a few MB).
    expect(feeds.bigBytesSent).toBeLessThan(20 * 1024 * 1024);
    expect(feeds.bigBytesSent).toBeGreaterThan(MAX_FEED_BYTES / 2);
  });

  it("gives up on a server that does not answer within the time limit", async () => {
    const started = Date.now();
    expect(await failure(fetchFeedBytes(`${feeds.base}/never`, ["127.0.0.1"], { timeoutMs: 300 }))).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reads feeds in the encodings Dutch sites serve: ISO-8859-1 declared in the XML, windows-1252 in the header", async () => {
    const read = async (path: string) => {
      const r = await fetchFeedBytes(`${feeds.base}${path}`, ["127.0.0.1"]);
      return parseFeed(r.body, r.contentType);
    };
    const latin = await read("/latin1");
    expect(latin.title).toBe("Streekbladen Oost");
    expect(latin.items[0]).toMatchObject({ title: "Café De Zwaan opent filiaal in Enschedé", summary: "Geïnteresseerd? Lees verder." });
    expect((await read("/cp1252-header")).items[0]?.title).toBe("Prijs € 25 — “actie”");
    // A charset in the header no decoder knows is the server's default, not the feed's: UTF-8.
    expect((await read("/bogus-charset")).items[0]?.title).toBe("Crèche geopend");
    expect(await failure(read("/unknown-encoding"))).toBe("encoding_unknown");
  });

  it("tells an answer that is not XML, and XML that is no feed", async () => {
    expect(await failure(fetchFeedBytes(`${feeds.base}/html`, ["127.0.0.1"]).then((r) => parseFeed(r.body)))).toBe("not_xml");
    expect(await failure(fetchFeedBytes(`${feeds.base}/xml-not-feed`, ["127.0.0.1"]).then((r) => parseFeed(r.body)))).toBe("not_feed");
    expect(await failure(fetchFeedBytes(`${feeds.base}/missing`, ["127.0.0.1"]))).toBe("http_status");
  });
});
