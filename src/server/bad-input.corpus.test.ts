// The bad-input corpus, generated from the registered routes: every route gets the hostile inputs of
// each class that applies to it (ids guessed or malformed, SQL metacharacters in every query-string
// parameter — filters, sorting, grouping —, prototype-pollution keys and fields it does not take in
// every JSON body, bodies that are no JSON or too large). Nothing may answer 500, every refusal is
// problem+json, and the database is the same afterwards as before (no hostile write got through).
// The corpus goes to the live server over HTTP on loopback (as an attacker's requests would), while a
// monitor asks /api/health every 100 ms: its answer times are printed with the number of requests per
// class, for docs/security.md.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Checksums, tableChecksums } from "../test-support/checksums.js";
import { startTestApp, type TestApp } from "../test-support/app.js";
import { ENGINES } from "../test-support/databases.js";
import { registeredRoutes, type RegisteredRoute } from "./app.js";

const BAD_IDS = ["0", "-1", "999999999", "abc", "1.5", "1e3", "99999999999999999999999", "%00", "1%20or%201=1", "..%2F..%2Fetc%2Fpasswd"];
const SQL = ["' or '1'='1", "1; drop table relations; --", "%_\\", '") union select password_hash from users --', "name desc, (select 1)", "\u0000"];
const BODIES: { name: string; body: string }[] = [
  { name: "prototype pollution (__proto__)", body: '{"__proto__":{"role":"admin","isAdmin":true}}' },
  { name: "prototype pollution (constructor)", body: '{"constructor":{"prototype":{"role":"admin"}}}' },
  { name: "mass assignment", body: '{"id":1,"version":999,"createdBy":1,"role":"admin","profitResponsible":true,"costPriceCents":1}' },
  { name: "not JSON", body: '{"name": "Glans' },
  { name: "JSON that is no object", body: '["a", 1, null]' },
  { name: "too large", body: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }) },
];

