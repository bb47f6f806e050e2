import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../config.js";
import { createTestDatabase, ENGINES, type TestDatabase } from "../test-support/databases.js";

const run = promisify(execFile);
const koers = (url: string, ...args: string[]) =>
  run("npx", ["tsx", "src/cli/main.ts", ...args], { env: { ...process.env, DATABASE_URL: url, KOERS_DEMO: "0" } });

describe.each(ENGINES)("koers CLI administration on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.drop());

  it("adds a user who can then log in, and prints nothing but a token for `token create`", async () => {
    const added = await koers(database.url, "user", "add", "--email", "Rep@Glansrijk.nl", "--name", "Rik Rep", "--role", "field_sales", "--rayon", "Noord", "--password", "lang-genoeg-1");
    expect(added.stdout).toContain("rep@glansrijk.nl");
    const { stdout } = await koers(database.url, "token", "create", "--email", "rep@glansrijk.nl");
    const token = stdout.trim();
    expect(stdout).toBe(`${token}\n`);
    expect(token).toMatch(/^koers_[A-Za-z0-9_-]{30,}$/);

    const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: "silent" });
    const app = await buildApp({ db: database.handle.db, engine, config, now: () => new Date() });
    try {
      const me = await app.inject({ method: "GET", url: "/api/session", headers: { authorization: `Bearer ${token}` } });
      expect(me.json().user).toMatchObject({ email: "rep@glansrijk.nl", role: "field_sales" });
      expect(me.json().user.rayonIds).toHaveLength(1);
      const login = await app.inject({ method: "POST", url: "/api/session", payload: { email: "rep@glansrijk.nl", password: "lang-genoeg-1" } });
      expect(login.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("prints a one-time password link with which the user chooses a password", async () => {
    const { stdout } = await koers(database.url, "user", "password-link", "--email", "rep@glansrijk.nl");
    const token = /#token=([\w-]+)/.exec(stdout)?.[1];
    expect(stdout).toMatch(/^https?:\/\/.+\/wachtwoord-kiezen#token=/);
    const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: "silent" });
    const app = await buildApp({ db: database.handle.db, engine, config, now: () => new Date() });
    try {
      const chosen = await app.inject({ method: "POST", url: "/api/password-reset", payload: { token, password: "via de opdrachtregel" } });
      expect(chosen.statusCode).toBe(200);
      const login = await app.inject({ method: "POST", url: "/api/session", payload: { email: "rep@glansrijk.nl", password: "via de opdrachtregel" } });
      expect(login.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("refuses a bad role, a short password and a duplicate e-mail with a readable message and exit code", async () => {
    await expect(koers(database.url, "user", "add", "--email", "x@y.nl", "--name", "X", "--role", "boss", "--password", "lang-genoeg-1")).rejects.toMatchObject({
      stderr: expect.stringContaining("boss"),
    });
    await expect(koers(database.url, "user", "add", "--email", "x@y.nl", "--name", "X", "--role", "admin", "--password", "kort")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("password"),
    });
    await expect(koers(database.url, "user", "add", "--email", "rep@glansrijk.nl", "--name", "X", "--role", "admin", "--password", "lang-genoeg-1")).rejects.toMatchObject({
      stderr: expect.stringContaining("already used"),
    });
  });
});
