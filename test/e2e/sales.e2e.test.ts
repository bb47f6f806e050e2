// The sales information system in a real browser against a real server: a manager imports invoice
// lines through /sales/import (a bad file first: its problem by row and column, nothing written;
// then the good one, committed) and sees revenue per rayon in the report; a field rep sees the own
// debtors on the dashboard and other rayons only as totals, and is never offered gross margin; at
// phone width the dashboard and the report do not overflow the page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/features/users/user.service.js";
import { type E2eServer, LANDING, launchBrowser, logIn, logInAs, openPage, pageTracker, startServer } from "./support.js";

const MANAGER = { email: "marco.verhoeven@koers.test", name: "Marco Verhoeven", password: "correct horse battery" } as const;

/** This month and the same month a year earlier (Amsterdam), as the first day: never in the future. */
function months(): { now: string; yearAgo: string } {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit" }).format(new Date());
  const [y, m] = today.split("-") as [string, string];
  return { now: `01-${m}-${y}`, yearAgo: `01-${m}-${Number(y) - 1}` };
}

const HEADER = "factuur;regel;datum;debiteur;postcode;artikel;aantal;omzet;kostprijs;verkoper;rayon";
const { now, yearAgo } = months();
// Bakkerij Noord (the rep's own rayon) buys less than last year; Kantoor Utrecht (another rayon) more.
const LINES = [
  `F-1001;1;${now};Bakkerij Noord;1011 AB;SCH-KANT;100;1.000,00;700,00;Anna de Vries;Noord-Holland`,
  `F-1002;1;${now};Kantoor Utrecht;3511 AB;GLS-BIN;50;2.500,00;1.500,00;Piet Jansen;Utrecht`,
  `F-0901;1;${yearAgo};Bakkerij Noord;1011 AB;SCH-KANT;150;1.500,00;1.000,00;Anna de Vries;Noord-Holland`,
  `F-0902;1;${yearAgo};Kantoor Utrecht;3511 AB;GLS-BIN;40;2.000,00;1.200,00;Piet Jansen;Utrecht`,
];
const csv = (lines: string[]) => Buffer.from(`${[HEADER, ...lines].join("\r\n")}\r\n`, "utf8");
const BAD_FILE = csv([LINES[0] as string, "F-1003;1;31-13-2026;Bakkerij Noord;1011 AB;SCH-KANT;1;10,00;7,00;Anna de Vries;Noord-Holland", ...LINES.slice(1)]);
const GOOD_FILE = csv(LINES);

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Bestand kiezen" }).click();
  await (await chooser).setFiles({ name, mimeType: "text/csv", buffer });
}

const salesNav = (page: Page) => page.getByRole("navigation", { name: "Verkooppagina's" });
const cellsOf = async (page: Page, table: string, rowText: string) =>
  page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: rowText }).getByRole("cell").allTextContents();
/** Intl puts a no-break space between € and the amount. */
const plain = (texts: string[]) => texts.map((s) => s.replace(/\u00a0/g, " ").trim());

async function noHorizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

