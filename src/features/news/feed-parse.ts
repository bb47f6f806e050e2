// Turns a feed's bytes into items with rss-parser (its parseString only: Koers fetches the bytes
// itself, under its own rules). RSS 0.9–2.0 and Atom 1.0.
import iconv from "iconv-lite";
import Parser from "rss-parser";
import { FeedError } from "./feed-fetch.js";

export interface ParsedItem {
  /** "guid:<…>" or "link:<…>": the item's identity on the next fetch. */
  dedupeKey: string;
  title: string;
  link: string | null;
  summary: string | null;
  publishedAt: string | null;
}

/** Items kept from one fetch: the newest first, as feeds list them. */
export const MAX_ITEMS_PER_FETCH = 100;
const MAX_TITLE = 500;
const MAX_SUMMARY = 1000;
const MAX_LINK = 2000;

const parser = new Parser();

/**
 * The feed's text. Dutch news sites still serve ISO-8859-1 and windows-1252 feeds: read as UTF-8
 * their é and ë turn into replacement characters. The encoding is taken, in this order, from a
 * byte-order mark, the XML declaration (`<?xml … encoding="…"?>`: the feed's own word, right more
 * often than a server's default header), the Content-Type charset, and else UTF-8 (XML's default).
 */
export function decodeFeed(body: Buffer, contentType: string | undefined): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return body.subarray(3).toString("utf8");
  if (body[0] === 0xff && body[1] === 0xfe) return iconv.decode(body.subarray(2), "utf-16le");
  if (body[0] === 0xfe && body[1] === 0xff) return iconv.decode(body.subarray(2), "utf-16be");
  // The declaration is ASCII in every encoding a feed uses here; 200 bytes hold it.
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(body.subarray(0, 200).toString("latin1"))?.[1];
  const header = /charset\s*=\s*"?([A-Za-z0-9._:-]+)"?/i.exec(contentType ?? "")?.[1];
  // A server's charset it cannot name right (utf8mb4 …) is its default, not the feed's word: UTF-8 then.
  const encoding: string = declared ?? (header !== undefined && iconv.encodingExists(header) ? header : "utf-8");
  if (!iconv.encodingExists(encoding)) throw new FeedError("encoding_unknown", `the feed is in an encoding Koers does not know (${String(encoding).slice(0, 40)})`);
  return iconv.decode(body, encoding);
}

export async function parseFeed(body: Buffer, contentType?: string): Promise<{ title: string | null; items: ParsedItem[] }> {
  const text = decodeFeed(body, contentType);
  // A feed is XML: its first character past white space is "<". An HTML page or JSON is refused here.
  if (!text.trimStart().startsWith("<")) throw new FeedError("not_xml", "the answer is not XML");
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new FeedError(/not recognized/i.test(message) ? "not_feed" : "not_xml", `the answer is not an RSS or Atom feed (${message.slice(0, 200)})`);
  }
  const items: ParsedItem[] = [];
  const seen = new Set<string>();
  for (const item of feed.items ?? []) {
    const link = cleanLink(item.link);
    const guid = typeof item.guid === "string" && item.guid.trim() !== "" ? item.guid.trim() : typeof (item as { id?: unknown }).id === "string" ? String((item as { id: string }).id).trim() : "";
    const dedupeKey = guid !== "" ? `guid:${guid.slice(0, 1000)}` : link ? `link:${link}` : null;
    const title = oneLine(item.title ?? "") || link || "";
    if (!dedupeKey || title === "" || seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    const summary = oneLine(item.contentSnippet ?? item.summary ?? "");
    const published = item.isoDate && !Number.isNaN(Date.parse(item.isoDate)) ? new Date(item.isoDate).toISOString() : null;
    items.push({ dedupeKey, title: title.slice(0, MAX_TITLE), link, summary: summary === "" ? null : summary.slice(0, MAX_SUMMARY), publishedAt: published });
    if (items.length >= MAX_ITEMS_PER_FETCH) break;
  }
  return { title: feed.title ? oneLine(feed.title).slice(0, MAX_TITLE) : null, items };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Only http(s) links are kept: the web app makes them clickable (no javascript: links). */
function cleanLink(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return (url.protocol === "http:" || url.protocol === "https:") && url.toString().length <= MAX_LINK ? url.toString() : null;
  } catch {
    return null;
  }
}
