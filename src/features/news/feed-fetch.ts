// Fetches a news feed's bytes under the rules of docs/security.md ("News feeds"): only hosts on the
// allow-list, no private address unless the allow-list names that address, the address checked once
// and the connection pinned to it (a second DNS answer cannot move it), no redirect to another host,
// at most MAX_FEED_BYTES (counted while streaming, the connection cut at the limit) and FEED_TIMEOUT_MS
// for the whole exchange. Nothing here parses; a failure is a FeedError with its code.
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { type FeedFailure, isHostAllowed, isPrivateAddress, normaliseHost } from "../../domain/feed-address.js";

/** Largest feed body read (bytes): a news feed of 100 items is well below 1 MB. */
export const MAX_FEED_BYTES = 2 * 1024 * 1024;
/** The whole fetch, redirects included (milliseconds). */
export const FEED_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;

export class FeedError extends Error {
  override name = "FeedError";
  constructor(
    readonly code: FeedFailure,
    detail: string,
  ) {
    super(detail);
  }
}

export interface FetchLimits {
  maxBytes?: number;
  timeoutMs?: number;
}

/** The address `host` is reached at, checked against the private-address rule. */
async function resolveChecked(host: string, allowList: readonly string[]): Promise<{ address: string; family: 4 | 6 }> {
  if (!isHostAllowed(host, allowList)) throw new FeedError("host_not_allowed", `${host} is not on the allow-list of feed hosts`);
  const literal = isIP(host);
  if (literal !== 0) {
    // Listed as an address itself: the administrator meant that address, private or not.
    return { address: host, family: literal as 4 | 6 };
  }
  let answers: { address: string; family: number }[];
  try {
    answers = await dnsLookup(host, { all: true, verbatim: true });
  } catch (error) {
    throw new FeedError("network", `${host} could not be found (${error instanceof Error ? error.message : String(error)})`);
  }
  const first = answers[0];
  if (!first) throw new FeedError("network", `${host} has no address`);
  // Every answer must be public: otherwise the next connection could pick the private one.
  const privateOne = answers.find((a) => isPrivateAddress(a.address));
  if (privateOne) throw new FeedError("private_address", `${host} resolves to ${privateOne.address}, an address inside a private network`);
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** The feed's bytes at `rawUrl`. */
export async function fetchFeedBytes(rawUrl: string, allowList: readonly string[], limits: FetchLimits = {}): Promise<{ body: Buffer; finalUrl: string; contentType: string | undefined }> {
  const maxBytes = limits.maxBytes ?? MAX_FEED_BYTES;
  const timeoutMs = limits.timeoutMs ?? FEED_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let url = new URL(rawUrl);
    const firstHost = normaliseHost(url.hostname);
    for (let hop = 0; ; hop++) {
      const host = normaliseHost(url.hostname);
      if (host !== firstHost) throw new FeedError("redirect_other_host", `the feed sends Koers on to another host (${host})`);
      const target = await resolveChecked(host, allowList);
      const res = await request(url, target, controller.signal, timeoutMs);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.destroy();
        if (hop >= MAX_REDIRECTS) throw new FeedError("too_many_redirects", `more than ${MAX_REDIRECTS} redirects`);
        url = new URL(res.headers.location, url);
        if (url.protocol !== "http:" && url.protocol !== "https:") throw new FeedError("redirect_other_host", `the feed sends Koers on to ${url.protocol}`);
        continue;
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        throw new FeedError("http_status", `the server answered HTTP ${status}`);
      }
      const announced = Number(res.headers["content-length"] ?? Number.NaN);
      if (announced > maxBytes) {
        res.destroy();
        throw new FeedError("too_large", `the feed is ${announced} bytes; at most ${maxBytes} are read`);
      }
      return { body: await readLimited(res, maxBytes, controller.signal, timeoutMs), finalUrl: url.toString(), contentType: res.headers["content-type"] };
    }
  } finally {
    clearTimeout(timer);
  }
}

function timeoutError(timeoutMs: number) {
  return new FeedError("timeout", `no complete answer within ${timeoutMs / 1000} s`);
}

function request(url: URL, target: { address: string; family: 4 | 6 }, signal: AbortSignal, timeoutMs: number): Promise<IncomingMessage> {
  // The connection goes to the checked address whatever DNS says now (no rebinding between check and use).
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(timeoutError(timeoutMs));
    const req = client.request(
      url,
      {
        method: "GET",
        lookup: pinned,
        signal,
        // No compression asked for: the size limit counts the bytes as they are parsed.
        headers: { accept: "application/rss+xml, application/atom+xml, application/xml, text/xml;q=0.9, */*;q=0.1", "user-agent": "Koers news reader", "accept-encoding": "identity" },
      },
      resolve,
    );
    req.on("error", (error) => reject(signal.aborted ? timeoutError(timeoutMs) : new FeedError("network", error.message)));
    req.end();
  });
}

function readLimited(res: IncomingMessage, maxBytes: number, signal: AbortSignal, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: FeedError) => {
      if (done) return;
      done = true;
      res.destroy();
      reject(error);
    };
    res.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(new FeedError("too_large", `the feed is larger than ${maxBytes} bytes`));
      chunks.push(chunk);
    });
    res.on("end", () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    res.on("error", (error) => fail(signal.aborted ? timeoutError(timeoutMs) : new FeedError("network", error.message)));
    res.on("aborted", () => fail(signal.aborted ? timeoutError(timeoutMs) : new FeedError("network", "the connection was cut")));
  });
}
