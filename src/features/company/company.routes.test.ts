import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { multipartFile } from "../../test-support/multipart.js";

type Headers = Record<string, string>;

/** A whole 1 × 1 PNG. */
const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

const GOOD = {
  legalName: "Glansrijk Facilitaire Diensten B.V.",
  visitStreet: "Catharijnesingel 53",
  visitPostcode: "3511gc",
  visitCity: "Utrecht",
  postalStreet: "Postbus 1234",
  postalPostcode: "3500 AA",
  postalCity: "Utrecht",
  kvkNumber: "30 12 34 56",
  vatNumber: "nl 0044.95445.b01",
  iban: "nl91 abna 0417 1643 00",
  phone: "030 123 45 67",
  email: "Info@Glansrijk.nl",
  website: "www.glansrijk.nl",
  paymentTermDays: 14,
  quoteValidityDays: 60,
  closingText: "Wij zien uw opdracht graag tegemoet.",
  vatRates: { high: 2100, low: 900, zero: 0 },
};

describe.each(ENGINES)("company settings on %s", (engine) => {
  let t: TestApp;
  let admin: { headers: Headers };
  let rep: { headers: Headers };

  const read = (headers = rep.headers) => t.app.inject({ method: "GET", url: "/api/company-settings", headers });
  const patch = (payload: unknown, version: number | null, headers = admin.headers) =>
    t.app.inject({ method: "PATCH", url: "/api/company-settings", headers: { ...headers, ...(version !== null ? { "if-match": `"${version}"` } : {}) }, payload: payload as object });
  const upload = (name: string, content: Buffer, headers = admin.headers) => {
    const body = multipartFile(name, content);
    return t.app.inject({ method: "PUT", url: "/api/company-settings/logo", headers: { ...headers, ...body.headers }, payload: body.payload });
  };
  const version = async () => (await read()).json().version as number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.userWithRole("admin");
    rep = await t.userWithRole("field_sales");
  });
  afterAll(async () => t?.close());

  it("starts empty with the Dutch VAT rates and 30 days, readable by a rep, with its version as ETag", async () => {
    const res = await read();
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${res.json().version}"`);
    expect(res.json()).toMatchObject({ legalName: "", iban: "", paymentTermDays: 30, quoteValidityDays: 30, vatRates: { high: 2100, low: 900, zero: 0 }, logo: null });
  });

  it("lets an administrator save the details, stored in their normal form", async () => {
    const res = await patch(GOOD, await version());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      legalName: "Glansrijk Facilitaire Diensten B.V.",
      visitPostcode: "3511 GC",
      kvkNumber: "30123456",
      vatNumber: "NL004495445B01",
      iban: "NL91ABNA0417164300",
      email: "info@glansrijk.nl",
      website: "https://www.glansrijk.nl",
      paymentTermDays: 14,
      quoteValidityDays: 60,
    });
    expect((await read()).json().closingText).toBe("Wij zien uw opdracht graag tegemoet.");
  });

  it("names every bad field with its code and changes nothing", async () => {
    const before = await read();
    const res = await patch({ kvkNumber: "1234", vatNumber: "NL004495446B01", iban: "NL92ABNA0417164300", visitPostcode: "0123 AB", legalName: " " }, before.json().version);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ["legalName", "required"],
      ["visitPostcode", "postcode_invalid"],
      ["kvkNumber", "kvk_invalid"],
      ["vatNumber", "vat_number_invalid"],
      ["iban", "iban_invalid"],
    ]);
    expect((await read()).json()).toEqual(before.json());
  });

  it("refuses a VAT rate above 100 % and unknown fields", async () => {
    const v = await version();
    expect((await patch({ vatRates: { high: 21000, low: 900, zero: 0 } }, v)).statusCode).toBe(400);
    expect((await patch({ legalName: "X", secret: 1 }, v)).statusCode).toBe(400);
  });

  it("needs If-Match, refuses a stale version with 412, and lets only administrators write", async () => {
    expect((await patch({ phone: "030 765 43 21" }, null)).statusCode).toBe(428);
    const v = await version();
    expect((await patch({ phone: "030 765 43 21" }, v, rep.headers)).statusCode).toBe(403);
    expect((await patch({ phone: "030 765 43 21" }, v)).statusCode).toBe(200);
    const stale = await patch({ phone: "030 111 11 11" }, v);
    expect(stale.statusCode).toBe(412);
    expect((await read()).json().phone).toBe("030 765 43 21");
  });

  it("keeps an uploaded PNG logo and serves it back; text renamed .png and files over 1 MB are refused by field", async () => {
    const fake = await upload("logo.png", Buffer.from("<svg onload=alert(1)>"));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().errors).toEqual([expect.objectContaining({ field: "logo", code: "logo_type_invalid" })]);
    // A PNG cut off halfway (no IEND) is no logo either.
    expect((await upload("logo.png", TINY_PNG.subarray(0, 40))).json().errors[0].code).toBe("logo_type_invalid");
    const big = await upload("logo.png", Buffer.concat([TINY_PNG, Buffer.alloc(1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().errors).toEqual([expect.objectContaining({ field: "logo", code: "logo_too_large" })]);
    expect((await upload("logo.png", TINY_PNG, rep.headers)).statusCode).toBe(403);

    const ok = await upload("Logo Glansrijk.png", TINY_PNG);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().logo).toMatchObject({ contentType: "image/png" });
    const image = await t.app.inject({ method: "GET", url: ok.json().logo.url, headers: rep.headers });
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.rawPayload.equals(TINY_PNG)).toBe(true);

    const removed = await t.app.inject({ method: "DELETE", url: "/api/company-settings/logo", headers: admin.headers });
    expect(removed.json().logo).toBeNull();
    expect((await t.app.inject({ method: "GET", url: "/api/company-settings/logo", headers: rep.headers })).statusCode).toBe(404);
  });

  it("gives each product a VAT category, 21 % (high) unless told otherwise", async () => {
    const manager = await t.userWithRole("sales_manager", { profitResponsible: true });
    const plain = await t.app.inject({ method: "POST", url: "/api/products", headers: manager.headers, payload: { code: "SCH-1", name: "Kantoorschoonmaak" } });
    expect(plain.json().vatCategory).toBe("high");
    const low = await t.app.inject({ method: "POST", url: "/api/products", headers: manager.headers, payload: { code: "BOEK-1", name: "Handboek hygiëne", vatCategory: "low" } });
    expect(low.json().vatCategory).toBe("low");
    const bad = await t.app.inject({ method: "POST", url: "/api/products", headers: manager.headers, payload: { code: "X-1", name: "X", vatCategory: "6%" } });
    expect(bad.statusCode).toBe(400);
  });
});
