// The relations screens in a real browser against a real server: log in, find a relation by
// type-ahead, edit it, see the change and find it still there after a reload; and a field message
// beside the postcode of a form.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eServer, launchBrowser, logIn, pageTracker, seedRelation, startServer } from "./support.js";

describe("relations in the browser", () => {
  let server: E2eServer;
  let browser: Browser;
  let zonnebloemId: number;

  beforeAll(async () => {
    server = await startServer();
    zonnebloemId = await seedRelation(server, {
      name: "Schoonmaakbedrijf De Zonnebloem",
      visitStreet: "Damrak",
      visitHouseNumber: "1",
      visitPostcode: "1012 LG",
      visitCity: "Amsterdam",
      status: "prospect",
      accountClass: "B",
    });
    await seedRelation(server, { name: "Kantoorhuis Noord", visitPostcode: "9711 AA", visitCity: "Groningen" });
    await seedRelation(server, { name: "Zorggroep Zuid", visitPostcode: "5611 AA", visitCity: "Eindhoven", status: "customer" });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pages = pageTracker(() => browser, () => server.url);
  const open = pages.open;
  const closePage = async () => expect(await pages.close()).toEqual([]);

  it("finds a relation by type-ahead, saves a changed city, and still shows it after a reload", async () => {
    const { page } = await open();
    await logIn(page);
    const rows = page.getByRole("row");
    await expect.poll(() => rows.count()).toBe(4); // header + three relations

    await page.getByRole("searchbox", { name: "Zoeken" }).fill("zonneb");
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("zonneb");
    await page.getByRole("link", { name: "Schoonmaakbedrijf De Zonnebloem" }).click();

    await page.getByRole("heading", { name: "Schoonmaakbedrijf De Zonnebloem", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/relations/${zonnebloemId}`);
    await page.getByRole("link", { name: "Relatie bewerken" }).click();

    const city = page.getByRole("textbox", { name: "Plaats", exact: true });
    await expect.poll(() => city.inputValue()).toBe("Amsterdam");
    await city.fill("Haarlem");
    await page.getByRole("button", { name: "Opslaan" }).click();

    await page.getByRole("heading", { name: "Schoonmaakbedrijf De Zonnebloem", level: 1 }).waitFor();
    await page.getByText(/1012 LG\s+Haarlem/).waitFor();
    await page.reload();
    await page.getByText(/1012 LG\s+Haarlem/).waitFor();
    await expect.poll(() => page.getByText(/Amsterdam/).count()).toBe(0);
    await closePage();
  });

  it("shows the server's message beside the postcode field when the postcode is not Dutch", async () => {
    const { page } = await open();
    await logIn(page);
    await page.getByRole("link", { name: "Nieuwe relatie" }).click();
    await page.getByRole("heading", { name: "Nieuwe relatie", level: 1 }).waitFor();

    await page.getByRole("textbox", { name: "Naam", exact: true }).fill("Bakkerij Het Wapen");
    const postcode = page.getByRole("textbox", { name: "Postcode", exact: true });
    await postcode.fill("12345");
    await page.getByRole("button", { name: "Opslaan" }).click();

    const message = page.getByText("Geen geldige Nederlandse postcode (bijvoorbeeld 1234 AB)");
    await message.waitFor();
    // "Beside the field": the input is marked invalid and described by exactly this message.
    expect(await postcode.getAttribute("aria-invalid")).toBe("true");
    const messageId = await message.getAttribute("id");
    expect(messageId).toBeTruthy();
    expect((await postcode.getAttribute("aria-describedby"))?.split(" ")).toContain(messageId);
    // Nothing was saved: still on the form.
    expect(new URL(page.url()).pathname).toBe("/relations/new");
    await closePage();
  });
});
