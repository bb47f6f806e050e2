// Territories and geocoding in a real browser: a sales manager draws a rayon from postcode ranges,
// lets Koers propose sub-areas for a three-week cycle and saves them; a relation's page says where
// its location comes from and how precise it is.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/features/users/user.service.js";
import { type E2eServer, launchBrowser, logIn, pageTracker, seedRelation, startServer } from "./support.js";

const MANAGER = { email: "chef@koers.test", name: "Chef Verkoop", password: "another horse battery" } as const;
const AREAS = ["1011", "1012", "1013", "1014", "1015", "1016", "1017", "1018", "1019", "1021", "1022", "1023"];

describe("territories in the browser", () => {
  let server: E2eServer;
  let browser: Browser;
  let relationId: number;
  const pages = pageTracker(
    () => browser,
    () => server.url,
  );

  beforeAll(async () => {
    server = await startServer();
    await addUser(server.database.handle.db, { ...MANAGER, role: "sales_manager", rayonNames: [] }, new Date());
    for (const [i, area] of AREAS.entries()) {
      const id = await seedRelation(server, { name: `Amsterdam ${i}`, visitPostcode: `${area} AB`, visitCity: "Amsterdam", status: "prospect", accountClass: i % 3 === 0 ? "A" : "B" });
      if (i === 0) relationId = id;
    }
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a manager draws a rayon, gets sub-areas proposed for a three-week cycle and saves them", async () => {
    const { page } = await pages.open();
    await page.goto("/");
    await page.getByLabel("E-mailadres").fill(MANAGER.email);
    await page.getByLabel("Wachtwoord").fill(MANAGER.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByRole("link", { name: "Instellingen" }).click();
    await page.getByRole("heading", { name: "Rayons en deelgebieden" }).waitFor();
    await page.getByRole("combobox", { name: "Rayon" }).click();
    await page.getByRole("option", { name: "Noord-Holland" }).click();
    const ranges = page.getByLabel("Postcodegebieden");
    await ranges.fill("1000-10xx");
    await page.getByRole("button", { name: "Postcodegebieden opslaan" }).click();
    await page.getByText("„1000-10xx” is geen postcodegebied").waitFor();
    await ranges.fill("1000-1099");
    await page.getByRole("button", { name: "Postcodegebieden opslaan" }).click();
    await page.getByText("12 relaties in dit rayon").waitFor();
    await page.getByText("3 weken").click();
    await page.getByRole("button", { name: "Deelgebieden voorstellen" }).click();
    const table = page.getByTestId("sub-area-proposal");
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(15);
    await page.getByRole("button", { name: "Deelgebieden opslaan" }).click();
    await page.getByText("15 deelgebieden opgeslagen").waitFor();
    await page.getByText("Nu vastgelegd: 15 deelgebieden in een cyclus van 3 weken").waitFor();
    expect(await pages.close()).toEqual([]);
  }, 90_000);

  it("a relation's page says its location is the centre of its postcode area, and how precise", async () => {
    const { page } = await pages.open();
    await logIn(page);
    await page.goto(`/relations/${relationId}`);
    const note = page.getByTestId("relation-geo");
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^Midden van postcodegebied 1011, ± \d+ m$/);
    expect(await pages.close()).toEqual([]);
  }, 60_000);
});
