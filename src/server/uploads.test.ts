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

describe.each(ENGINES)("input that is not clean text on %s", (engine) => {
  let t: TestApp;
  let rep: { headers: Record<string, string> };
  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales");
  });
  afterAll(async () => t?.close());

  const post = (body: Buffer | string, contentType = "application/json") => t.app.inject({ method: "POST", url: "/api/relations", headers: { ...rep.headers, "content-type": contentType }, payload: body });

  it("refuses NUL characters, unpaired surrogates and invalid UTF-8 with 400 and stores nothing", async () => {
    const before = (await t.ctx.db.selectFrom("relations").select("id").execute()).length;
    const nul = await post(JSON.stringify({ name: "Nul\u0000BV" }));
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors[0]).toMatchObject({ field: "name", code: "text_invalid" });
    expect((await post('{"name":"Half \\ud800 BV"}')).statusCode).toBe(400);
    expect((await post(Buffer.concat([Buffer.from('{"name":"Kapot '), Buffer.from([0xc3, 0x28]), Buffer.from(' BV"}')]))).statusCode).toBe(400);
    expect((await post('{"__proto__":{"admin":true},"name":"Proto BV"}')).statusCode).toBe(400);
    expect((await t.app.inject({ method: "GET", url: "/api/relations?q=a%00b", headers: rep.headers })).statusCode).toBe(400);
    expect((await t.ctx.db.selectFrom("relations").select("id").execute()).length).toBe(before);
    // Real Unicode passes: accents, emoji, Arabic.
    expect((await post(JSON.stringify({ name: "Café Ëlan 🚀 شركة BV" }))).statusCode).toBe(201);
  });

  it("refuses a file name that hides its type behind a text-direction override", async () => {
    const relation = await t.app.inject({ method: "POST", url: "/api/relations", headers: rep.headers, payload: { name: "Bijlage BV" } });
    const activity = await t.app.inject({ method: "POST", url: `/api/relations/${relation.json().id}/activities`, headers: rep.headers, payload: { kind: "visit" } });
    const body = Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="factuur\u202Efdp.txt"\r\nContent-Type: text/plain\r\n\r\n`), Buffer.from("hallo"), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
    const res = await t.app.inject({ method: "POST", url: `/api/activities/${activity.json().id}/attachments`, headers: { ...rep.headers, "content-type": `multipart/form-data; boundary=${BOUNDARY}` }, payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "file", code: "file_name_invalid" });
  });
});
