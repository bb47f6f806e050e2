import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, newPerson, newRelation } from "../activities/crm-test-helpers.js";
import { moveConsents } from "./consent.service.js";

describe.each(ENGINES)("mailing consent on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  let marketing: { id: number; headers: Headers };
  let relationId: number;

  const consent = (personId: number, payload: Record<string, unknown>, headers = rep.headers) =>
    t.app.inject({ method: "POST", url: `/api/persons/${personId}/consents`, headers, payload });
  const withdraw = (personId: number, payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: "POST", url: `/api/persons/${personId}/consents/withdraw`, headers: rep.headers, payload });
  const current = async (personId: number, purpose = "newsletter") =>
    (await t.app.inject({ method: "GET", url: `/api/persons/${personId}/consents`, headers: rep.headers })).json().current.find((c: { purpose: string }) => c.purpose === purpose);
  const given = (source = "web_form", extra: Record<string, unknown> = {}) => ({ purpose: "newsletter", state: "given", source, textVersion: "nieuwsbrief-2026-1", ...extra });

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { name: "Ria Verkoper" });
    marketing = await t.userWithRole("marketing", { name: "Mark Eting" });
    relationId = await newRelation(t, rep.headers, { name: "Drukkerij Noord BV", status: "customer", statusReason: "Eerste order", visitStreet: "Havenweg", visitHouseNumber: "4", visitPostcode: "9711 AA", visitCity: "Groningen" });
  });
  afterAll(async () => t?.close());

  it("records consent with its proof and shows who recorded it", async () => {
    const personId = await newPerson(t, rep.headers, relationId, { firstName: "Els", lastName: "Smit" });
    const res = await consent(personId, given("visit", { date: "2026-11-20", proof: "Mondeling tijdens bezoek" }));
    expect(res.statusCode).toBe(201);
    expect(res.json().current.find((c: { purpose: string }) => c.purpose === "newsletter")).toMatchObject({ state: "given", since: "2026-11-20", source: "visit", textVersion: "nieuwsbrief-2026-1", mayMail: true });
    expect(res.json().current.find((c: { purpose: string }) => c.purpose === "product_mailings")).toMatchObject({ state: "none", mayMail: false });
    expect(res.json().history[0]).toMatchObject({ proof: "Mondeling tijdens bezoek", recordedBy: { id: rep.id, name: "Ria Verkoper" } });
  });

  it("asks a text version for a yes and refuses dates in the future", async () => {
    const personId = await newPerson(t, rep.headers, relationId, { lastName: "Zonder" });
    const noText = await consent(personId, { purpose: "newsletter", state: "given", source: "phone" });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().errors[0]).toMatchObject({ field: "textVersion", code: "consent_text_version_required" });
    const future = await consent(personId, given("phone", { date: "2026-11-28" }));
    expect(future.json().errors[0]).toMatchObject({ field: "date", code: "consent_date_in_future" });
    expect((await current(personId)).state).toBe("none");
  });

  it("withdraws every purpose in one call, and keeps the withdrawal when a later import says yes", async () => {
    const personId = await newPerson(t, rep.headers, relationId, { firstName: "Piet", lastName: "de Vries" });
    await consent(personId, given());
    await consent(personId, { ...given(), purpose: "product_mailings" });
    const res = await withdraw(personId, { source: "phone" });
    expect(res.statusCode).toBe(200);
    expect(res.json().current.map((c: { state: string }) => c.state)).toEqual(["withdrawn", "withdrawn"]);

    const imported = await consent(personId, given("import"));
    expect(imported.statusCode).toBe(201);
    expect(await current(personId)).toMatchObject({ state: "withdrawn", source: "phone", mayMail: false, importOverruled: true });

    // Only the person themselves, through an explicit channel, can say yes again.
    await consent(personId, given("web_form", { textVersion: "nieuwsbrief-2026-2" }));
    expect(await current(personId)).toMatchObject({ state: "given", source: "web_form", textVersion: "nieuwsbrief-2026-2" });

    const audit = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/audit`, headers: rep.headers })).json().items;
    const lines = audit.filter((l: { entity: string; entityId: number; field: string }) => l.entity === "person" && l.entityId === personId && l.field === "consent.newsletter");
    expect(lines.map((l: { oldValue: string; newValue: string }) => `${l.oldValue}>${l.newValue}`).reverse()).toEqual([
      "none>given",
      "given>withdrawn",
      "withdrawn>withdrawn (import ignored)",
      "withdrawn>given",
    ]);
  });

  it("keeps a withdrawal of either person when two duplicates are merged", async () => {
    const survivor = await newPerson(t, rep.headers, relationId, { firstName: "Gert", lastName: "Dubbel" });
    const duplicate = await newPerson(t, rep.headers, relationId, { firstName: "G.", lastName: "Dubbel" });
    await consent(survivor, given("web_form", { date: "2026-01-10" }));
    await withdraw(duplicate, { purpose: "newsletter", date: "2026-06-01", source: "phone" });
    await t.ctx.db.transaction().execute((trx) => moveConsents(trx, duplicate, survivor));
    expect(await current(survivor)).toMatchObject({ state: "withdrawn", since: "2026-06-01" });
    const history = (await t.app.inject({ method: "GET", url: `/api/persons/${survivor}/consents`, headers: rep.headers })).json().history;
    expect(history).toHaveLength(2);
  });

  describe("mailing list", () => {
    const people: Record<string, number> = {};

    beforeAll(async () => {
      const dead = await newRelation(t, rep.headers, { name: "Failliet BV", status: "customer", statusReason: "Order" });
      const list = await newRelation(t, rep.headers, { name: "Lijst BV", status: "prospect", statusReason: "Gesprek", visitCity: "Zwolle", postalStreet: "Postbus", postalHouseNumber: "12", postalPostcode: "8000 AA", postalCity: "Zwolle" });
      people.ok = await newPerson(t, rep.headers, list, { firstName: "Anna", lastName: "Jansen", gender: "v", email: "anna@lijst.nl" });
      people.withdrawn = await newPerson(t, rep.headers, list, { firstName: "Bert", lastName: "Teruggetrokken" });
      people.reimported = await newPerson(t, rep.headers, list, { firstName: "Cor", lastName: "Geimporteerd" });
      people.dead = await newPerson(t, rep.headers, dead, { firstName: "Dirk", lastName: "Dood" });
      people.inactive = await newPerson(t, rep.headers, list, { firstName: "Eva", lastName: "Vertrokken" });
      people.otherPurpose = await newPerson(t, rep.headers, list, { firstName: "Frank", lastName: "Product" });
      people.formula = await newPerson(t, rep.headers, list, { firstName: "=HYPERLINK(\"http://x\")", lastName: "+Formule" });
      for (const key of ["ok", "withdrawn", "reimported", "dead", "inactive", "formula"]) await consent(people[key] as number, given());
      await consent(people.otherPurpose as number, { ...given(), purpose: "product_mailings" });
      await withdraw(people.withdrawn as number, { purpose: "newsletter" });
      await withdraw(people.reimported as number);
      await consent(people.reimported as number, given("import"));
      const inactive = await t.app.inject({ method: "GET", url: `/api/persons/${people.inactive}`, headers: rep.headers });
      await t.app.inject({ method: "PATCH", url: `/api/persons/${people.inactive}`, headers: { ...rep.headers, "if-match": inactive.headers.etag as string }, payload: { active: false } });
      const deadNow = await t.app.inject({ method: "GET", url: `/api/relations/${dead}`, headers: rep.headers });
      await t.app.inject({ method: "PATCH", url: `/api/relations/${dead}`, headers: { ...rep.headers, "if-match": deadNow.headers.etag as string }, payload: { status: "dead", statusReason: "Failliet" } });
    });

    it("holds only active persons of live relations whose consent stands, with formulas defused", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/mailing-list?purpose=newsletter&format=csv", headers: marketing.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-disposition"]).toContain("mailinglijst-newsletter-2026-11-27.csv");
      const rows = parse(res.body, { delimiter: ";", bom: true }) as string[][];
      expect(rows[0]?.slice(0, 6)).toEqual(["Relatie", "Aanhef", "Voornaam", "Voorletters", "Tussenvoegsel", "Achternaam"]);
      const lastNames = rows.slice(1).map((r) => r[5]);
      expect(lastNames).toContain("Jansen");
      expect(lastNames).toContain("'+Formule");
      for (const absent of ["Teruggetrokken", "Geimporteerd", "Dood", "Vertrokken", "Product"]) expect(lastNames).not.toContain(absent);
      const anna = rows.find((r) => r[5] === "Jansen") as string[];
      expect(anna.slice(1, 3)).toEqual(["Geachte mevrouw Jansen,", "Anna"]);
      expect(anna.slice(7, 12)).toEqual(["anna@lijst.nl", "Postbus", "12", "8000 AA", "Zwolle"]);
      expect(rows.find((r) => r[5] === "'+Formule")?.[2]).toBe("'=HYPERLINK(\"http://x\")");
    });

    it("exports the same list as XLSX", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/mailing-list?purpose=product_mailings&format=xlsx", headers: marketing.headers });
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      const lastNames: string[] = [];
      sheet?.eachRow((row, n) => {
        if (n > 1) lastNames.push(String(row.getCell(6).value));
      });
      expect(lastNames).toContain("Product");
      expect(lastNames).not.toContain("Jansen");
      expect(lastNames).not.toContain("Geimporteerd");
    });

    it("is refused to a role that may not export persons, and needs a known purpose", async () => {
      expect((await t.app.inject({ method: "GET", url: "/api/mailing-list?purpose=newsletter", headers: rep.headers })).statusCode).toBe(403);
      expect((await t.app.inject({ method: "GET", url: "/api/mailing-list?purpose=spam", headers: marketing.headers })).statusCode).toBe(400);
    });
  });
});
