// Quotes in a real browser against a real server: a rep asks the advice "quote or not" for a
// relation whose decider is known, follows the "go", saves the quote, reads its weighted amount in
// the forecast of its decision month, lowers the chance on the quote's page and sees the forecast
// of that month follow.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths } from "../../src/domain/calendar.js";
import { addUser } from "../../src/features/users/user.service.js";
import { type E2eServer, LANDING, launchBrowser, logIn, logInAs, pageTracker, seedRelation, startServer } from "./support.js";

/** The month `n` months from now in Amsterdam, as 'YYYY-MM' (the server's clock is the real one). */
function monthFromNow(n: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  return addMonths(today.slice(0, 7), n);
}

/** "2027-01" → "januari 2027", as the forecast table names its rows. */
function dutchMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat("nl-NL", { timeZone: "UTC", month: "long", year: "numeric" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

async function inject(server: E2eServer, url: string, payload: Record<string, unknown>): Promise<{ id: number }> {
  const response = await server.app.inject({ method: "POST", url, headers: server.headers, payload });
  if (response.statusCode !== 201) throw new Error(`POST ${url} failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: number };
}

/** The text of the forecast row of `month` (month, units, expected revenue). */
async function forecastRow(page: Page, month: string): Promise<string | null> {
  return page.getByRole("row", { name: new RegExp(`^${dutchMonth(month)}`) }).textContent();
}

/** A field rep beside the seeded one: a colleague, not someone who may act for her. */
const COLLEAGUE = { email: "bram.jansen@koers.test", name: "Bram Jansen", password: "correct horse battery" } as const;

describe("quotes in the browser", () => {
  let server: E2eServer;
  let browser: Browser;
  let relationId: number;
  let productId: number;
  const decisionMonth = monthFromNow(2);

  beforeAll(async () => {
    server = await startServer();
    relationId = await seedRelation(server, { name: "Zorggroep De Linde", visitPostcode: "3511 AA", visitCity: "Utrecht", status: "prospect" });
    await inject(server, `/api/relations/${relationId}/persons`, { firstName: "Petra", lastName: "Bakker", jobTitle: "Directeur", dmuRoles: ["decider"] });
    productId = (await inject(server, "/api/products", { code: "SCH-01", name: "Kantoorschoonmaak dagelijks", unit: "m2", listPriceCents: 1250 })).id;
    await addUser(server.database.handle.db, { ...COLLEAGUE, role: "field_sales", rayonNames: ["Noord-Holland"] }, new Date());
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pages = pageTracker(() => browser, () => server.url);
  const closePage = async () => expect(await pages.close()).toEqual([]);

  it("creates a quote through the advice, shows it in the forecast, and moves the forecast when its chance changes", async () => {
    const { page } = await pages.open();
    await logIn(page);

    // From the relation's quotes tab to a new quote: the advice comes first.
    await page.goto(`/relations/${relationId}`);
    await page.getByRole("tab", { name: "Offertes" }).click();
    await page.getByRole("link", { name: "Nieuwe offerte" }).click();
    await page.getByRole("heading", { name: "Offreren of niet?", level: 2 }).waitFor();
    await page.getByText("Petra Bakker").waitFor(); // the decider Koers found among the persons

    await page.getByRole("radiogroup", { name: /echte oplossing/ }).getByRole("radio", { name: "Ja" }).check();
    await page.getByRole("radiogroup", { name: /budget/ }).getByRole("radio", { name: "Ja" }).check();
    await page.getByRole("textbox", { name: "Kans op de order, op feiten" }).fill("60");
    // Picked by its Dutch name, typed in part.
    await page.getByRole("combobox", { name: "Verwachte beslismaand" }).fill(dutchMonth(decisionMonth).slice(0, 3));
    await page.getByRole("option", { name: dutchMonth(decisionMonth) }).click();
    await page.getByRole("button", { name: "Advies vragen" }).click();
    await page.getByText("Alle vijf de criteria zijn in orde: maak de offerte.").waitFor();
    await page.getByRole("button", { name: "Verder naar de offerte" }).click();

    // The quote: one line of 100 m² at the list price of € 12,50, amount computed as it is typed.
    await page.getByRole("combobox", { name: "Product, regel 1" }).fill("kantoor");
    await page.getByRole("option", { name: /SCH-01/ }).click();
    const quantity = page.getByRole("textbox", { name: "Aantal, regel 1" });
    await quantity.fill("100");
    await expect.poll(() => page.getByRole("row", { name: /^Totaal/ }).textContent()).toMatch(/€\s1\.250,00/);
    expect(await page.getByRole("textbox", { name: "Kans (vk%)" }).inputValue()).toBe("60 %"); // taken from the advice
    await page.getByRole("button", { name: "Offerte opslaan" }).click();

    await page.getByRole("heading", { name: "Offerte OV1-1 — Zorggroep De Linde", level: 1 }).waitFor();
    const quoteUrl = new URL(page.url()).pathname;
    // The quote's page: the line's VAT rate and the totals excluding and including VAT.
    await expect.poll(() => page.getByRole("row", { name: /^Btw 21 % over/ }).textContent()).toMatch(/€\s1\.250,00.*€\s262,50/);
    await expect.poll(() => page.getByRole("row", { name: /^Totaal inclusief btw/ }).textContent()).toMatch(/€\s1\.512,50/);

    // Forecast: 60 % of € 1.250,00 and of 100 m² in the decision month, the volume with its unit.
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Offertes" }).click();
    await page.getByRole("navigation", { name: "Onderdelen van Offertes" }).getByRole("link", { name: "Forecast" }).click();
    await page.getByRole("heading", { name: "Forecast", level: 1 }).waitFor();
    await expect.poll(() => forecastRow(page, decisionMonth)).toMatch(/60\sm².*€\s750,00/);

    // Lower the chance on the quote's page; the forecast of that month follows.
    await page.goto(quoteUrl);
    await page.getByRole("button", { name: "Kans en beslismaand wijzigen" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Kans (vk%)" }).fill("20");
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("20 %", { exact: true }).waitFor();

    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Offertes" }).click();
    await page.getByRole("navigation", { name: "Onderdelen van Offertes" }).getByRole("link", { name: "Forecast" }).click();
    await expect.poll(() => forecastRow(page, decisionMonth)).toMatch(/20\sm².*€\s250,00/);
    await closePage();
  });

  it("shows a colleague no edit controls on another rep's quote and contact moment, but the reason", async () => {
    const quote = await inject(server, "/api/quotes", { relationId, probability: 40, decisionMonth, lines: [{ productId, quantity: 10 }] });
    await inject(server, `/api/relations/${relationId}/activities`, { kind: "visit", notes: "Rondleiding met Petra" });
    const { page } = await pages.open();
    await logInAs(page, COLLEAGUE, LANDING.field_sales);

    await page.goto(`/quotes/${quote.id}`);
    await page.getByRole("heading", { name: /Zorggroep De Linde/, level: 1 }).waitFor();
    await page.getByText("Alleen de eigen verkoper (Anna de Vries), zijn binnendienst of een manager kan deze offerte wijzigen.").waitFor();
    for (const name of ["Kans en beslismaand wijzigen", "Regels bewerken", "Versturen"]) expect(await page.getByRole("button", { name }).count(), name).toBe(0);
    await page.getByRole("link", { name: "Afdrukken" }).waitFor(); // reading and printing stay open

    await page.goto(`/relations/${relationId}`);
    await page.getByRole("tab", { name: "Contactmomenten" }).click();
    await page.getByText("Rondleiding met Petra").waitFor();
    await page.getByText("Alleen wie erbij was of het vastlegde, hun binnendienst of een manager kan dit contactmoment wijzigen.").first().waitFor();
    expect(await page.getByRole("button", { name: /^Bewerken:/ }).count()).toBe(0);
    await closePage();
  });
});
