import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { addUser } from "../users/user.service.js";
import { LOGIN_LIMIT } from "./session.service.js";

const cookieOf = (setCookie: string | string[] | undefined) => {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return header?.split(";")[0] ?? "";
};

describe.each(ENGINES)("sessions on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
    await addUser(t.ctx.db, { email: "anna@glansrijk.nl", name: "Anna de Wit", role: "field_sales", password: "geheim-wachtwoord" }, t.ctx.now());
  });
  afterAll(async () => t?.close());

  const login = (email: string, password: string) => t.app.inject({ method: "POST", url: "/api/session", payload: { email, password } });

  it("logs in with e-mail and password, sets an http-only cookie and returns a CSRF token", async () => {
    const res = await login("Anna@Glansrijk.nl", "geheim-wachtwoord");
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: "anna@glansrijk.nl", name: "Anna de Wit", role: "field_sales" });
    expect(res.json().csrfToken).toMatch(/.{20,}/);
    expect(String(res.headers["set-cookie"])).toMatch(/koers_session=.+HttpOnly/i);
    const me = await t.app.inject({ method: "GET", url: "/api/session", headers: { cookie: cookieOf(res.headers["set-cookie"]) } });
    expect(me.json().user.email).toBe("anna@glansrijk.nl");
  });

  it("refuses a wrong password with the same answer as an unknown e-mail", async () => {
    const wrong = await login("anna@glansrijk.nl", "fout");
    const unknown = await login("niemand@glansrijk.nl", "fout");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe("invalid_credentials");
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it("demands the CSRF token on writes made with the session cookie", async () => {
    const res = await login("anna@glansrijk.nl", "geheim-wachtwoord");
    const cookie = cookieOf(res.headers["set-cookie"]);
    const without = await t.app.inject({ method: "POST", url: "/api/relations", headers: { cookie }, payload: { name: "Zonder token" } });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe("csrf_invalid");
    const withToken = await t.app.inject({
      method: "POST",
      url: "/api/relations",
      headers: { cookie, "x-csrf-token": res.json().csrfToken },
      payload: { name: "Met token" },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it("ends the session on the server at logout (with its CSRF token), so the old cookie no longer works", async () => {
    const res = await login("anna@glansrijk.nl", "geheim-wachtwoord");
    const cookie = cookieOf(res.headers["set-cookie"]);
    // Another site cannot log the user out: without the token the session stays.
    expect((await t.app.inject({ method: "DELETE", url: "/api/session", headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/session", headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "DELETE", url: "/api/session", headers: { cookie, "x-csrf-token": res.json().csrfToken } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/relations", headers: { cookie } })).statusCode).toBe(401);
  });

  it("expires a session after its lifetime without use", async () => {
    const res = await login("anna@glansrijk.nl", "geheim-wachtwoord");
    const cookie = cookieOf(res.headers["set-cookie"]);
    const start = t.ctx.now();
    t.setNow(new Date(start.getTime() + (t.ctx.config.sessionHours + 1) * 3_600_000));
    try {
      const res2 = await t.app.inject({ method: "GET", url: "/api/session", headers: { cookie } });
      expect(res2.statusCode).toBe(401);
    } finally {
      t.setNow(start);
    }
  });

  it("ends a session at its absolute lifetime, however active it was", async () => {
    const res = await login("anna@glansrijk.nl", "geheim-wachtwoord");
    const cookie = cookieOf(res.headers["set-cookie"]);
    const start = t.ctx.now();
    try {
      // Used every few hours, so the idle timeout never strikes; the absolute one does.
      for (let h = 4; h < t.ctx.config.sessionMaxHours; h += 4) {
        t.setNow(new Date(start.getTime() + h * 3_600_000));
        expect((await t.app.inject({ method: "GET", url: "/api/session", headers: { cookie } })).statusCode, `after ${h} h`).toBe(200);
      }
      t.setNow(new Date(start.getTime() + t.ctx.config.sessionMaxHours * 3_600_000));
      expect((await t.app.inject({ method: "GET", url: "/api/session", headers: { cookie } })).statusCode).toBe(401);
    } finally {
      t.setNow(start);
    }
  });

  it("counts failed logins per connection address, whatever X-Forwarded-For says", async () => {
    const start = t.ctx.now();
    // A fresh window, away from the other tests' attempts.
    t.setNow(new Date(start.getTime() + 24 * 3_600_000));
    try {
      for (let i = 0; i < LOGIN_LIMIT.perIp; i++) {
        const res = await t.app.inject({ method: "POST", url: "/api/session", headers: { "x-forwarded-for": `203.0.113.${i}` }, payload: { email: `spray${i}@glansrijk.nl`, password: "fout" } });
        expect(res.statusCode).toBe(401);
      }
      const next = await t.app.inject({ method: "POST", url: "/api/session", headers: { "x-forwarded-for": "198.51.100.7" }, payload: { email: "nog-een@glansrijk.nl", password: "fout" } });
      expect(next.statusCode).toBe(429);
    } finally {
      t.setNow(start);
      await t.ctx.db.deleteFrom("login_attempts").execute();
    }
  });

  it("limits failed logins per e-mail address and tells when to retry", async () => {
    await addUser(t.ctx.db, { email: "bert@glansrijk.nl", name: "Bert", role: "inside_sales", password: "juiste-wachtwoord" }, t.ctx.now());
    for (let i = 0; i < LOGIN_LIMIT.attempts; i++) expect((await login("bert@glansrijk.nl", "fout")).statusCode).toBe(401);
    const limited = await login("bert@glansrijk.nl", "juiste-wachtwoord");
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["retry-after"]).toBe(String(LOGIN_LIMIT.windowMinutes * 60));
  });

  it("accepts an API token as Bearer and refuses a made-up one", async () => {
    const user = await t.userWithRole("inside_sales");
    expect((await t.app.inject({ method: "GET", url: "/api/relations", headers: user.headers })).statusCode).toBe(200);
    const fake = await t.app.inject({ method: "GET", url: "/api/relations", headers: { authorization: "Bearer koers_made_up" } });
    expect(fake.statusCode).toBe(401);
  });

  it("sends a Content-Security-Policy on the API documentation too", async () => {
    const docs = await t.app.inject({ method: "GET", url: "/api/docs/static/index.html" });
    expect(docs.headers["content-security-policy"]).toMatch(/default-src 'self'/);
  });

  it("answers health checks and serves the OpenAPI document without login", async () => {
    const health = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(health.json()).toMatchObject({ status: "ok", engine });
    const openapi = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(openapi.json().paths["/api/relations"].get).toBeDefined();
  });

  it("answers unknown API routes with problem+json", async () => {
    const user = await t.userWithRole("inside_sales");
    const res = await t.app.inject({ method: "GET", url: "/api/nope", headers: user.headers });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});
