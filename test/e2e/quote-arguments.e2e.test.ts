// The quote's arguments in a real browser at phone width (390 px): the rep gives a product its
// arguments, each tagged with the customer requirement it answers; the quote of a relation that
// requires "milieuvriendelijk" shows that argument in its Argumenten tab and leaves out the other.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { browserSuite, LANDING, logInAs, seedRelation, USER } from "./support.js";

const SHOTS = join(tmpdir(), "koers-screenshots");

describe("the quote's arguments in the browser", () => {
  const { suite, open, closePage } = browserSuite();

  const noSidewaysScroll = async (page: import("playwright-core").Page) =>
    expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  it("lets the rep write a product's arguments and shows on the quote only those the customer requires", async () => {
    const { app, headers } = suite.server;
    // A hard requirement, on which the current supplier does worse than us.
    const relationId = await seedRelation(suite.server, {
      name: "Zorggroep De Linde",
      currentSupplier: "Schoon & Co",
      requirements: [{ label: "Milieuvriendelijk", hard: true, supplierScore: "worse", supplierNote: "Gebruikt chloor" }],
    });
    const product = await app.inject({ method: "POST", url: "/api/products", headers, payload: { code: "GRN-1", name: "Groene kantoorschoonmaak", unit: "m2", listPriceCents: 150 } });
    expect(product.statusCode).toBe(201);
    const quote = await app.inject({ method: "POST", url: "/api/quotes", headers, payload: { relationId, probability: 50, decisionMonth: "2099-03", lines: [{ productId: product.json().id, quantity: 100 }] } });
    expect(quote.statusCode, quote.body).toBe(201);

    const { page } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await logInAs(page, USER, LANDING.field_sales);
    await page.goto("/quotes/products");
    await page.getByRole("heading", { name: "Producten", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Argumenten van Groene kantoorschoonmaak" }).click();
    const dialog = page.getByRole("dialog", { name: "Argumenten van Groene kantoorschoonmaak" });
    await dialog.getByRole("button", { name: "Argument toevoegen" }).click();
    await dialog.getByRole("button", { name: "Argument toevoegen" }).click();
    // An empty argument is named before anything is sent.
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await dialog.getByText("Verplicht veld").first().waitFor();
    await dialog.getByRole("textbox", { name: "Eis van de klant" }).nth(0).fill("milieuvriendelijk");
    await dialog.getByRole("textbox", { name: "Argument", exact: true }).nth(0).fill("Middelen met Europees Ecolabel");
    await dialog.getByRole("textbox", { name: "Eis van de klant" }).nth(1).fill("Goedkoopste");
    await dialog.getByRole("textbox", { name: "Argument", exact: true }).nth(1).fill("Laagste prijs per m2");
    await noSidewaysScroll(page);
    mkdirSync(SHOTS, { recursive: true });
    await dialog.screenshot({ path: join(SHOTS, "product-arguments-390.png") });
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await dialog.waitFor({ state: "detached" });

    await page.goto(`/quotes/${quote.json().id}`);
    await page.getByRole("tab", { name: "Argumenten" }).click();
    const panel = page.getByTestId("quote-arguments");
    await panel.getByText("Middelen met Europees Ecolabel").waitFor();
    await panel.getByText("1 argument weggelaten", { exact: false }).waitFor();
    expect(await panel.getByText("Laagste prijs per m2").count()).toBe(0);
    const comparison = (await panel.getByTestId("supplier-comparison").textContent()) ?? "";
    expect(comparison).toContain("Vergelijking met de huidige leverancier (Schoon & Co)");
    expect(comparison).toContain("de huidige leverancier doet het slechter — Gebruikt chloor");
    await noSidewaysScroll(page);
    await panel.screenshot({ path: join(SHOTS, "quote-arguments-390.png") });
    await closePage();
  });
});
