// Importing a quote list from the quotes page: a wrong file names every bad cell and imports
// nothing; the right file imports and its quotes appear in the list.
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/server/paths.js";
import { type E2eServer, launchBrowser, logIn, pageTracker, startServer } from "./support.js";

const FIXTURES = join(PROJECT_ROOT, "src", "features", "quotes", "fixtures");

describe("quote list import in the browser", () => {
  let server: E2eServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const pages = pageTracker(() => browser, () => server.url);

  it("shows the bad cells of a wrong file, then imports the right one", async () => {
    const { page } = await pages.open();
    await logIn(page);
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Offertes" }).click();
    await page.getByRole("button", { name: "Offertelijst importeren" }).click();
    const dialog = page.getByRole("dialog", { name: "Offertelijst importeren" });
    await dialog.getByLabel("Referentiedatum").fill("2026-11-27");

    const chooseFile = async (name: string) => {
      const chooser = page.waitForEvent("filechooser");
      await dialog.getByLabel("Bestand (CSV of XLSX)").click();
      await (await chooser).setFiles(join(FIXTURES, name));
    };
    await chooseFile("quotes-errors.csv");
    await dialog.getByRole("button", { name: "Importeren" }).click();
    await dialog.getByText("Er is niets geïmporteerd.", { exact: false }).waitFor();
    await expect.poll(() => dialog.getByRole("row").filter({ hasText: "Bedrag" }).count()).toBeGreaterThan(0);

    await chooseFile("quotes-nl.csv");
    await dialog.getByRole("button", { name: "Importeren" }).click();
    await dialog.getByText("5 offertes nieuw", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Sluiten" }).click();
    await expect.poll(() => page.getByRole("row").count()).toBeGreaterThan(5);
    expect(await pages.close()).toEqual([]);
  });
});
