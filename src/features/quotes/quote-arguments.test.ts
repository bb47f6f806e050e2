import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { makeProduct, makeRelation, quoteApi } from "./quote-test-fixtures.js";

describe.each(ENGINES)("the quote's arguments on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  let buyer: { id: number; headers: Record<string, string> };
  let productId: number;
  let plainProductId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales");
    buyer = await t.userWithRole("purchasing");
    productId = await makeProduct(t, rep.headers, { code: "ARG-1", name: "Kantoorschoonmaak Groen", unit: "m2", listPriceCents: 150 });
    plainProductId = await makeProduct(t, rep.headers, { code: "ARG-2", name: "Glasbewassing", unit: "m2", listPriceCents: 90 });
  });
  afterAll(async () => t?.close());

  const putArguments = (id: number, items: unknown[], headers = rep.headers) =>
    t.app.inject({ method: "PUT", url: `/api/products/${id}/arguments`, headers, payload: { items } });

  it("keeps a product's arguments in order, for everyone to read and for those who edit products to change", async () => {
    const items = [
      { requirement: "Milieuvriendelijk", text: "Ecolabel-gecertificeerde middelen" },
      { requirement: "Flexibele planning", text: "Ook 's avonds en in het weekend" },
      { requirement: "Goedkoopste", text: "Laagste prijs per m2 in de regio" },
    ];
    const res = await putArguments(productId, items);
    expect(res.statusCode, res.body).toBe(200);
    const read = await t.app.inject({ method: "GET", url: `/api/products/${productId}/arguments`, headers: buyer.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().items).toEqual(items);
    // Purchasing reads products but does not edit them.
    expect((await putArguments(productId, [], buyer.headers)).statusCode).toBe(403);
  });

  it("refuses a blank requirement or text with a problem per field, and an unknown product with 404", async () => {
    const res = await putArguments(productId, [{ requirement: "  —  ", text: "x" }, { requirement: "Snel", text: "   " }]);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(["items.0.requirement", "items.1.text"]);
    expect((await putArguments(999_999, [])).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/products/999999/arguments", headers: rep.headers })).statusCode).toBe(404);
    // Nothing was changed by the refused request.
    expect((await t.app.inject({ method: "GET", url: `/api/products/${productId}/arguments`, headers: rep.headers })).json().items).toHaveLength(3);
  });

  it("shows on the quote only the arguments that answer the relation's requirements, whatever their case or accents", async () => {
    // Flexible planning is a must (hard): its argument comes first, on the tab and in the letter.
    const relationId = await makeRelation(t, rep.headers, {
      name: "Zorggroep De Linde",
      currentSupplier: "Schoon & Co",
      requirements: ["MILIEUVRIENDELIJK", { label: "flexibele  planning", kind: "supplier", hard: true, supplierScore: "worse", supplierNote: "Alleen overdag" }, "Hygiëne"],
    });
    const relation = await t.app.inject({ method: "GET", url: `/api/relations/${relationId}`, headers: rep.headers });
    expect(relation.json().requirements.map((r: { label: string }) => r.label)).toEqual(["MILIEUVRIENDELIJK", "flexibele planning", "Hygiëne"]);
    expect((await putArguments(plainProductId, [{ requirement: "Hygiene", text: "Werkt volgens HACCP" }, { requirement: "Snel", text: "Binnen een dag" }])).statusCode).toBe(200);
    const quote = await quoteApi(t, rep.headers).create({ relationId, probability: 50, decisionMonth: "2099-02", lines: [{ productId, quantity: 100 }, { productId: plainProductId, quantity: 20 }, { productId, quantity: 5 }] });
    expect(quote.statusCode, quote.body).toBe(201);
    const res = await t.app.inject({ method: "GET", url: `/api/quotes/${quote.json().id}/arguments`, headers: buyer.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().products).toEqual([
      {
        product: { id: productId, code: "ARG-1", name: "Kantoorschoonmaak Groen" },
        arguments: [
          { requirement: "Flexibele planning", text: "Ook 's avonds en in het weekend", hard: true },
          { requirement: "Milieuvriendelijk", text: "Ecolabel-gecertificeerde middelen", hard: false },
        ],
        leftOut: 1,
      },
      { product: { id: plainProductId, code: "ARG-2", name: "Glasbewassing" }, arguments: [{ requirement: "Hygiene", text: "Werkt volgens HACCP", hard: false }], leftOut: 1 },
    ]);
    // Where known, how the current supplier does against us on the requirements.
    expect(res.json().currentSupplier).toBe("Schoon & Co");
    expect(res.json().comparison).toEqual([{ label: "flexibele planning", kind: "supplier", hard: true, willingToPay: "unknown", supplierScore: "worse", supplierNote: "Alleen overdag" }]);
    expect(res.json().requirements[0]).toMatchObject({ label: "flexibele planning", hard: true });
    // The printed letter carries the same matching arguments, and not the one that answers nothing.
    const letter = (await t.app.inject({ method: "GET", url: `/api/quotes/${quote.json().id}/document`, headers: rep.headers })).body;
    expect(letter).toContain("Aansluitend op uw eisen");
    expect(letter).toContain("Ecolabel-gecertificeerde middelen");
    expect(letter).toContain("Ook &#39;s avonds en in het weekend");
    expect(letter.indexOf("Ook &#39;s avonds")).toBeLessThan(letter.indexOf("Ecolabel-gecertificeerde middelen"));
    expect(letter).not.toContain("Laagste prijs per m2");
    expect(letter).not.toContain("Binnen een dag");
    // Without requirements on the relation, no argument is shown at all.
    const bare = await makeRelation(t, rep.headers, { name: "Kale Relatie BV" });
    const bareQuote = (await quoteApi(t, rep.headers).create({ relationId: bare, probability: 50, decisionMonth: "2099-02", lines: [{ productId, quantity: 1 }] })).json();
    const none = (await t.app.inject({ method: "GET", url: `/api/quotes/${bareQuote.id}/arguments`, headers: rep.headers })).json();
    expect(none.products).toEqual([expect.objectContaining({ arguments: [], leftOut: 3 })]);
    const bareLetter = (await t.app.inject({ method: "GET", url: `/api/quotes/${bareQuote.id}/document`, headers: rep.headers })).body;
    expect(bareLetter).not.toContain("Aansluitend op uw eisen");
    expect((await t.app.inject({ method: "GET", url: "/api/quotes/999999/arguments", headers: rep.headers })).statusCode).toBe(404);
  });
});
