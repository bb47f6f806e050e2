// The quote that can go to a customer, in a real browser: an administrator fills in the company's
// details on the "Bedrijf" settings page (a wrong IBAN is named in Dutch beside its field) and
// uploads a logo; a rep opens a quote, presses "Afdrukken" and the letter is printed to PDF by
// Chromium, the way Ctrl+P prints it, on A4 pages —
// one page for a short quote, two when the lines need two — with the company's name and the totals
// per VAT rate. Screenshots of the page (1280 and 390 px) and of the letter go to test-results/.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/features/users/user.service.js";
import { PROJECT_ROOT } from "../../src/server/paths.js";
import { type E2eServer, LANDING, launchBrowser, logInAs, pageTracker, startServer, USER } from "./support.js";

const ADMIN = { email: "beheer@koers.test", name: "Bea Beheer", password: "another horse battery" } as const;
const SHOTS = join(PROJECT_ROOT, "test-results", "quote-letter");
const COMPANY = "Glansrijk Facilitaire Diensten B.V.";

/**
 * Pages of a PDF as Chromium writes it: its page tree's root says /Count n. (No PDF text library is
 * installed; the text is checked in the printed page's DOM, and the document title in the PDF.)
 */
function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString("latin1");
  const leaves = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  expect(counts.length, "a page tree").toBeGreaterThan(0);
  expect(Math.max(...counts)).toBe(leaves);
  return leaves;
}

/** The /Title of the PDF's information dictionary (a literal string, or UTF-16BE in hex). */
function pdfTitle(pdf: Buffer): string {
  const text = pdf.toString("latin1");
  const hex = /\/Title\s*<([0-9A-Fa-f]+)>/.exec(text);
  if (hex) return Buffer.from(hex[1] as string, "hex").subarray(2).swap16().toString("utf16le");
  const literal = /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(text);
  return literal ? (literal[1] as string).replace(/\\(.)/g, "$1") : "";
}

/** The letter's text as laid out (table cells apart), with runs of white space as one space. */
async function printedText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: textContent runs table cells together; innerText keeps them apart as a reader sees them
  const text = await page.locator("body").innerText();
  return text.replace(/\s+/g, " ");
}

