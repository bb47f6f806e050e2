import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, morningOf, newPerson, newRelation, postOk } from "../activities/crm-test-helpers.js";
import { offlineDays } from "./offline-bundle.service.js";

type User = { id: number; headers: Headers };

describe("offline days", () => {
  it("covers today and the next three working days, skipping the weekend", () => {
    expect(offlineDays("2026-11-27", 3)).toEqual(["2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(offlineDays("2026-11-28", 3)).toEqual(["2026-11-28", "2026-11-30", "2026-12-01", "2026-12-02"]);
  });
});

describe.each(ENGINES)("the field app's offline bundle on %s", (engine) => {
  let t: TestApp;
  let rep: User;
  let other: User;
  let relationId: number;
  const ids: Record<string, number> = {};

  const post = (user: User, url: string, payload: Record<string, unknown>) => postOk(t, user, url, payload);

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.setNow(morningOf("2026-11-27"));
    rep = await t.userWithRole("field_sales", { name: "Ria Noord", rayonNames: ["Noord"] });
    other = await t.userWithRole("field_sales", { name: "Sem Zuid", rayonNames: ["Zuid"] });
    relationId = await newRelation(t, rep.headers, { name: "Kantoor Centrum BV", status: "prospect", statusReason: "Gesprek", visitStreet: "Markt", visitHouseNumber: "12", visitPostcode: "9711 AB", visitCity: "Groningen" });
    const elsewhere = await newRelation(t, other.headers, { name: "Elders BV", status: "prospect", statusReason: "Gesprek", visitCity: "Assen" });
    await newPerson(t, rep.headers, relationId, { lastName: "Jansen", firstName: "Piet" });
    const open = await post(rep, `/api/relations/${relationId}/followups`, { action: "Brochure glas sturen", dueDate: "2026-12-10" });
    const done = await post(rep, `/api/relations/${relationId}/followups`, { action: "Al gebeld", dueDate: "2026-12-01" });
    await t.app.inject({ method: "PATCH", url: `/api/followups/${done.id}`, headers: { ...rep.headers, "if-match": `"${done.version}"` }, payload: { status: "done" } });
    ids.openFollowUp = open.id;
    ids.today = (await post(rep, "/api/appointments", { relationId, visitType: "first_visit", start: "2026-11-27T14:00:00+01:00", durationMinutes: 60 })).id;
    ids.wednesday = (await post(rep, "/api/appointments", { relationId, visitType: "follow_up", start: "2026-12-02T10:30:00+01:00", durationMinutes: 45 })).id;
    ids.thursday = (await post(rep, "/api/appointments", { relationId, visitType: "follow_up", start: "2026-12-03T10:30:00+01:00", durationMinutes: 45 })).id;
    ids.otherRep = (await post(other, "/api/appointments", { relationId: elsewhere, visitType: "follow_up", start: "2026-11-30T10:30:00+01:00", durationMinutes: 45 })).id;
  });
  afterAll(async () => t?.close());

  it("holds the rep's own appointments of today and the next three working days with their sheets, relations, persons and their consent", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/offline/bundle", headers: rep.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["cache-control"]).toBe("private, no-store");
    const bundle = res.json();
    expect(bundle.days).toEqual(["2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(bundle.appointments.map((a: { id: number }) => a.id)).toEqual([ids.today, ids.wednesday]);
    expect(bundle.sheets.map((s: { appointment: { id: number }; version: number }) => [s.appointment.id, s.version])).toEqual([
      [ids.today, 0],
      [ids.wednesday, 0],
    ]);
    expect(bundle.relations.map((r: { id: number; name: string }) => r.name)).toEqual(["Kantoor Centrum BV"]);
    expect(bundle.persons[0].items.map((p: { lastName: string }) => p.lastName)).toEqual(["Jansen"]);
    // Only what is still to be done: the done follow-up is history.
    expect(bundle.followUps).toEqual([{ relationId, items: [expect.objectContaining({ id: ids.openFollowUp, action: "Brochure glas sturen" })] }]);
    expect(bundle.activities).toEqual([{ relationId, items: [] }]);
    expect(bundle.consents).toEqual([expect.objectContaining({ personId: bundle.persons[0].items[0].id, history: [] })]);
    expect(bundle.myDay.agenda.items.map((a: { id: number }) => a.id)).toEqual([ids.today]);
    expect(bundle.templates.map((x: { id: string }) => x.id)).toContain("general");
    expect(bundle.truncated).toBe(false);
  });

  it("never holds another rep's appointments, and needs a login", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/offline/bundle", headers: other.headers });
    expect(res.json().appointments.map((a: { id: number }) => a.id)).toEqual([ids.otherRep]);
    expect(res.json().relations.map((r: { name: string }) => r.name)).toEqual(["Elders BV"]);
    const anonymous = await t.app.inject({ method: "GET", url: "/api/offline/bundle" });
    expect(anonymous.statusCode).toBe(401);
  });
});