describe("sales figures in the browser", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await addUser(server.database.handle.db, { ...MANAGER, role: "sales_manager", profitResponsible: true, rayonNames: [] }, new Date());
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pages = pageTracker(() => browser, () => server.url);
  const closePage = async () => expect(await pages.close()).toEqual([]);

  it("imports sales lines as a manager: a problem by row and column first, then the good file, and revenue per rayon in the report", async () => {
    const { page } = await pages.open();
    await logInAs(page, MANAGER, LANDING.sales_manager);
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Verkoop" }).click();
    await page.getByRole("heading", { name: "Verkoop — het team", level: 1 }).waitFor();
    await salesNav(page).getByRole("link", { name: "Importeren" }).click();
    await page.getByRole("heading", { name: "Verkoopcijfers importeren", level: 1 }).waitFor();

    // Unknown debtors, products, reps and the rayon Utrecht are created; the bad date is not.
    await page.getByRole("switch", { name: "Ontbrekende aanmaken" }).check();
    await chooseFile(page, "verkoop-fout.csv", BAD_FILE);
    await page.getByText("Fouten gevonden").first().waitFor();
    expect(new URL(page.url()).searchParams.get("import")).toMatch(/^\d+$/);
    await page.getByText("Herkend aan de kolomkoppen").waitFor();
    const problem = await cellsOf(page, "Fouten per regel en kolom", "Geen geldige datum");
    expect(problem).toEqual(["3", "datum", "Geen geldige datum: “31-13-2026” (bijvoorbeeld 15-03-2025)"]);
    expect(await page.locator('[data-count="problems"]').textContent()).toBe("1");
    expect(await page.getByRole("button", { name: "Importeren", exact: true }).count()).toBe(0);

    await page.getByRole("button", { name: "Ander bestand" }).click();
    await page.getByRole("switch", { name: "Ontbrekende aanmaken" }).check();
    await chooseFile(page, "verkoop.csv", GOOD_FILE);
    await page.getByText("Geen fouten gevonden").waitFor();
    expect(await page.locator('[data-count="new"]').textContent()).toBe("4");
    expect(await page.locator('[data-count="unknown-debtors"]').textContent()).toBe("2");
    await page.getByRole("button", { name: "Importeren", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Import voltooid" }).waitFor();
    expect(await page.locator('[data-count="created"]').textContent()).toBe("4");

    await page.getByRole("link", { name: "Bekijk de omzet per rayon" }).click();
    await page.getByRole("heading", { name: "Verkooprapport", level: 1 }).waitFor();
    const table = page.getByRole("table", { name: "Verkoopcijfers" });
    await table.getByRole("row").filter({ hasText: "Utrecht" }).waitFor();
    expect(plain(await cellsOf(page, "Verkoopcijfers", "Utrecht"))).toEqual(["Utrecht", "€ 2.500,00", "€ 2.000,00", "+25,0 %"]);
    expect(plain(await cellsOf(page, "Verkoopcijfers", "Noord-Holland"))).toEqual(["Noord-Holland", "€ 1.000,00", "€ 1.500,00", "−33,3 %"]);
    // A manager with profit responsibility is offered the margin.
    await page.getByText("Brutowinst", { exact: true }).waitFor();
    await closePage();
  });

  it("shows a field rep the own debtors and other rayons as totals only, without margin, also at phone width", async () => {
    const { page } = await pages.open();
    await logIn(page);
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Verkoop" }).click();
    await page.getByRole("heading", { name: "Verkoop — mijn rayon", level: 1 }).waitFor();

    const buyingLess = page.getByRole("list", { name: "Klanten die minder kopen dan vorig jaar" });
    await buyingLess.getByRole("link", { name: /Bakkerij Noord/ }).waitFor();
    expect(await page.getByText("Kantoor Utrecht").count()).toBe(0);
    // Beside the own rayon, the other rayon's total (and no detail of it).
    const targets = "Omzet tegen doel per rayon";
    await page.getByRole("table", { name: targets }).getByRole("row").filter({ hasText: "Utrecht" }).waitFor();
    expect(plain(await cellsOf(page, targets, "Utrecht")).slice(0, 2)).toEqual(["Utrecht", "€ 2.500"]);
    expect(plain(await cellsOf(page, targets, "Noord-Holland")).slice(0, 2)).toEqual(["Noord-Hollandjouw rayon", "€ 1.000"]);

    // The report offers no margin, and a shared link asking for it shows none.
    await page.goto("/sales/report?m=revenue,margin&d=debtor&cmp=0");
    await page.getByRole("heading", { name: "Verkooprapport", level: 1 }).waitFor();
    const report = page.getByRole("table", { name: "Verkoopcijfers" });
    await report.getByRole("row").filter({ hasText: "Bakkerij Noord" }).waitFor();
    expect(await page.getByText("Brutowinst").count()).toBe(0);
    expect(await page.getByText("Marge %").count()).toBe(0);
    expect(await report.getByRole("columnheader").allTextContents()).toEqual(["Debiteur", "Omzet"]);
    expect(await report.getByText("Kantoor Utrecht").count()).toBe(0);
    await closePage();

    // At 390 px wide the page itself never scrolls sideways (tables scroll inside their own box).
    const phone = await openPage(browser, server.url);
    await phone.page.setViewportSize({ width: 390, height: 844 });
    await logIn(phone.page);
    await phone.page.goto("/sales");
    await phone.page.getByRole("list", { name: "Klanten die minder kopen dan vorig jaar" }).getByRole("link", { name: /Bakkerij Noord/ }).waitFor();
    await phone.page.getByRole("list", { name: "Omzet tegen doel per rayon" }).waitFor();
    const dashboard = await noHorizontalOverflow(phone.page);
    expect(dashboard.scrollWidth).toBeLessThanOrEqual(dashboard.innerWidth);
    await phone.page.goto("/sales/report?m=revenue,volume,customers&d=rayon,month&cmp=1");
    await phone.page.getByRole("table", { name: "Verkoopcijfers" }).waitFor();
    const report390 = await noHorizontalOverflow(phone.page);
    expect(report390.scrollWidth).toBeLessThanOrEqual(report390.innerWidth);
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });
});
