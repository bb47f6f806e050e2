// The CRM memory in a real browser against a real server: log a visit with a follow-up "over 1 week",
// move the server's clock to that day, find the follow-up on "Mijn dag", mark it done and see it go.
// The server gets a clock the test can move (AppContext.now); the browser keeps its own clock.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { addDays } from "../../src/domain/calendar.js";
import { createApiToken } from "../../src/features/auth/session.service.js";
import { addUser } from "../../src/features/users/user.service.js";
import { buildApp } from "../../src/server/app.js";
import type { App } from "../../src/server/context.js";
import { createTestDatabase, type TestDatabase } from "../../src/test-support/databases.js";
import { ensureWebBuilt, launchBrowser, logIn, USER } from "./support.js";

const RELATION = "Schoonmaakbedrijf De Zonnebloem";
const ACTION = "Offerte nabellen over de kantoorschoonmaak";

interface Server {
  url: string;
  app: App;
  database: TestDatabase;
  headers: Record<string, string>;
  /** Sets the server's clock; null follows the real time again. */
  setNow(date: Date | null): void;
}

async function startServerWithClock(): Promise<Server> {
  ensureWebBuilt();
  const database = await createTestDatabase("sqlite");
  // A week of clock movement must not end the browser's session.
  const config = loadConfig({ DATABASE_URL: database.url, KOERS_DEMO: "0", LOG_LEVEL: "silent", PORT: "0", KOERS_SESSION_HOURS: "1000", KOERS_SESSION_MAX_HOURS: "1000" });
  let fixed: Date | null = null;
  const app = await buildApp({ db: database.handle.db, engine: "sqlite", config, now: () => fixed ?? new Date() });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
  const { id } = await addUser(database.handle.db, { ...USER, role: "field_sales", rayonNames: ["Noord-Holland"] }, new Date());
  const token = await createApiToken(database.handle.db, id, "e2e", new Date());
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    database,
    headers: { authorization: `Bearer ${token}` },
    setNow: (date) => {
      fixed = date;
    },
  };
}

async function post(server: Server, url: string, payload: Record<string, unknown>): Promise<{ id: number }> {
  const response = await server.app.inject({ method: "POST", url, headers: server.headers, payload });
  if (response.statusCode !== 201) throw new Error(`POST ${url} failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: number };
}

describe("contact moments, follow-ups and My day in the browser", () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let relationId: number;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startServerWithClock();
    relationId = (
      await post(server, "/api/relations", { name: RELATION, visitStreet: "Damrak", visitHouseNumber: "1", visitPostcode: "1012 LG", visitCity: "Amsterdam", status: "prospect" })
    ).id;
    await post(server, `/api/relations/${relationId}/persons`, { firstName: "Jan", lastName: "Jansen", gender: "m", jobTitle: "Facilitair manager" });
    browser = await launchBrowser();
    // Amsterdam time in the browser too, as for the Dutch users: the date of "now" is the same on both sides.
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.app.close();
    await server?.database.drop();
  });

  it("shows a follow-up set while logging a visit on My day the day it is due, and drops it when done", async () => {
    await logIn(page);
    await page.goto(`/relations/${relationId}`);
    await page.getByRole("heading", { name: RELATION, level: 1 }).waitFor();
    // Contact moments are the first tab.
    await page.getByRole("heading", { name: "Contactmomenten", level: 2 }).waitFor();
    await page.getByText("Nog geen contactmomenten met deze relatie.").waitFor();

    await page.getByRole("button", { name: "Contactmoment vastleggen" }).click();
    const form = page.getByRole("form", { name: "Nieuw contactmoment" });
    expect(await form.getByLabel("Soort contact").inputValue()).toBe("Bezoek");
    // Shown as dd-mm-jjjj uu:mm whatever the browser's language.
    const shown = await form.getByLabel("Datum en tijd").inputValue();
    expect(shown).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    const occurredOn = `${shown.slice(6, 10)}-${shown.slice(3, 5)}-${shown.slice(0, 2)}`;

    await form.getByRole("combobox", { name: "Contactpersonen" }).click();
    await page.getByRole("option", { name: "Jan Jansen" }).click();
    await page.keyboard.press("Escape");
    await form.getByLabel("Verslag (klantdossier)").fill("Kennismaking. Drie verdiepingen kantoor, dagelijks stofzuigen.");
    await form.getByLabel("Interne notities").fill("Huidige leverancier is duur; contract loopt af in maart.");
    await form.getByLabel("Kans (vk%)").fill("30");
    await form.getByLabel("Volgende actie").fill(ACTION);
    await form.getByRole("button", { name: "Over 1 week" }).click();
    const dueDate = addDays(occurredOn, 7);
    // Shown as dd-mm-jjjj whatever the browser's language.
    await expect.poll(() => form.getByLabel("Datum vervolgactie").inputValue()).toBe(dueDate.split("-").reverse().join("-"));
    await form.getByRole("button", { name: "Contactmoment opslaan" }).click();

    // The timeline shows the visit with its notes, the internal notes apart, and the open follow-up.
    const visit = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /^Bezoek · / }) });
    await visit.waitFor();
    await visit.getByText("Kennismaking. Drie verdiepingen kantoor, dagelijks stofzuigen.").waitFor();
    await visit.getByText("Intern — niet voor de klant").waitFor();
    await visit.getByText("Jan Jansen").waitFor();
    const followUps = page.getByRole("region", { name: /Openstaande vervolgacties/ });
    await followUps.getByRole("cell", { name: ACTION, exact: true }).waitFor();
    await followUps.getByRole("cell", { name: USER.name, exact: true }).waitFor();

    // Today it is not due yet: My day has nothing for today.
    await page.getByRole("link", { name: "Mijn dag" }).click();
    await page.getByRole("heading", { name: "Mijn dag", level: 1 }).waitFor();
    const today = page.getByRole("region", { name: "Vandaag" });
    await today.getByText("Geen vervolgacties voor vandaag.").waitFor();
    expect(await today.getByText(ACTION).count()).toBe(0);
    // It is listed among the follow-ups of the coming days instead.
    await page.getByRole("region", { name: /Komende 7 dagen/ }).getByRole("cell", { name: ACTION, exact: true }).waitFor();

    // A week later (server clock), the follow-up is due today, with a link to its relation.
    server.setNow(new Date(`${dueDate}T10:00:00Z`));
    await page.reload();
    await today.getByRole("cell", { name: ACTION, exact: true }).waitFor();
    await today.getByRole("link", { name: RELATION }).waitFor();
    expect(await page.getByRole("region", { name: "Te laat" }).getByText(ACTION).count()).toBe(0);

    await today.getByRole("button", { name: `Afgerond: ${ACTION}` }).click();
    await today.getByText("Geen vervolgacties voor vandaag.").waitFor();
    expect(await page.getByText(ACTION).count()).toBe(0);
    await page.reload();
    await today.getByText("Geen vervolgacties voor vandaag.").waitFor();
    expect(await page.getByText(ACTION).count()).toBe(0);

    expect(problems).toEqual([]);
  });
});
