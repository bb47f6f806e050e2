// A real Koers server (fresh SQLite file, built web app) and Debian's Chromium, for browser tests.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createApiToken } from "../../src/features/auth/session.service.js";
import { addUser } from "../../src/features/users/user.service.js";
import { buildApp } from "../../src/server/app.js";
import type { App } from "../../src/server/context.js";
import { PROJECT_ROOT } from "../../src/server/paths.js";
import { createTestDatabase, type TestDatabase } from "../../src/test-support/databases.js";

export const CHROMIUM = "/usr/bin/chromium";

/** `npm test` builds the web app first; a lone `vitest run --project e2e` builds it here. */
export function ensureWebBuilt(): void {
  if (existsSync(join(PROJECT_ROOT, "dist", "web", "index.html"))) return;
  try {
    execFileSync("npx", ["vite", "build"], { cwd: PROJECT_ROOT, stdio: "pipe" });
  } catch (error) {
    throw new Error(`dist/web is missing and "npm run build:web" failed: ${String(error)}`);
  }
  if (!existsSync(join(PROJECT_ROOT, "dist", "web", "index.html"))) throw new Error("dist/web/index.html is missing after npm run build:web");
}

export interface E2eServer {
  url: string;
  app: App;
  database: TestDatabase;
  /** Authorization header of the seeded user, for setting up data through the API. */
  headers: Record<string, string>;
  close(): Promise<void>;
}

export const USER = { email: "anna.devries@koers.test", name: "Anna de Vries", password: "correct horse battery" } as const;

/** `env`: settings beside the test database's (KOERS_MAIL_LOG_PORT, …). */
export async function startServer(env: Record<string, string> = {}): Promise<E2eServer> {
  ensureWebBuilt();
  const database = await createTestDatabase("sqlite");
  const config = loadConfig({ ...env, DATABASE_URL: database.url, KOERS_DEMO: "0", LOG_LEVEL: "silent", PORT: "0" });
  const app = await buildApp({ db: database.handle.db, engine: "sqlite", config, now: () => new Date() });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
  const now = new Date();
  const { id } = await addUser(database.handle.db, { ...USER, role: "field_sales", rayonNames: ["Noord-Holland"] }, now);
  const token = await createApiToken(database.handle.db, id, "e2e", now);
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    database,
    headers: { authorization: `Bearer ${token}` },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Creates a relation through the API (as the seeded user); returns its id. */
export async function seedRelation(server: E2eServer, body: Record<string, unknown>): Promise<number> {
  const response = await server.app.inject({ method: "POST", url: "/api/relations", headers: server.headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`seeding ${JSON.stringify(body)} failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { id: number }).id;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught script errors and CSP violations seen so far: a healthy page has none. */
  problems: string[];
}

export async function openPage(browser: Browser, baseURL: string): Promise<BrowserPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return { context, page, problems };
}

/**
 * One page at a time for a test file: `open` starts a fresh browser context, `close` ends it and
 * returns the script errors and CSP violations seen meanwhile (a healthy page has none).
 */
export function pageTracker(browser: () => Browser, baseURL: () => string) {
  let current: BrowserPage | undefined;
  return {
    open: async (): Promise<BrowserPage> => {
      current = await openPage(browser(), baseURL());
      return current;
    },
    close: async (): Promise<string[]> => {
      const problems = current?.problems ?? [];
      await current?.context.close();
      current = undefined;
      return problems;
    },
  };
}

/** The heading of the page each role lands on after login (src/web/app/home.tsx). */
export const LANDING = {
  field_sales: "Mijn dag",
  inside_sales: "Mijn dag",
  sales_manager: "Verkoop — het team",
  marketing: "Verkoop — marketing",
  purchasing: "Verkoop — inkoop",
  admin: "Instellingen",
} as const;

/** Logs in on the Dutch login page and waits for the page the user's role lands on. */
export async function logInAs(page: Page, who: { email: string; password: string }, landing: string): Promise<void> {
  await page.goto("/login");
  await page.getByRole("heading", { name: "Inloggen bij Koers" }).waitFor();
  await page.getByLabel("E-mailadres").fill(who.email);
  await page.locator('input[autocomplete="current-password"]').fill(who.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByRole("heading", { name: landing, level: 1 }).waitFor();
}

/**
 * Logs in as the seeded field rep, who lands on "Mijn dag", and opens the relations list, where
 * most tests start.
 */
export async function logIn(page: Page): Promise<void> {
  await logInAs(page, USER, LANDING.field_sales);
  await page.goto("/relations");
  await page.getByRole("heading", { name: "Relaties", level: 1 }).waitFor();
}

/**
 * The usual frame of a browser test file: a server and a browser for the file, one page at a time.
 * `closePage` fails the test on any console error or failed request the page saw.
 */
export function browserSuite(env: Record<string, string> = {}) {
  const suite = {} as { server: E2eServer; browser: Browser };
  beforeAll(async () => {
    suite.server = await startServer(env);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  const pages = pageTracker(() => suite.browser, () => suite.server.url);
  return { suite, open: pages.open, closePage: async () => expect(await pages.close()).toEqual([]) };
}
