// A Dutch sales team's first week (issue 8): lists open on "mine" for a rep and on the team for a
// manager, the choice survives a reload; an overdue count and a forecast figure lead to the list
// behind them; a contact moment's date and time and a quote's decision month are typed the Dutch way
// in an English browser; the app has a favicon.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { addDays } from "../../src/domain/calendar.js";
import { addUser } from "../../src/features/users/user.service.js";
import { amsterdamDate } from "../../src/server/time.js";
import { type E2eServer, LANDING, launchBrowser, logInAs, seedRelation, startServer, USER } from "./support.js";

const MANAGER = { email: "mia.manager@koers.test", name: "Mia Manager", password: "manager horse battery" } as const;
const OTHER = { email: "otto.collega@koers.test", name: "Otto Collega", password: "otto horse battery" } as const;

describe("everyday lists, click-through and Dutch fields", () => {
  let server: E2eServer;
  let browser: Browser;
  const today = amsterdamDate(new Date());
  let mine = 0;

  const as = async (email: string, method: "POST", url: string, payload: Record<string, unknown>) => {
    const login = await server.app.inject({ method: "POST", url: "/api/session", payload: { email, password: email === OTHER.email ? OTHER.password : USER.password } });
    const cookie = String(login.headers["set-cookie"]).split(";")[0] ?? "";
    const res = await server.app.inject({ method, url, headers: { cookie, "x-csrf-token": login.json().csrfToken }, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: number };
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const db = server.database.handle.db;
    await addUser(db, { ...MANAGER, role: "sales_manager", profitResponsible: true, rayonNames: [] }, new Date());
    await addUser(db, { ...OTHER, role: "field_sales", rayonNames: ["Utrecht"] }, new Date());
    mine = await seedRelation(server, { name: "Bakkerij De Korenaar", status: "prospect", statusReason: "Gesprek" });
    const theirs = await as(OTHER.email, "POST", "/api/relations", { name: "Drukkerij Van Otto", status: "prospect", statusReason: "Gesprek" });
    await as(OTHER.email, "POST", `/api/relations/${theirs.id}/followups`, { action: "Otto belt terug", dueDate: addDays(today, -2) });
    const product = await as(USER.email, "POST", "/api/products", { code: "SCH-1", name: "Kantoorschoonmaak", unit: "uur", listPriceCents: 2000 });
    await as(USER.email, "POST", "/api/quotes", { relationId: mine, probability: 50, status: "sent", decisionMonth: today.slice(0, 7), lines: [{ productId: product.id, quantity: 10 }] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens a rep's relations on 'Van mij', one click to everyone, and keeps the choice over a reload", async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await logInAs(page, USER, LANDING.field_sales);
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Relaties" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("scope")).toBe("mine");
    await page.getByRole("link", { name: "Bakkerij De Korenaar" }).waitFor();
    expect(await page.getByRole("link", { name: "Drukkerij Van Otto" }).count()).toBe(0);
    await page.getByText("Iedereen", { exact: true }).click();
    await page.getByRole("link", { name: "Drukkerij Van Otto" }).waitFor();
    expect(new URL(page.url()).searchParams.get("scope")).toBe("all");
    await page.reload();
    await page.getByRole("link", { name: "Drukkerij Van Otto" }).waitFor();
    expect(new URL(page.url()).searchParams.get("scope")).toBe("all");
    // The follow-ups list opens on the rep's own too.
    await page.goto("/follow-ups");
    await page.getByRole("heading", { name: "Vervolgacties", level: 1 }).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get("scope")).toBe("mine");
    await page.getByText("Geen vervolgacties met deze keuze.").waitFor();
    await context.close();
  }, 90_000);

  it("takes a manager from an overdue count on Mijn dag and a forecast figure to the list behind it", async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await logInAs(page, MANAGER, LANDING.sales_manager);
    await page.goto("/relations");
    await expect.poll(() => new URL(page.url()).searchParams.get("scope")).toBe("team");
    await page.goto("/my-day");
    await page.getByRole("link", { name: `1 te late vervolgacties van ${OTHER.name}` }).click();
    await page.getByRole("heading", { name: "Vervolgacties", level: 1 }).waitFor();
    await page.getByText("Otto belt terug").first().waitFor();
    expect(await page.getByText("Te laat").count()).toBeGreaterThan(0);
    await page.goto("/quotes/forecast");
    await page.getByRole("heading", { name: "Forecast", level: 1 }).waitFor();
    await page.getByRole("link", { name: "€ 100,00" }).first().click();
    await page.getByRole("heading", { name: "Offertes", level: 1 }).waitFor();
    await page.getByTestId("linked-filter").getByText(/In de forecast/).waitFor();
    await page.getByRole("link", { name: "Bakkerij De Korenaar" }).waitFor();
    expect(new URL(page.url()).searchParams.get("decisionFrom")).toBe(today.slice(0, 7));
    await context.close();
  }, 90_000);

  it("types a contact moment's date and time and a quote's decision month the Dutch way in an English browser", async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, locale: "en-US", timezoneId: "Europe/Amsterdam" });
    const page = await context.newPage();
    await logInAs(page, USER, LANDING.field_sales);
    await page.goto(`/relations/${mine}`);
    await page.getByRole("button", { name: "Contactmoment vastleggen" }).click();
    const form = page.getByRole("form", { name: "Nieuw contactmoment" });
    const when = form.getByLabel("Datum en tijd");
    expect(await when.inputValue()).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    const [y, m, d] = addDays(today, -1).split("-");
    await when.fill(`${d}-${m}-${y} 14:15`);
    await when.press("Escape");
    await when.blur();
    expect(await when.inputValue()).toBe(`${d}-${m}-${y} 14:15`);
    await form.getByLabel("Verslag (klantdossier)").fill("Kennismaking bij de bakkerij.");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await page.getByText(`Bezoek · ${d}-${m}-${y}, 14:15`).waitFor();

    await page.goto(`/quotes/new?relation=${mine}`);
    await page.getByRole("combobox", { name: "Verwachte beslismaand" }).waitFor();
    await page.getByRole("combobox", { name: "Verwachte beslismaand" }).fill("feb");
    const options = page.getByRole("option", { name: /^februari \d{4}$/ });
    await options.first().waitFor();
    expect(await options.count()).toBeGreaterThan(1);
    await context.close();
  }, 90_000);

  it("loads the login page with at most 250 kB of gzipped JavaScript", async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: "nl-NL" });
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.add(request.url());
    });
    await page.goto("/login");
    await page.getByRole("heading", { name: "Inloggen bij Koers" }).waitFor();
    await page.waitForLoadState("networkidle");
    let bytes = 0;
    for (const url of scripts) {
      // The bytes on the wire: content-length of the gzip copy (fetch itself would unpack the body);
      // files under 1 kB go out as they are.
      const res = await fetch(url, { headers: { "accept-encoding": "gzip" } });
      const body = await res.arrayBuffer();
      bytes += res.headers.get("content-encoding") === "gzip" ? Number(res.headers.get("content-length")) : body.byteLength;
    }
    expect(scripts.size).toBeGreaterThan(0);
    expect(bytes, `${scripts.size} scripts`).toBeLessThanOrEqual(250 * 1024);
    await context.close();
  }, 60_000);

  it("serves a small SVG favicon that the page names", async () => {
    const res = await fetch(`${server.url}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
    expect((await res.text()).length).toBeLessThan(1024);
    expect(await (await fetch(`${server.url}/`)).text()).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg"');
  });
});
