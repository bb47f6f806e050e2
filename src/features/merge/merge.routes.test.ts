import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { dutchCsv, type Headers, importFile } from "../imports/import-test-helpers.js";

describe.each(ENGINES)("merging duplicate relations on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  const db = () => t.database.handle.db;

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales");
  });
  afterAll(async () => t?.close());

  const inject = (method: "GET" | "POST" | "PATCH", url: string, payload?: object, headers: Headers = rep.headers) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  async function relation(body: Record<string, unknown>) {
    const res = await inject("POST", "/api/relations", body);
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json() as { id: number; version: number };
  }
  const created = (res: { statusCode: number; body: string }) => {
    if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode}: ${res.body}`);
  };
  const count = async (table: "persons" | "activities" | "follow_ups" | "relation_status_changes" | "audit_log", relationId: number) =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as("n")).where("relation_id", "=", relationId).executeTakeFirstOrThrow()).n);

  it("lists pairs with the same name and postcode, or the same name and city", async () => {
    const a = await relation({ name: "Kantoorservice Oost", visitPostcode: "7511 AA", visitCity: "Enschede" });
    const b = await relation({ name: "KANTOORSERVICE OOST", visitPostcode: "7511aa", visitCity: "Enschede" });
    const c = await relation({ name: "Kantoorservice Oost", visitPostcode: "7512 BB", visitCity: "enschede" });
    await relation({ name: "Kantoorservice Oost", visitPostcode: "8000 AA", visitCity: "Zwolle" });
    const res = await inject("GET", "/api/relations/duplicates");
    expect(res.statusCode).toBe(200);
    const pairs = res.json().items.map((p: { reason: string; a: { id: number }; b: { id: number } }) => [p.reason, p.a.id, p.b.id]);
    expect(pairs).toEqual([
      ["name_postcode", a.id, b.id],
      ["name_city", a.id, c.id],
      ["name_city", b.id, c.id],
    ]);
  });

  it("moves persons, contact moments, follow-ups, history and audit lines to the survivor in one logged transaction", async () => {
    const survivor = await relation({ name: "Schoonmaak Noord", visitPostcode: "9711 AA", visitCity: "Groningen", phone: "050-1234567" });
    const duplicate = await relation({ name: "SCHOONMAAK NOORD", visitPostcode: "9711 AA", kvkNumber: "60000001", email: "info@noord.nl", notes: "Oude notitie", status: "prospect", statusReason: "Gebeld" });
    const person = await inject("POST", `/api/relations/${duplicate.id}/persons`, { firstName: "Els", lastName: "Bakker" });
    expect(person.statusCode).toBe(201);
    created(await inject("POST", `/api/relations/${duplicate.id}/activities`, { kind: "phone_call", notes: "Offerte besproken" }));
    created(await inject("POST", `/api/relations/${duplicate.id}/followups`, { action: "Terugbellen", dueDate: "2026-12-01" }));
    const dupAudit = await count("audit_log", duplicate.id);

    const res = await inject("POST", `/api/relations/${survivor.id}/merge`, { duplicateId: duplicate.id, version: survivor.version, duplicateVersion: duplicate.version });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.moved).toMatchObject({ "persons.relation_id": 1, "activities.relation_id": 1, "follow_ups.relation_id": 1, "relation_status_changes.relation_id": 1 });
    expect(body.relation).toMatchObject({ name: "Schoonmaak Noord", phone: "050-1234567", kvkNumber: "60000001", email: "info@noord.nl", notes: "Oude notitie", version: survivor.version + 1 });
    expect(body.relation.persons.map((p: { lastName: string }) => p.lastName)).toEqual(["Bakker"]);
    expect(body.relation.statusHistory.map((h: { reason: string }) => h.reason)).toContain("Gebeld");
    expect(await count("activities", survivor.id)).toBe(1);
    expect(await count("follow_ups", survivor.id)).toBe(1);
    expect((await inject("GET", `/api/relations/${duplicate.id}`)).statusCode).toBe(404);

    const audit = (await inject("GET", `/api/relations/${survivor.id}/audit`)).json().items;
    expect(audit[0]).toBeDefined();
    expect(audit.find((a: { field: string }) => a.field === "merged")).toMatchObject({ oldValue: `SCHOONMAAK NOORD (#${duplicate.id})`, user: { id: rep.id } });
    expect(audit.length).toBeGreaterThanOrEqual(dupAudit + 2);

    // The duplicate's KvK number now belongs to the survivor, and an old address file finds it.
    const again = await importFile(t, rep.headers, "relations", "oud.csv", dutchCsv([["Bedrijfsnaam", "KvK-nummer", "Postcode"], ["SCHOONMAAK NOORD", "60000001", "9711 AA"]]));
    expect(again.counts).toMatchObject({ created: 0, unchanged: 1 });
  });

  it("keeps the company dead when the duplicate was dead, and finds it under its old name", async () => {
    const survivor = await relation({ name: "Installatiebedrijf Vonk", visitPostcode: "6811 AA", status: "customer", statusReason: "Order" });
    const dead = await relation({ name: "Vonk Elektro (oud)", visitPostcode: "6811 AA", kvkNumber: "60000002", status: "dead", statusReason: "Wanbetaler" });
    const res = await inject("POST", `/api/relations/${survivor.id}/merge`, { duplicateId: dead.id, version: survivor.version, duplicateVersion: dead.version });
    expect(res.json()).toMatchObject({ becameDead: true, relation: { status: "dead" } });
    expect(res.json().relation.statusHistory[0]).toMatchObject({ fromStatus: "customer", toStatus: "dead", reason: `Samengevoegd met dode relatie Vonk Elektro (oud) (#${dead.id})` });
    const search = (await inject("GET", "/api/relations?q=vonk elektro")).json();
    expect(search.items.map((r: { id: number }) => r.id)).toEqual([survivor.id]);
    const edited = await t.app.inject({ method: "PATCH", url: `/api/relations/${survivor.id}`, headers: { ...rep.headers, "if-match": `"${res.json().relation.version}"` }, payload: { name: "Vonk Installaties" } });
    expect(edited.statusCode).toBe(200);
    const afterRename = (await inject("GET", "/api/relations?q=vonk elektro")).json();
    expect(afterRename.items.map((r: { id: number }) => r.id)).toEqual([survivor.id]);
    const imported = await importFile(t, rep.headers, "relations", "adressen.csv", dutchCsv([["Bedrijfsnaam", "Postcode", "Status"], ["Vonk Elektro (oud)", "6811 AA", "Klant"]]));
    expect(imported.counts).toMatchObject({ created: 0, skippedDead: 1 });
  });

  it("still finds the survivor under a merged duplicate's name after an import changed its city", async () => {
    const survivor = await relation({ name: "Glazenwasserij Helder", visitPostcode: "5611 AA", kvkNumber: "60000003", visitCity: "Eindhoven" });
    const duplicate = await relation({ name: "Helder Ramen Oud", visitPostcode: "5611 AA" });
    const merged = await inject("POST", `/api/relations/${survivor.id}/merge`, { duplicateId: duplicate.id, version: survivor.version, duplicateVersion: duplicate.version });
    expect(merged.statusCode).toBe(200);
    const imported = await importFile(t, rep.headers, "relations", "update.csv", dutchCsv([["Bedrijfsnaam", "KvK-nummer", "Plaats"], ["Glazenwasserij Helder", "60000003", "Veldhoven"]]));
    expect(imported.counts).toMatchObject({ updated: 1 });
    const search = (await inject("GET", "/api/relations?q=ramen oud")).json();
    expect(search.items.map((r: { id: number }) => r.id)).toEqual([survivor.id]);
    expect((await inject("GET", "/api/relations?q=veldhoven")).json().items.map((r: { id: number }) => r.id)).toContain(survivor.id);
  });

  it("refuses stale versions with 412 and a merge with itself, and changes nothing", async () => {
    const a = await relation({ name: "Dubbel A", phone: "010-1111111" });
    const b = await relation({ name: "Dubbel B", email: "b@dubbel.nl" });
    const stale = await inject("POST", `/api/relations/${a.id}/merge`, { duplicateId: b.id, version: a.version, duplicateVersion: b.version + 1 });
    expect(stale.statusCode).toBe(412);
    expect((await inject("GET", `/api/relations/${b.id}`)).statusCode).toBe(200);
    expect((await inject("GET", `/api/relations/${a.id}`)).json()).toMatchObject({ email: null, version: a.version });
    const self = await inject("POST", `/api/relations/${a.id}/merge`, { duplicateId: a.id, version: a.version, duplicateVersion: a.version });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors[0]).toMatchObject({ field: "duplicateId", code: "merge_same_relation" });
    const reader = await t.userWithRole("purchasing");
    expect((await inject("POST", `/api/relations/${a.id}/merge`, { duplicateId: b.id, version: a.version, duplicateVersion: b.version }, reader.headers)).statusCode).toBe(403);
  });
});
