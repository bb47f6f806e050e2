// Every route that takes an upload, found from the registered routes, answers a broken multipart
// body with a 4xx problem (never a 500) and stores nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../test-support/app.js";
import { ENGINES } from "../test-support/databases.js";
import { registeredRoutes } from "./app.js";

const BOUNDARY = "----koers-broken";
const head = (name = "file", fileName = "lijst.csv") => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`;

/** Malformed bodies browsers and scripts send by mistake, with the content type each claims. */
const BROKEN: { name: string; contentType: string; body: string }[] = [
  { name: "cut off before the closing boundary", contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: `${head()}Naam;Plaats\r\nA;B` },
  { name: "no boundary in the content type", contentType: "multipart/form-data", body: `${head()}x\r\n--${BOUNDARY}--\r\n` },
  { name: "a boundary that never appears", contentType: "multipart/form-data; boundary=other", body: `${head()}x\r\n--${BOUNDARY}--\r\n` },
  { name: "a part without headers", contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\n\r\nx\r\n--${BOUNDARY}--\r\n` },
  { name: "only a field, no file", contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nrelations\r\n--${BOUNDARY}--\r\n` },
  { name: "a malformed part header", contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition form-data name=file\r\n\r\nx\r\n--${BOUNDARY}--\r\n` },
  { name: "an empty body", contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: "" },
  { name: "JSON instead of a form", contentType: "application/json", body: '{"file":"x"}' },
  { name: "garbage", contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: "\u0000\u0001\u0002 not a form at all" },
];

describe.each(ENGINES)("uploads on %s", (engine) => {
  let t: TestApp;
  let admin: { headers: Record<string, string> };
  let activityId = 0;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.userWithRole("admin");
    const relation = await t.app.inject({ method: "POST", url: "/api/relations", headers: admin.headers, payload: { name: "Upload BV" } });
    const activity = await t.app.inject({ method: "POST", url: `/api/relations/${relation.json().id}/activities`, headers: admin.headers, payload: { kind: "visit", notes: "x" } });
    activityId = activity.json().id;
  });
  afterAll(async () => t?.close());

  it("answers every broken multipart body on every upload route with a 4xx problem and keeps no file", async () => {
    const routes = registeredRoutes(t.app).filter((r) => r.multipart);
    expect(routes.length).toBeGreaterThanOrEqual(6);
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(":id", String(activityId)).replace("/api/imports", "/api/imports?kind=relations");
      for (const broken of BROKEN) {
        const res = await t.app.inject({ method: route.method as "POST", url, headers: { ...admin.headers, "content-type": broken.contentType }, payload: broken.body });
        const ok = res.statusCode >= 400 && res.statusCode < 500 && String(res.headers["content-type"]).includes("application/problem+json");
        if (!ok) failures.push(`${route.method} ${route.url} · ${broken.name} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    const files = await t.ctx.db.selectFrom("job_files").select("id").execute();
    expect(files).toEqual([]);
  });
});
