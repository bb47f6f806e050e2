import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { minimalDocx } from "./attachment-fixtures.js";
import { type Headers, morningOf, multipartFile, newPerson, newRelation, postActivity } from "./crm-test-helpers.js";

describe.each(ENGINES)("contact moments API on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  let colleague: { id: number; headers: Headers };
  let relationId: number;
  let personId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    // The inside-sales colleague serves the rep's rayon: it may act for the rep.
    rep = await t.userWithRole("field_sales", { name: "Ria Verkoper", rayonNames: ["Oost"] });
    colleague = await t.userWithRole("inside_sales", { name: "Bas Binnendienst", rayonNames: ["Oost"] });
    relationId = await newRelation(t, rep.headers, { name: "Schoonmaak Oost BV", visitPostcode: "7511 AB", visitCity: "Enschede", status: "prospect", statusReason: "Eerste gesprek" });
    personId = await newPerson(t, rep.headers, relationId, { firstName: "Jan", lastName: "Bakker", jobTitle: "Facilitair manager" });
  });
  afterAll(async () => t?.close());

  it("records a contact moment for others only for someone allowed to act for them", async () => {
    const other = await t.userWithRole("field_sales");
    // A rep was there with a colleague: both are named.
    expect((await postActivity(t, rep.headers, relationId, { kind: "visit", userIds: [rep.id, other.id] })).statusCode).toBe(201);
    // A rep recording a visit only another rep made: not his to record.
    const forOther = await postActivity(t, rep.headers, relationId, { kind: "visit", userIds: [other.id] });
    expect(forOther.statusCode).toBe(403);
    const manager = await t.userWithRole("sales_manager");
    expect((await postActivity(t, manager.headers, relationId, { kind: "phone_call", userIds: [other.id] })).statusCode).toBe(201);
  });

  it("logs a visit with participants, notes apart from internal notes, win chance and next step", async () => {
    const res = await postActivity(t, rep.headers, relationId, {
      kind: "visit",
      occurredAt: "2026-11-26T10:30:00+01:00",
      userIds: [rep.id, colleague.id],
      personIds: [personId],
      salesMethod: "need_oriented",
      notes: "Wensen en behoeften geïnventariseerd: 1.200 m², dagelijks.",
      internalNotes: "Huidige leverancier te duur; contract loopt af in maart.",
      outcome: "Offerte gewenst",
      winChance: 40,
      nextStep: "Offerte sturen",
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      kind: "visit",
      occurredAt: "2026-11-26T09:30:00.000Z",
      occurredOn: "2026-11-26",
      salesMethod: "need_oriented",
      internalNotes: "Huidige leverancier te duur; contract loopt af in maart.",
      winChance: 40,
      createdBy: { id: rep.id, name: "Ria Verkoper" },
    });
    expect(body.users.map((u: { name: string }) => u.name)).toEqual(["Bas Binnendienst", "Ria Verkoper"]);
    expect(body.persons).toEqual([{ id: personId, name: "Jan Bakker" }]);
    expect(res.headers.etag).toBe('"1"');
  });

  it("takes the Amsterdam date of a late-evening contact, not the UTC one", async () => {
    const res = await postActivity(t, rep.headers, relationId, { kind: "phone_call", occurredAt: "2026-11-25T23:30:00Z" });
    expect(res.json().occurredOn).toBe("2026-11-26");
    expect(res.json().users).toEqual([{ id: rep.id, name: "Ria Verkoper" }]);
  });

  it("keeps HTML in notes as plain text", async () => {
    const res = await postActivity(t, rep.headers, relationId, { kind: "email", notes: '<img src=x onerror="alert(1)">' });
    const got = await t.app.inject({ method: "GET", url: `/api/activities/${res.json().id}`, headers: rep.headers });
    expect(got.json().notes).toBe('<img src=x onerror="alert(1)">');
  });

  it("pages the timeline newest first without gaps or repeats", async () => {
    const own = await newRelation(t, rep.headers, { name: "Tijdlijn BV" });
    for (let day = 1; day <= 5; day++) await postActivity(t, rep.headers, own, { kind: "phone_call", occurredAt: `2026-11-0${day}T09:00:00Z`, notes: `dag ${day}` });
    const seen: string[] = [];
    let url = `/api/relations/${own}/activities?limit=2`;
    for (let page = 0; page < 4; page++) {
      const res = await t.app.inject({ method: "GET", url, headers: colleague.headers });
      seen.push(...res.json().items.map((a: { notes: string }) => a.notes));
      if (!res.json().nextCursor) break;
      url = `/api/relations/${own}/activities?limit=2&cursor=${res.json().nextCursor}`;
    }
    expect(seen).toEqual(["dag 5", "dag 4", "dag 3", "dag 2", "dag 1"]);
  });

  it("refuses bad input with a problem per field and saves nothing, not even the follow-up", async () => {
    const other = await newRelation(t, rep.headers, { name: "Ander BV" });
    const stranger = await newPerson(t, rep.headers, other, { lastName: "Vreemd" });
    const before = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/activities?limit=200`, headers: rep.headers })).json().items.length;
    const res = await postActivity(t, rep.headers, relationId, {
      kind: "visit",
      personIds: [stranger],
      followUp: { action: "Bellen", dueDate: "2026-02-30" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(["followUp.dueDate", "personIds"]);
    const wrong = await postActivity(t, rep.headers, relationId, { kind: "lunch", winChance: 101 });
    expect(wrong.statusCode).toBe(400);
    expect([...new Set(wrong.json().errors.map((e: { field: string }) => e.field))].sort()).toEqual(["kind", "winChance"]);
    const after = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/activities?limit=200`, headers: rep.headers })).json().items.length;
    expect(after).toBe(before);
    const followUps = await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/followups`, headers: rep.headers });
    expect(followUps.json().items).toEqual([]);
  });

  it("updates with If-Match, answers 412 to a stale version and writes the change to the audit trail", async () => {
    const id = (await postActivity(t, rep.headers, relationId, { kind: "demo", winChance: 30 })).json().id;
    const first = await t.app.inject({ method: "PATCH", url: `/api/activities/${id}`, headers: { ...colleague.headers, "if-match": '"1"' }, payload: { winChance: 60, outcome: "Positief" } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ winChance: 60, outcome: "Positief", version: 2 });
    const stale = await t.app.inject({ method: "PATCH", url: `/api/activities/${id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { winChance: 10 } });
    expect(stale.statusCode).toBe(412);
    const missing = await t.app.inject({ method: "PATCH", url: `/api/activities/${id}`, headers: rep.headers, payload: { winChance: 10 } });
    expect(missing.statusCode).toBe(428);
    const audit = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/audit`, headers: rep.headers })).json().items;
    const line = audit.find((l: { entity: string; entityId: number; field: string; oldValue: string | null }) => l.entity === "activity" && l.entityId === id && l.field === "win_chance" && l.oldValue === "30");
    expect(line).toMatchObject({ newValue: "60", user: { id: colleague.id } });
  });

  it("lets only those who may act for its reps change a contact moment, and a refusal changes nothing", async () => {
    const id = (await postActivity(t, rep.headers, relationId, { kind: "visit", notes: "Eigen verslag" })).json().id;
    const otherRep = await t.userWithRole("field_sales", { rayonNames: ["West"] });
    const marketing = await t.userWithRole("marketing");
    for (const intruder of [otherRep, marketing]) {
      const res = await t.app.inject({ method: "PATCH", url: `/api/activities/${id}`, headers: { ...intruder.headers, "if-match": '"1"' }, payload: { notes: "Overschreven" } });
      expect(res.statusCode).toBe(403);
    }
    const after = (await t.app.inject({ method: "GET", url: `/api/activities/${id}`, headers: rep.headers })).json();
    expect(after).toMatchObject({ notes: "Eigen verslag", version: 1 });
    const manager = await t.userWithRole("sales_manager");
    expect((await t.app.inject({ method: "PATCH", url: `/api/activities/${id}`, headers: { ...manager.headers, "if-match": '"1"' }, payload: { notes: "Aangevuld" } })).statusCode).toBe(200);
  });

  it("moves a planned contact moment and its place on the participants' agenda together", async () => {
    t.setNow(morningOf("2026-11-27"));
    const id = (await postActivity(t, rep.headers, relationId, { kind: "visit", occurredAt: "2026-12-01T13:00:00Z" })).json().id;
    await t.app.inject({ method: "PATCH", url: `/api/activities/${id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { occurredAt: "2026-12-03T13:00:00Z" } });
    const day = (await t.app.inject({ method: "GET", url: "/api/my-day", headers: rep.headers })).json();
    expect(day.appointments.items.filter((a: { activityId: number }) => a.activityId === id)).toEqual([
      expect.objectContaining({ occurredAt: "2026-12-03T13:00:00.000Z", occurredOn: "2026-12-03" }),
    ]);
  });

  it("answers 403 to a role that may not write and 404 for an unknown relation", async () => {
    const buyer = await t.userWithRole("purchasing");
    expect((await postActivity(t, buyer.headers, relationId, { kind: "visit" })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/activities`, headers: buyer.headers })).statusCode).toBe(200);
    expect((await postActivity(t, rep.headers, 999_999, { kind: "visit" })).statusCode).toBe(404);
  });

  describe("attachments", () => {
    let activityId: number;
    beforeAll(async () => {
      activityId = (await postActivity(t, rep.headers, relationId, { kind: "quote_meeting" })).json().id;
    });
    const upload = (name: string, content: Buffer, headers: Headers = rep.headers) => {
      const body = multipartFile(name, content);
      return t.app.inject({ method: "POST", url: `/api/activities/${activityId}/attachments`, headers: { ...headers, ...body.headers }, payload: body.payload });
    };

    it("stores a PDF and serves it only to logged-in users, as a download that is never sniffed", async () => {
      const pdf = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
      const res = await upload("Offerte café 2026.pdf", pdf);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ fileName: "Offerte café 2026.pdf", contentType: "application/pdf", sizeBytes: pdf.length });
      const url = res.json().url as string;
      const anonymous = await t.app.inject({ method: "GET", url });
      expect(anonymous.statusCode).toBe(401);
      const got = await t.app.inject({ method: "GET", url, headers: colleague.headers });
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(pdf)).toBe(true);
      expect(got.headers["content-type"]).toBe("application/pdf");
      expect(got.headers["content-disposition"]).toBe("attachment; filename=\"Offerte cafe 2026.pdf\"; filename*=UTF-8''Offerte%20caf%C3%A9%202026.pdf");
      expect(got.headers["x-content-type-options"]).toBe("nosniff");
      const activity = await t.app.inject({ method: "GET", url: `/api/activities/${activityId}`, headers: rep.headers });
      expect(activity.json().attachments.map((a: { fileName: string }) => a.fileName)).toEqual(["Offerte café 2026.pdf"]);
    });

    it("accepts a Word document", async () => {
      expect((await upload("verslag.docx", minimalDocx())).statusCode).toBe(201);
    });

    it("refuses an executable dressed up as a PDF, and file types not on the list", async () => {
      const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), Buffer.alloc(512, 0)]);
      const disguised = await upload("offerte.pdf", exe);
      expect(disguised.statusCode).toBe(415);
      expect(disguised.headers["content-type"]).toContain("application/problem+json");
      expect((await upload("setup.exe", exe)).statusCode).toBe(415);
      expect((await upload("pagina.html", Buffer.from("<script>alert(1)</script>"))).statusCode).toBe(415);
      const activity = await t.app.inject({ method: "GET", url: `/api/activities/${activityId}`, headers: rep.headers });
      expect(activity.json().attachments.map((a: { fileName: string }) => a.fileName)).not.toContain("offerte.pdf");
    });

    it("refuses a file over 10 MB", async () => {
      const big = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
      const res = await upload("groot.pdf", big);
      expect(res.statusCode).toBe(413);
    });

    it("refuses an upload by a role that may not write", async () => {
      const buyer = await t.userWithRole("purchasing");
      expect((await upload("x.pdf", Buffer.from("%PDF-1.4"), buyer.headers)).statusCode).toBe(403);
    });
  });
});
