// A relation's own customers and requirements through the API on both engines: references are the
// customers that are our customers too, with who may be called; bad links are refused with a field;
// requirements keep kind, hard/soft, willing to pay and the current supplier's score; merging combines
// both without duplicates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startTestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { newPerson, newRelation } from "../activities/crm-test-helpers.js";

type Headers = Record<string, string>;

describe.each(ENGINES)("a relation's customers and requirements on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  let buyer: { id: number; headers: Headers };

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales");
    buyer = await t.userWithRole("purchasing");
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const inject = (method: "GET" | "POST" | "PATCH", url: string, payload?: object, headers: Headers = rep.headers) => (payload === undefined ? t.app.inject({ method, url, headers }) : t.app.inject({ method, url, headers, payload }));
  const customer = async (name: string) => {
    const id = await newRelation(t, rep.headers, { name, visitCity: "Zwolle" });
    const read = await inject("GET", `/api/relations/${id}`);
    const res = await t.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: { ...rep.headers, "if-match": `"${read.json().version}"` }, payload: { status: "customer", statusReason: "Eerste factuur" } });
    expect(res.statusCode, res.body).toBe(200);
    return id;
  };

  it("lists the relation's customers; those that are ours too are references with the person who may be called", async () => {
    const zorg = await newRelation(t, rep.headers, { name: "Zorggroep Noord" });
    const ours = await customer("Bakkerij Jansen");
    const notOurs = await newRelation(t, rep.headers, { name: "Garage Smit" });
    const piet = await newPerson(t, rep.headers, ours, { firstName: "Piet", lastName: "Jansen", phoneDirect: "038 123 4567" });
    expect((await inject("POST", `/api/relations/${zorg}/customers`, { customerId: ours, referencePersonId: piet })).statusCode).toBe(200);
    const res = await inject("POST", `/api/relations/${zorg}/customers`, { customerId: notOurs });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((l: { customer: { name: string }; isReference: boolean }) => [l.customer.name, l.isReference])).toEqual([
      ["Bakkerij Jansen", true],
      ["Garage Smit", false],
    ]);
    expect(res.json().items[0].referencePerson).toMatchObject({ id: piet, name: "Piet Jansen", phone: "038 123 4567" });
    // Linking again sets only the reference contact; nothing is listed twice.
    const again = await inject("POST", `/api/relations/${zorg}/customers`, { customerId: ours, referencePersonId: null });
    expect(again.json().items).toHaveLength(2);
    expect(again.json().items[0].referencePerson).toBeNull();
    // Every role reads it (CRM is open); purchasing may not write it.
    expect((await inject("GET", `/api/relations/${zorg}/customers`, undefined, buyer.headers)).statusCode).toBe(200);
    expect((await inject("POST", `/api/relations/${zorg}/customers`, { customerId: notOurs }, buyer.headers)).statusCode).toBe(403);
    const removed = await inject("POST", `/api/relations/${zorg}/customers/remove`, { customerId: notOurs });
    expect(removed.json().items.map((l: { customer: { id: number } }) => l.customer.id)).toEqual([ours]);
  });

  it("refuses a relation as its own customer, an unknown customer and a contact of another relation, with the field", async () => {
    const a = await newRelation(t, rep.headers, { name: "Kantoor A" });
    const b = await newRelation(t, rep.headers, { name: "Kantoor B" });
    const elsewhere = await newPerson(t, rep.headers, a, { lastName: "Elders" });
    const self = await inject("POST", `/api/relations/${a}/customers`, { customerId: a });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors).toMatchObject([{ field: "customerId", code: "customer_is_self" }]);
    expect((await inject("POST", `/api/relations/${a}/customers`, { customerId: 999_999 })).json().errors).toMatchObject([{ field: "customerId", code: "relation_unknown" }]);
    expect((await inject("POST", `/api/relations/${a}/customers`, { customerId: b, referencePersonId: elsewhere })).json().errors).toMatchObject([{ field: "referencePersonId", code: "reference_person_not_of_customer" }]);
    expect((await inject("GET", "/api/relations/999999/customers")).statusCode).toBe(404);
  });

  it("keeps a requirement's kind, hard or soft, willing to pay and the current supplier's score; a bare label is a soft product requirement", async () => {
    const id = await newRelation(t, rep.headers, {
      name: "Hotel De Brug",
      requirements: ["Milieuvriendelijk", { label: "Bereikbaar in het weekend", kind: "supplier", hard: true, willingToPay: "yes", supplierScore: "worse", supplierNote: " alleen  doordeweeks " }, "milieuvriendelijk"],
    });
    const read = await inject("GET", `/api/relations/${id}`);
    expect(read.json().requirements).toEqual([
      { label: "Milieuvriendelijk", kind: "product", hard: false, willingToPay: "unknown", supplierScore: "unknown", supplierNote: null },
      { label: "Bereikbaar in het weekend", kind: "supplier", hard: true, willingToPay: "yes", supplierScore: "worse", supplierNote: "alleen doordeweeks" },
    ]);
    const bad = await newRelation(t, rep.headers, { name: "X", requirements: [{ label: "Y", supplierScore: "much" }] }).catch((e: Error) => e.message);
    expect(bad).toContain("400");
  });

  it("merging combines the requirements and the customers of both, each once", async () => {
    const survivor = await newRelation(t, rep.headers, { name: "Schoonmaak Noord", requirements: ["HACCP"] });
    const duplicate = await newRelation(t, rep.headers, { name: "SCHOONMAAK NOORD BV", requirements: ["haccp", { label: "Flexibel", hard: true }] });
    const shared = await customer("Kantine Oost");
    const only = await customer("Kantine West");
    await inject("POST", `/api/relations/${survivor}/customers`, { customerId: shared });
    await inject("POST", `/api/relations/${duplicate}/customers`, { customerId: shared });
    await inject("POST", `/api/relations/${duplicate}/customers`, { customerId: only });
    // A relation listing both as customer lists the survivor once; the duplicate listing the survivor goes.
    const lister = await newRelation(t, rep.headers, { name: "Groothandel" });
    await inject("POST", `/api/relations/${lister}/customers`, { customerId: survivor });
    await inject("POST", `/api/relations/${lister}/customers`, { customerId: duplicate });
    await inject("POST", `/api/relations/${duplicate}/customers`, { customerId: survivor });
    const s = (await inject("GET", `/api/relations/${survivor}`)).json();
    const d = (await inject("GET", `/api/relations/${duplicate}`)).json();
    const merged = await inject("POST", `/api/relations/${survivor}/merge`, { duplicateId: duplicate, version: s.version, duplicateVersion: d.version });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().relation.requirements.map((r: { label: string; hard: boolean }) => [r.label, r.hard])).toEqual([
      ["HACCP", false],
      ["Flexibel", true],
    ]);
    expect((await inject("GET", `/api/relations/${survivor}/customers`)).json().items.map((l: { customer: { name: string } }) => l.customer.name)).toEqual(["Kantine Oost", "Kantine West"]);
    expect((await inject("GET", `/api/relations/${lister}/customers`)).json().items.map((l: { customer: { id: number } }) => l.customer.id)).toEqual([survivor]);
  });

  it("moves any number of customer links in a merge with the same number of queries", async () => {
    const mergeWith = async (links: number) => {
      const survivor = await newRelation(t, rep.headers, { name: `Kantoor Zuid ${links}` });
      const duplicate = await newRelation(t, rep.headers, { name: `KANTOOR ZUID ${links}` });
      const customers = [];
      for (let i = 0; i < links; i++) customers.push(await customer(`Klant ${links}-${i}`));
      for (const c of customers) await inject("POST", `/api/relations/${duplicate}/customers`, { customerId: c });
      // Those listing the duplicate as customer, one of them listing the survivor too.
      for (const c of customers) await inject("POST", `/api/relations/${c}/customers`, { customerId: duplicate });
      await inject("POST", `/api/relations/${customers[0]}/customers`, { customerId: survivor });
      const s = (await inject("GET", `/api/relations/${survivor}`)).json();
      const d = (await inject("GET", `/api/relations/${duplicate}`)).json();
      const { result, queries } = await t.countQueries(() => inject("POST", `/api/relations/${survivor}/merge`, { duplicateId: duplicate, version: s.version, duplicateVersion: d.version }));
      expect(result.statusCode, result.body).toBe(200);
      expect((await inject("GET", `/api/relations/${survivor}/customers`)).json().items).toHaveLength(links);
      expect((await inject("GET", `/api/relations/${customers[0]}/customers`)).json().items.map((l: { customer: { id: number } }) => l.customer.id)).toEqual([survivor]);
      return queries;
    };
    expect(await mergeWith(6)).toBe(await mergeWith(1));
  });
});
