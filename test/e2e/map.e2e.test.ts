// The map in a real browser: the relations of the demo-like company on the map of the Netherlands,
// filtered by class, a click on a point opens the relation; those without a location are listed; on
// a phone the page fits the screen.
import { describe, expect, it } from "vitest";
import { browserSuite, logIn, seedRelation } from "./support.js";

describe("the map in the browser", () => {
  const { suite, open, closePage } = browserSuite();

  it("shows relations as points, filters by class, opens a relation by its point, and lists those without a location", async () => {
    await seedRelation(suite.server, { name: "Kaart Groningen BV", visitPostcode: "9711 AA", visitCity: "Groningen", status: "prospect", accountClass: "B" });
    await seedRelation(suite.server, { name: "Kaart Utrecht BV", visitPostcode: "3511 AB", visitCity: "Utrecht", status: "customer", accountClass: "A" });
    await seedRelation(suite.server, { name: "Kaart Maastricht BV", visitPostcode: "6211 AB", visitCity: "Maastricht", status: "prospect", accountClass: "C" });
    await seedRelation(suite.server, { name: "Kaart Zonder Adres BV", status: "suspect", accountClass: "B" });

    const { page } = await open();
    await logIn(page);
    await page.getByRole("navigation").getByRole("link", { name: "Kaart", exact: true }).click();
    await page.getByRole("heading", { name: "Kaart", level: 1 }).waitFor();
    const summary = page.getByTestId("map-summary");
    await expect.poll(() => summary.textContent()).toBe("3 relaties op de kaart");
    await page.getByRole("img", { name: "Kaart van Nederland met 3 relaties" }).waitFor();
    expect(await page.locator("[data-testid=nl-map] canvas").count()).toBeGreaterThan(0);
    await page.getByRole("heading", { name: "Zonder adres/coördinaten (1)" }).waitFor();
    await page.getByRole("link", { name: "Kaart Zonder Adres BV" }).waitFor();

    // Class A only: one point left, in the middle of the view (the map fits itself to its points).
    await page.getByRole("combobox", { name: "Klasse" }).click();
    await page.getByRole("option", { name: "A", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect.poll(() => summary.textContent()).toBe("1 relatie op de kaart");
    expect(new URL(page.url()).searchParams.getAll("class")).toEqual(["A"]);
    await page.getByRole("heading", { name: "Zonder adres/coördinaten (0)" }).waitFor();

    const box = await page.getByTestId("nl-map").boundingBox();
    if (!box) throw new Error("the map has no box");
    // Hovering the point names the relation in the tooltip (once ECharts has drawn the new option).
    await expect
      .poll(async () => {
        await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 40);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        return page.getByTestId("nl-map").textContent();
      })
      .toContain("Kaart Utrecht BV");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByRole("heading", { name: "Kaart Utrecht BV", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/relations\/\d+$/);
    await closePage();
  }, 90_000);

  it("fits a phone screen: no horizontal scrolling, the map as wide as the page", async () => {
    const { page } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page);
    await page.goto("/map");
    await page.getByRole("heading", { name: "Kaart", level: 1 }).waitFor();
    await page.getByTestId("map-summary").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    const box = await page.getByTestId("nl-map").boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await closePage();
  }, 60_000);
});