describe("the quote letter in the browser", () => {
  let server: E2eServer;
  let browser: Browser;
  const pages = pageTracker(
    () => browser,
    () => server.url,
  );
  const api = async (method: "POST" | "GET", url: string, payload?: object) => {
    const res = await server.app.inject({ method, url, headers: server.headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    await addUser(server.database.handle.db, { ...ADMIN, role: "admin", profitResponsible: true, rayonNames: [] }, new Date());
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("an administrator fills in the company details and the logo; a wrong IBAN is named in Dutch", async () => {
    const { page } = await pages.open();
    // A real PNG to upload: Chromium draws the logo.
    const drawing = await browser.newPage({ viewport: { width: 360, height: 90 } });
    await drawing.setContent(`<div style="font:bold 40px Arial;color:#1c4e80;padding:18px 12px">✦ Glansrijk</div>`);
    const logo = await drawing.screenshot({ type: "png" });
    await drawing.close();

    await logInAs(page, ADMIN, LANDING.admin);
    await page.getByRole("link", { name: "Instellingen" }).click();
    await page.getByRole("tab", { name: "Bedrijf" }).click();
    await page.waitForURL(/\/settings\/company$/);
    await page.getByLabel("Statutaire naam").fill(COMPANY);
    await page.getByLabel("KvK-nummer").fill("30123456");
    await page.getByLabel("Btw-identificatienummer").fill("NL004495445B01");
    await page.getByLabel("IBAN").fill("NL92 ABNA 0417 1643 00");
    await page.getByLabel("Straat en huisnummer", { exact: true }).fill("Catharijnesingel 53");
    await page.getByRole("group", { name: "Bezoekadres" }).getByLabel("Postcode").fill("3511 GC");
    await page.getByRole("group", { name: "Bezoekadres" }).getByLabel("Plaats").fill("Utrecht");
    await page.getByLabel("Telefoon").fill("030 123 45 67");
    await page.getByLabel("E-mailadres").fill("offertes@glansrijk.nl");
    await page.getByLabel("Website").fill("www.glansrijk.nl");
    await page.getByLabel("Betalingstermijn").fill("14");
    await page.getByLabel("Slottekst van de offerte").fill("Wij zien uw opdracht graag tegemoet en staan klaar om te beginnen.");
    await page.getByRole("button", { name: "Bedrijfsgegevens opslaan" }).click();
    await page.getByText("Geen geldig IBAN: controleer de cijfers").waitFor();

    await page.getByLabel("IBAN").fill("NL91 ABNA 0417 1643 00");
    await page.getByRole("button", { name: "Bedrijfsgegevens opslaan" }).click();
    await page.getByText("Opgeslagen").waitFor();
    await expect.poll(() => page.getByLabel("IBAN").inputValue()).toBe("NL91 ABNA 0417 1643 00");

    // A text file dressed as a PNG is refused by the server, in Dutch, beside the logo.
    const fileInput = page.locator('input[type="file"]');
    await fileInput.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("dit is geen afbeelding") });
    await page.getByRole("button", { name: "Logo uploaden" }).click();
    await page.getByText("Het logo moet een PNG- of JPEG-afbeelding zijn").waitFor();
    await fileInput.setInputFiles({ name: "glansrijk.png", mimeType: "image/png", buffer: logo });
    await page.getByRole("button", { name: "Logo uploaden" }).click();
    await page.getByRole("img", { name: "Huidig logo" }).waitFor();

    await page.reload();
    await expect.poll(() => page.getByLabel("Statutaire naam").inputValue()).toBe(COMPANY);
    await page.screenshot({ path: join(SHOTS, "settings-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // The navigation slides away at phone width; once it is gone nothing may stick out to the side.
    await expect.poll(() => page.getByRole("link", { name: "Relaties" }).evaluate((a) => a.getBoundingClientRect().right)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), "no horizontal scrolling at 390 px").toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, "settings-390.png"), fullPage: true });
    expect(await pages.close()).toEqual([]);
  }, 90_000);

  it("prints a quote as the company's A4 letter: one page for a short quote, two when the lines need two", async () => {
    const cleaning = (await api("POST", "/api/products", { code: "SCH-01", name: "Kantoorschoonmaak", unit: "m2", listPriceCents: 250 })).id;
    const book = (await api("POST", "/api/products", { code: "BOEK-01", name: "Hygiënehandboek", unit: "stuk", listPriceCents: 2000, vatCategory: "low" })).id;
    const relation = (await api("POST", "/api/relations", { name: "Bakkerij Van Dam", visitStreet: "Dorpsstraat", visitHouseNumber: "1", visitPostcode: "1011AB", visitCity: "Amsterdam" })).id;
    const person = (await api("POST", `/api/relations/${relation}/persons`, { firstName: "Anna", initials: "A", lastName: "de Vries", gender: "v" })).id;
    const quote = async (lineCount: number) => {
      const lines = Array.from({ length: lineCount }, (_, i) =>
        i % 5 === 4
          ? { productId: book, description: `Hygiënehandboek, afdeling ${i + 1}`, quantity: 1 }
          : { productId: cleaning, description: `Schoonmaak verdieping ${i + 1}, dagelijks`, quantity: 100, discountPercent: 5 },
      );
      return api("POST", "/api/quotes", { relationId: relation, contactPersonId: person, probability: 50, decisionMonth: "2027-06", title: "Schoonmaak kantoorpand", lines });
    };
    const short = await quote(5);
    const long = await quote(30);

    const { page: app, context } = await pages.open();
    await logInAs(app, USER, LANDING.field_sales);
    let page = app;
    /** As a rep does it: the quote's page, "Afdrukken" (a new tab with the letter), then print. */
    const print = async (q: { id: number; number: string }) => {
      await app.goto(`/quotes/${q.id}`);
      const opened = context.waitForEvent("page");
      await app.getByRole("link", { name: "Afdrukken" }).click();
      page = await opened;
      await page.getByText("Voor akkoord").waitFor();
      await page.emulateMedia({ media: "print" });
      // Settings the print dialog uses by default: the page size and margins of the page's own @page.
      return page.pdf({ preferCSSPageSize: true, printBackground: true });
    };

    const shortPdf = await print(short);
    writeFileSync(join(SHOTS, "letter-short.pdf"), shortPdf);
    expect(pdfPageCount(shortPdf)).toBe(1);
    expect(pdfTitle(shortPdf)).toContain(COMPANY);
    // 4 × 100 m2 × € 2,50 − 5 % = € 950,00 at 21 %; 1 handbook € 20,00 at 9 %.
    const shortText = await printedText(page);
    // Per VAT rate: the rate, its subtotal and its VAT.
    expect(shortText).toContain("21% € 950,00 € 199,50");
    expect(shortText).toContain("9% € 20,00 € 1,80");
    expect(shortText).toContain("Totaal inclusief btw € 1.171,30");

    const longPdf = await print(long);
    writeFileSync(join(SHOTS, "letter.pdf"), longPdf);
    expect(pdfPageCount(longPdf)).toBe(2);
    expect(pdfTitle(longPdf)).toContain(COMPANY);
    const text = await printedText(page);
    expect(text).toContain(COMPANY);
    expect(text).toContain("Catharijnesingel 53");
    expect(text).toContain("t.a.v. Mevrouw A. de Vries");
    expect(text).toContain(`Offertenummer ${long.number}`);
    // 24 cleaning lines × € 237,50 = € 5.700,00 at 21 % (VAT € 1.197,00); 6 handbooks € 120,00 at 9 % (€ 10,80).
    expect(text).toContain("21% € 5.700,00 € 1.197,00");
    expect(text).toContain("9% € 120,00 € 10,80");
    expect(text).toContain("Totaal inclusief btw € 7.027,80");
    expect(text).toContain("Betaling binnen 14 dagen na factuurdatum op IBAN NL91 ABNA 0417 1643 00");
    expect(await page.getByRole("img", { name: COMPANY }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(text).not.toContain("Koers");
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.screenshot({ path: join(SHOTS, "letter-print.png"), fullPage: true });
    expect(await pages.close()).toEqual([]);
  }, 90_000);
});