/** Asks /api/health every 100 ms (one at a time) until stopped; answer times in ms. */
function monitorHealth(base: string) {
  const times: number[] = [];
  let failed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${base}/api/health`).catch(() => null);
      if (res?.status !== 200) failed += 1;
      await res?.arrayBuffer();
      times.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
      return { polls: times.length, failed, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round(sorted.at(-1) ?? 0) };
    },
  };
}

/** The route's path with every `:param` set to `value`. */
const withParams = (route: RegisteredRoute, value: string) => route.url.replace(/:[A-Za-z]+/g, value);

describe.each(ENGINES)("the bad-input corpus on %s", (engine) => {
  let t: TestApp;
  let admin: { headers: Record<string, string> };
  let before: Checksums;
  const counts: Record<string, number> = {};
  const statuses: Record<number, number> = {};
  const failures: string[] = [];

  let base = "";
  beforeAll(async () => {
    t = await startTestApp(engine);
    base = await t.app.listen({ host: "127.0.0.1", port: 0 });
    admin = await t.userWithRole("admin", { profitResponsible: true });
    const relation = await t.app.inject({ method: "POST", url: "/api/relations", headers: admin.headers, payload: { name: "Doelwit BV" } });
    expect(relation.statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  const send = async (kind: string, route: RegisteredRoute, url: string, body?: string) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    const res = await fetch(`${base}${url}`, {
      method: route.method,
      headers: { ...admin.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body ?? null,
    });
    const text = await res.text();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const problem = res.status < 400 || String(res.headers.get("content-type")).includes("application/problem+json");
    if (res.status >= 500 || !problem) failures.push(`${kind}: ${route.method} ${url.slice(0, 120)} → ${res.status} ${text.slice(0, 160)}`);
    return res;
  };

  const routes = () =>
    registeredRoutes(t.app).filter(
      // Logging out would end the corpus' own session; the docs and static files take no input.
      (r) => r.url.startsWith("/api/") && !(r.method === "DELETE" && r.url === "/api/session") && !r.url.startsWith("/api/docs") && r.method !== "HEAD",
    );

  it("answers every hostile input on every route with a 4xx problem (or an empty answer), never a 500", async () => {
    // Reads first, then writes: a refused write must change nothing that a later read could see.
    const all = routes().sort((a, b) => Number(a.method !== "GET") - Number(b.method !== "GET"));
    expect(all.length).toBeGreaterThan(80);
    before = await tableChecksums(t.ctx.db, engine);
    const health = monitorHealth(base);
    const writes = all.filter((r) => r.method !== "GET");
    for (const route of all.filter((r) => r.method === "GET")) {
      if (route.url.includes(":")) for (const id of BAD_IDS) await send("ids guessed or malformed", route, withParams(route, id));
      for (const name of route.query) {
        for (const value of SQL) await send("SQL metacharacters in query parameters", route, `${withParams(route, "1")}?${name}=${encodeURIComponent(value)}`);
      }
    }
    // The flexible sales report takes its dimensions, sorting and filters as JSON.
    const report = all.find((r) => r.method === "POST" && r.url === "/api/reports/sales");
    expect(report).toBeDefined();
    if (report) {
      for (const value of SQL) {
        for (const body of [
          { measures: ["revenue"], dimensions: [value], from: "2025-01", to: "2025-12" },
          { measures: [value], dimensions: ["month"], from: "2025-01", to: "2025-12" },
          { measures: ["revenue"], dimensions: ["month"], from: value, to: "2025-12" },
          { measures: ["revenue"], dimensions: ["rayon"], from: "2025-01", to: "2025-12", filters: { rayon: [value] } },
          { measures: ["revenue"], dimensions: ["month"], from: "2025-01", to: "2025-12", sort: [{ by: value, direction: "desc" }] },
        ]) {
          await send("SQL metacharacters in report dimensions, filters and sorting", report, report.url, JSON.stringify(body));
        }
      }
    }
    for (const route of writes.filter((r) => r.jsonBody)) {
      for (const id of ["1", "999999999"]) for (const { name, body } of BODIES) await send(`bodies: ${name}`, route, withParams(route, id), body);
    }
    for (const route of writes.filter((r) => r.url.includes(":"))) {
      for (const id of BAD_IDS) await send("ids guessed or malformed", route, withParams(route, id), route.jsonBody ? "{}" : undefined);
    }
    const h = await health.stop();
    console.log(`bad-input corpus on ${engine}: ${JSON.stringify(counts)}; answers ${JSON.stringify(statuses)}`);
    console.log(`/api/health during the corpus on ${engine}: ${h.polls} polls, p50 ${h.p50Ms} ms, p99 ${h.p99Ms} ms, max ${h.maxMs} ms, not up: ${h.failed}`);
    expect(failures).toEqual([]);
    // The server stayed up and answering all through: health said 200 to every poll. (Its speed, under
    // 100 ms, is a figure for docs/security.md, not a timed assertion on a shared machine; a poll that
    // waits seconds means a request held the event loop, and that fails here.)
    expect(h.polls).toBeGreaterThan(10);
    expect(h.failed).toBe(0);
    expect(h.maxMs).toBeLessThan(2_000);
    // The corpus reached the routes as a logged-in administrator (not refused at the door): searches
    // with SQL in them answered (with nothing found), bad values were refused as bad.
    expect(statuses[401] ?? 0).toBe(0);
    expect(statuses[200] ?? 0).toBeGreaterThan(30);
    expect(statuses[400] ?? 0).toBeGreaterThan(100);
    expect(statuses[404] ?? 0).toBeGreaterThan(50);
    expect(statuses[413] ?? 0).toBeGreaterThan(20);
    // Nothing was polluted in this process either.
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  }, 300_000);

  it("changed nothing in the database with all of it", async () => {
    expect(before).toBeDefined();
    const after = await tableChecksums(t.ctx.db, engine);
    // Sessions and login counters are not data a hostile request could change here (it used a token).
    const changed = Object.keys(after).filter((name) => after[name]?.sha256 !== before[name]?.sha256 && !["api_tokens"].includes(name));
    expect(changed).toEqual([]);
  });
});
