// Which news feed addresses Koers may fetch (docs/security.md, "News feeds"): http(s) only, no user
// name or password in the address, the host on the administrator's allow-list, and no private,
// loopback or link-local address unless the allow-list names that address itself. A name on the
// allow-list that resolves to such an address is refused: that is how DNS rebinding or an internal
// name would reach the company's own network.

/** Why a feed could not be read; the web app names each in the user's language. */
export const FEED_FAILURES = [
  "host_not_allowed",
  "private_address",
  "redirect_other_host",
  "too_many_redirects",
  "too_large",
  "timeout",
  "http_status",
  "network",
  "not_xml",
  "not_feed",
  "encoding_unknown",
] as const;
export type FeedFailure = (typeof FEED_FAILURES)[number];

export type FeedUrlCheck = { ok: true; url: string; host: string } | { ok: false; code: "feed_url_invalid" | "feed_host_not_allowed" };

/** The host as the allow-list compares it: lower case, without a trailing dot or IPv6 brackets. */
export function normaliseHost(raw: string): string {
  return raw.trim().toLowerCase().replace(/\.$/, "").replace(/^\[(.*)\]$/, "$1");
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

const isHostName = (host: string) => HOST_NAME.test(host) && !/^[0-9.]+$/.test(host);

/**
 * An allow-list entry: a host name or an IP address (no scheme, port or path), or `*.` before a
 * domain of at least two labels for every host below it (`*.nieuws.nl`; never `*.nl` or `*.com`,
 * which would allow a whole top-level domain).
 */
export function isValidHostEntry(raw: string): boolean {
  const host = normaliseHost(raw);
  if (host.startsWith("*.")) {
    const domain = host.slice(2);
    return isHostName(domain) && domain.includes(".");
  }
  return ipv4Parts(host) !== null || ipv6Groups(host) !== null || isHostName(host);
}

/** Exact names and addresses; a `*.domain` entry allows the hosts below the domain, not the domain itself. */
export function isHostAllowed(host: string, allowList: readonly string[]): boolean {
  const h = normaliseHost(host);
  return allowList.some((raw) => {
    const entry = normaliseHost(raw);
    return entry.startsWith("*.") ? isHostName(h) && h.endsWith(entry.slice(1)) : entry === h;
  });
}

/** The address checked against the allow-list; `url` is the normalised form that is stored. */
export function checkFeedUrl(raw: string, allowList: readonly string[]): FeedUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, code: "feed_url_invalid" };
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username !== "" || url.password !== "" || url.hostname === "") return { ok: false, code: "feed_url_invalid" };
  const host = normaliseHost(url.hostname);
  if (!isHostAllowed(host, allowList)) return { ok: false, code: "feed_host_not_allowed" };
  url.hash = "";
  return { ok: true, url: url.toString(), host };
}

/** True for an IP address (v4 or v6 text) that is not on the public internet. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ipv4Parts(ip);
  if (v4) return isPrivateV4(v4);
  const v6 = ipv6Groups(normaliseHost(ip));
  if (!v6) return true; // not an address we can read: refused
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = v6;
  if (v6.every((g) => g === 0)) return true; // ::
  if (v6.slice(0, 7).every((g) => g === 0) && g7 === 1) return true; // ::1
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible): the IPv4 rules apply.
  if (v6.slice(0, 5).every((g) => g === 0) && (g5 === 0xffff || g5 === 0)) return isPrivateV4([g6 >> 8, g6 & 255, g7 >> 8, g7 & 255]);
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g0 & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  if (g0 === 0x0064 && g1 === 0xff9b) return true; // NAT64 onto IPv4: could reach a private v4
  return false;
}

function isPrivateV4([a, b]: readonly number[]): boolean {
  if (a === undefined || b === undefined) return true;
  return (
    a === 0 || a === 10 || a === 127 || // this network, private, loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata lives here)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved, broadcast
  );
}

function ipv4Parts(text: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** The eight 16-bit groups of an IPv6 address, or null when the text is none. */
function ipv6Groups(text: string): number[] | null {
  if (!text.includes(":") || !/^[0-9a-f:.]+$/.test(text)) return null;
  let body = text;
  const tail: number[] = [];
  const v4 = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(body);
  if (v4?.[1]) {
    const p = ipv4Parts(v4[1]);
    if (!p) return null;
    tail.push(((p[0] ?? 0) << 8) | (p[1] ?? 0), ((p[2] ?? 0) << 8) | (p[3] ?? 0));
    body = body.slice(0, -v4[1].length);
    if (body.endsWith(":") && !body.endsWith("::")) body = body.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const read = (s: string) => (s === "" ? [] : s.split(":"));
  const head = read(halves[0] ?? "");
  const rest = halves.length === 2 ? read(halves[1] ?? "") : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const groups = [...head, ...rest].map((g) => Number.parseInt(g, 16));
  const missing = 8 - groups.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head.map((g) => Number.parseInt(g, 16)), ...new Array(halves.length === 2 ? missing : 0).fill(0), ...rest.map((g) => Number.parseInt(g, 16)), ...tail];
}
