// Two Koers server processes on one PostgreSQL database (a load balancer in front): a session made on
// one works on the other, a logout on one ends it on both, and the failed-login limit counts the
// attempts made on both (each instance keeps nothing of its own in memory). The jobs side — every
// job runs exactly once — is checked in features/jobs/job.routes.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/kysely.js";
import { LOGIN_LIMIT } from "../features/auth/session.service.js";
import { addUser } from "../features/users/user.service.js";
import { startTestApp, type TestApp } from "../test-support/app.js";
import { ENGINES } from "../test-support/databases.js";
import { buildApp } from "./app.js";
import type { App } from "./context.js";

const PASSWORD = "correct horse battery";

describe.runIf(ENGINES.includes("postgres"))("two instances on one PostgreSQL database", () => {
  let t: TestApp;
  let second: { app: App; close: () => Promise<void> };

  beforeAll(async () => {
    t = await startTestApp("postgres");
    const config = loadConfig({ DATABASE_URL: t.database.url, KOERS_DEMO: "0", LOG_LEVEL: "silent" });
    const handle = openDatabase(config.database);
    const app = await buildApp({ db: handle.db, engine: handle.engine, config, now: t.ctx.now }, { runJobs: false, schedule: false });
    second = {
      app,
      close: async () => {
        await app.close();
        await handle.close();
      },
    };
    for (const email of ["anna@glansrijk.nl", "bob@glansrijk.nl"]) await addUser(t.ctx.db, { email, name: email, role: "field_sales", password: PASSWORD }, t.ctx.now());
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const login = (app: App, email: string, password = PASSWORD) => app.inject({ method: "POST", url: "/api/session", payload: { email, password } });
  const cookieOf = (res: Awaited<ReturnType<typeof login>>) => String(res.headers["set-cookie"]).split(";")[0] ?? "";

  it("shares sessions: logged in on one, working on the other, logged out on both at once", async () => {
    const res = await login(t.app, "anna@glansrijk.nl");
    expect(res.statusCode).toBe(200);
    const headers = { cookie: cookieOf(res), "x-csrf-token": res.json().csrfToken as string };
    const me = await second.app.inject({ method: "GET", url: "/api/session", headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe("anna@glansrijk.nl");
    // A write on the other instance with the CSRF token of the first.
    const created = await second.app.inject({ method: "POST", url: "/api/relations", headers, payload: { name: "Via tweede server BV" } });
    expect(created.statusCode).toBe(201);
    expect((await t.app.inject({ method: "GET", url: `/api/relations/${created.json().id}`, headers })).statusCode).toBe(200);

    expect((await second.app.inject({ method: "DELETE", url: "/api/session", headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/session", headers })).statusCode).toBe(401);
  });

  it("counts failed logins over both instances, so switching servers does not dodge the limit", async () => {
    for (let i = 0; i < LOGIN_LIMIT.attempts; i++) {
      const res = await login(i % 2 === 0 ? t.app : second.app, "bob@glansrijk.nl", "fout wachtwoord");
      expect(res.statusCode).toBe(401);
    }
    const locked = await login(second.app, "bob@glansrijk.nl");
    expect(locked.statusCode).toBe(429);
    expect((await login(t.app, "bob@glansrijk.nl")).statusCode).toBe(429);
  });
});
