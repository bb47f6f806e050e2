import { describe, expect, it } from "vitest";
import { checkFeedUrl, isHostAllowed, isPrivateAddress, isValidHostEntry } from "./feed-address.js";

describe("feed addresses", () => {
  it("accepts an http(s) address on an allowed host and refuses others", () => {
    expect(checkFeedUrl("https://News.Example.com/feed.xml#top", ["news.example.com"])).toEqual({ ok: true, url: "https://news.example.com/feed.xml", host: "news.example.com" });
    expect(checkFeedUrl("https://evil.example.org/feed", ["news.example.com"])).toEqual({ ok: false, code: "feed_host_not_allowed" });
    expect(checkFeedUrl("file:///etc/passwd", ["news.example.com"])).toEqual({ ok: false, code: "feed_url_invalid" });
    expect(checkFeedUrl("https://user:pw@news.example.com/", ["news.example.com"])).toEqual({ ok: false, code: "feed_url_invalid" });
    expect(checkFeedUrl("geen adres", [])).toEqual({ ok: false, code: "feed_url_invalid" });
  });

  it("matches hosts exactly: a sub-domain of an allowed host is not allowed", () => {
    expect(isHostAllowed("a.news.example.com", ["news.example.com"])).toBe(false);
    expect(isHostAllowed("NEWS.example.com.", ["news.example.com"])).toBe(true);
  });

  it("lets a *.domain entry allow the hosts below that domain, never the domain itself or a look-alike", () => {
    const list = ["*.Nieuws-Groep.nl"];
    expect(isHostAllowed("regio.nieuws-groep.nl", list)).toBe(true);
    expect(isHostAllowed("a.b.nieuws-groep.nl", list)).toBe(true);
    expect(isHostAllowed("nieuws-groep.nl", list)).toBe(false);
    expect(isHostAllowed("evilnieuws-groep.nl", list)).toBe(false);
    expect(isHostAllowed("nieuws-groep.nl.evil.com", list)).toBe(false);
    expect(checkFeedUrl("https://regio.nieuws-groep.nl/rss", list)).toMatchObject({ ok: true, host: "regio.nieuws-groep.nl" });
    expect(isValidHostEntry("*.nieuws-groep.nl")).toBe(true);
    // A whole top-level domain, an address or a wildcard inside a name is no entry.
    for (const entry of ["*.nl", "*.com", "*.127.0.0.1", "regio.*.nl", "*", "**.nieuws.nl"]) expect(isValidHostEntry(entry), entry).toBe(false);
  });

  it("tells private, loopback and link-local addresses from public ones", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::5", "::ffff:127.0.0.1", "::ffff:7f00:1"]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["93.184.216.34", "8.8.8.8", "2a00:1450:400e:80c::200e", "::ffff:8.8.8.8"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("takes host names and IP addresses as allow-list entries, not addresses with a path", () => {
    expect(isValidHostEntry("nieuws.voorbeeld.nl")).toBe(true);
    expect(isValidHostEntry("127.0.0.1")).toBe(true);
    expect(isValidHostEntry("[::1]")).toBe(true);
    expect(isValidHostEntry("https://nieuws.voorbeeld.nl/feed")).toBe(false);
    expect(isValidHostEntry("999.1.1.1")).toBe(false);
  });
});
