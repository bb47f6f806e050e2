// How the server hands out the built web app: the shell for client-side routes, files as files,
// 404 for a missing file, and problem+json under /api.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eServer, startServer } from "./support.js";

describe("serving the web app", () => {
  let server: E2eServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server?.close());

  it("serves the app shell on client-side routes, so a reload of /relations/5 works", async () => {
    for (const path of ["/", "/relations/5", "/quotes/forecast?from=2026-11"]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('<div id="root">');
    }
  });

  it("answers a missing file with 404 and unknown API routes with problem+json", async () => {
    expect((await fetch(`${server.url}/favicon-that-does-not-exist.ico`)).status).toBe(404);
    const api = await fetch(`${server.url}/api/does-not-exist`, { headers: server.headers });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
  });

  it("sends a content security policy that allows scripts from its own origin only", async () => {
    const res = await fetch(`${server.url}/relations`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("sends the app's files compressed, hashed files cached for a year and the shell checked each time", async () => {
    const shell = await fetch(`${server.url}/`, { headers: { "accept-encoding": "br, gzip" } });
    expect(shell.headers.get("cache-control")).toBe("no-cache");
    const html = await shell.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    const plain = await fetch(`${server.url}${script}`, { headers: { "accept-encoding": "identity" } });
    const br = await fetch(`${server.url}${script}`, { headers: { "accept-encoding": "br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // The same script, a fraction of the bytes on the wire.
    expect(await br.text()).toBe(await plain.text());
    expect(Number(br.headers.get("content-length"))).toBeLessThan(Number(plain.headers.get("content-length")) / 3);
    const gz = await fetch(`${server.url}${script}`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
  });
});
