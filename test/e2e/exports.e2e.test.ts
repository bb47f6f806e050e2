// Everyday Dutch files and screens in a real browser: a CSV that Dutch Excel opens right (and the
// "," choice for other programs), remembered in the export menu.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { browserSuite, logIn, seedRelation } from "./support.js";

describe("Dutch files and screens in the browser", () => {
  const { suite, open, closePage } = browserSuite();

  it("exports CSV with ; and decimal commas by default, and with , and points when the user chooses so", async () => {
    await seedRelation(suite.server, { name: "Glazenwasserij Helder", visitPostcode: "9711 AA", visitCity: "Groningen", revenuePotentialCents: 1_450_050, contractEndDate: "2026-12-31" });
    const { page } = await open();
    await logIn(page);
    await page.getByRole("searchbox", { name: "Zoeken" }).fill("glazenwasserij helder");
    await expect.poll(() => page.getByRole("row").count()).toBe(2);

    const downloadCsv = async () => {
      const download = page.waitForEvent("download");
      await page.getByRole("menuitem", { name: "Relaties als CSV" }).click();
      const text = await readFile(await (await download).path(), "utf8");
      expect(text.charCodeAt(0)).toBe(0xfeff);
      return text.slice(1);
    };
    const cell = (rows: string[][], name: string) => rows[1]?.[rows[0]?.indexOf(name) ?? -1];

    await page.getByRole("button", { name: "Exporteren" }).click();
    const dutch: string[][] = parse(await downloadCsv(), { delimiter: ";" });
    expect(cell(dutch, "Status")).toBe("Suspect");
    expect(cell(dutch, "Omzetpotentieel")).toBe("14500,50");
    expect(cell(dutch, "Einddatum contract")).toBe("31-12-2026");

    await page.getByRole("button", { name: "Exporteren" }).click();
    const intlChoice = page.getByRole("menuitem", { name: ", en decimale punt (internationaal)" });
    await intlChoice.click();
    await expect.poll(() => intlChoice.getAttribute("aria-description")).toBe("gekozen");
    const international: string[][] = parse(await downloadCsv(), { delimiter: "," });
    expect(cell(international, "Omzetpotentieel")).toBe("14500.50");
    expect(cell(international, "Einddatum contract")).toBe("2026-12-31");
    await closePage();
  });

  it("shows the change log as Dutch sentences with names, labels and local times", async () => {
    const id = await seedRelation(suite.server, { name: "Logboek Schoonmaak", visitCity: "Amsterdam" });
    const patched = await suite.server.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: { ...suite.server.headers, "if-match": '"1"' }, payload: { visitCity: "Utrecht" } });
    expect(patched.statusCode, patched.body).toBe(200);
    const me = await suite.server.app.inject({ method: "GET", url: "/api/session", headers: suite.server.headers });
    const followUp = await suite.server.app.inject({
      method: "POST",
      url: `/api/relations/${id}/followups`,
      headers: suite.server.headers,
      payload: { action: "Offerte nabellen", dueDate: "2026-12-10", assignedTo: me.json().user.id },
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const { page } = await open();
    await logIn(page);
    await page.goto(`/relations/${id}`);
    await page.getByRole("tab", { name: "Wijzigingen" }).click();
    const log = page.getByRole("list", { name: "Wijzigingen" });
    await log.getByText("Anna de Vries veranderde Plaats van de relatie van Amsterdam in Utrecht.").waitFor();
    await log.getByText("Anna de Vries zette Datum van de vervolgactie op 10-12-2026.").waitFor();
    await log.getByText("Anna de Vries zette Toegewezen aan van de vervolgactie op Anna de Vries.").waitFor();
    const text = (await log.textContent()) ?? "";
    expect(text).not.toMatch(/follow_up|assigned_to|\d{4}-\d{2}-\d{2}T/);
    await closePage();
  });

  it("shows and takes dates as dd-mm-jjjj with Dutch month names in an American browser", async () => {
    const context = await suite.browser.newContext({ baseURL: suite.server.url, viewport: { width: 1280, height: 900 }, locale: "en-US", timezoneId: "America/New_York" });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await logIn(page);
      await page.goto("/quotes/hit-ratio");
      const from = page.getByRole("textbox", { name: "Beslist vanaf" });
      await from.fill("1-10-2026");
      await from.blur();
      await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBe("2026-10-01");
      expect(await from.inputValue()).toBe("01-10-2026");
      await from.click();
      await page.getByRole("button", { name: "oktober 2026", exact: true }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
