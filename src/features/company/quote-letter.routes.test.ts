// The printed quote as the company's own letter: sender block from the company settings, lines with
// their unit and discount, subtotal and VAT per rate, total including VAT, terms and acceptance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { makePerson, makeProduct, makeRelation, quoteApi } from "../quotes/quote-test-fixtures.js";

type Headers = Record<string, string>;

describe.each(ENGINES)("the quote letter on %s", (engine) => {
  let t: TestApp;
  let admin: { headers: Headers };
  let manager: { headers: Headers };
  let rep: { headers: Headers };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.userWithRole("admin");
    manager = await t.userWithRole("sales_manager", { profitResponsible: true });
    rep = await t.userWithRole("field_sales", { name: "Bas van Leeuwen" });
  });
  afterAll(async () => t?.close());

  it("prints sender, recipient, VAT per rate, total including VAT, terms from the settings and an acceptance block", async () => {
    const version = (await t.app.inject({ method: "GET", url: "/api/company-settings", headers: admin.headers })).json().version;
    const saved = await t.app.inject({
      method: "PATCH",
      url: "/api/company-settings",
      headers: { ...admin.headers, "if-match": `"${version}"` },
      payload: {
        legalName: "Glansrijk Facilitaire Diensten B.V.",
        visitStreet: "Catharijnesingel 53",
        visitPostcode: "3511 GC",
        visitCity: "Utrecht",
        kvkNumber: "30123456",
        vatNumber: "NL004495445B01",
        iban: "NL91ABNA0417164300",
        paymentTermDays: 14,
        quoteValidityDays: 45,
        closingText: "Wij zien uw opdracht <graag> tegemoet.",
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const cleaning = await makeProduct(t, manager.headers, { code: "SCH-01", name: "Kantoorschoonmaak", unit: "m2", listPriceCents: 250 });
    const book = await makeProduct(t, manager.headers, { code: "BOEK-01", name: "Hygiënehandboek", unit: "stuk", listPriceCents: 2000, vatCategory: "low" });
    const callOut = await makeProduct(t, manager.headers, { code: "VRK", name: "Voorrijkosten", unit: "keer", listPriceCents: 4950 });
    const relation = await makeRelation(t, rep.headers, { name: "Bakkerij Brood & Co", visitStreet: "Dorpsstraat", visitHouseNumber: "1", visitPostcode: "3512AB", visitCity: "Utrecht" });
    const person = await makePerson(t, rep.headers, relation, { firstName: "Anna", initials: "A", lastName: "de Vries", gender: "v" });
    const created = await quoteApi(t, rep.headers).create({
      relationId: relation,
      contactPersonId: person,
      probability: 50,
      decisionMonth: "2027-02",
      lines: [
        { productId: cleaning, description: "Dagelijkse kantoorschoonmaak", quantity: 500, unitPriceCents: 250, discountPercent: 10 },
        { productId: book, description: "Hygiënehandboek", quantity: 3, unitPriceCents: 2000 },
        { productId: callOut, quantity: 1 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const quote = created.json();
    // Valid for the settings' 45 days from 27 November 2026.
    expect(quote.validUntil).toBe("2027-01-11");

    const html = (await t.app.inject({ method: "GET", url: `/api/quotes/${quote.id}/document`, headers: rep.headers })).body;
    const text = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("Glansrijk Facilitaire Diensten B.V. Catharijnesingel 53 3511 GC Utrecht");
    expect(text).toContain("Bakkerij Brood &amp; Co t.a.v. Mevrouw A. de Vries");
    expect(text).toContain(`Offertenummer ${quote.number}`);
    // 500 m2 × € 2,50 − 10 % = € 1.125,00 at 21 %; + € 49,50 call-out = € 1.174,50 at 21 %.
    expect(text).toContain("500 m2 € 2,50 10% 21% € 1.125,00");
    // Per rate: the subtotal and its VAT, rounded once (1.174,50 × 21 % = 246,645 → 246,65).
    expect(text).toContain("Btw-tarief Subtotaal Btw 21% € 1.174,50 € 246,65 9% € 60,00 € 5,40");
    expect(text).toContain("Totaal exclusief btw € 1.234,50");
    expect(text).toContain("Totaal inclusief btw € 1.486,55");
    expect(text).toContain("geldig tot en met 11 januari 2027");
    expect(text).toContain("Betaling binnen 14 dagen na factuurdatum op IBAN NL91 ABNA 0417 1643 00 ten name van Glansrijk Facilitaire Diensten B.V.");
    expect(html).toContain("Wij zien uw opdracht &lt;graag&gt; tegemoet.");
    expect(text).toContain("Voor akkoord");
    expect(text).toMatch(/Naam .*Datum .*Handtekening/);
    expect(text).toContain("KvK 30123456 Btw-id NL004495445B01 IBAN NL91 ABNA 0417 1643 00");
    expect(html).toContain('counter(page) " van " counter(pages)');
    expect(html).not.toContain("Koers");
  });

  it("shows the uploaded logo inside the letter itself, so the printed page needs no other request", async () => {
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const boundary = "----koers-logo";
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`), png, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const res = await t.app.inject({ method: "PUT", url: "/api/company-settings/logo", headers: { ...admin.headers, "content-type": `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.statusCode, res.body).toBe(200);
    const relation = await makeRelation(t, rep.headers, { name: "Logo Test BV" });
    const productId = await makeProduct(t, manager.headers, { code: "LOGO-1", name: "Schoonmaak", listPriceCents: 100 });
    const quote = (await quoteApi(t, rep.headers).create({ relationId: relation, probability: 50, decisionMonth: "2027-02", lines: [{ productId, quantity: 1 }] })).json();
    const html = (await t.app.inject({ method: "GET", url: `/api/quotes/${quote.id}/document`, headers: rep.headers })).body;
    expect(html).toContain(`<img src="data:image/png;base64,${png.toString("base64")}"`);
  });
});
