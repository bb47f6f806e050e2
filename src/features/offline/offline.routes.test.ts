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
    rep = await t.userWithRole("field_sales", { name: "Ria Noord", rayonNames: ["Noord"], homePostcode: "9401 AA", homeCity: "Assen" });
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
    const leeuwarden = await newRelation(t, rep.headers, { name: "Friese Zorg BV", status: "prospect", statusReason: "Gesprek", visitPostcode: "8911 AA", visitCity: "Leeuwarden" });
    ids.leeuwarden = leeuwarden;
    ids.wednesdayLate = (await post(rep, "/api/appointments", { relationId: leeuwarden, visitType: "follow_up", start: "2026-12-02T13:00:00+01:00", durationMinutes: 60 })).id;
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
    expect(bundle.appointments.map((a: { id: number }) => a.id)).toEqual([ids.today, ids.wednesday, ids.wednesdayLate]);
    // The rep's own planned appointments: each may be moved (the field app offers the move offline).
    expect(bundle.appointments.map((a: { mayChange: boolean }) => a.mayChange)).toEqual([true, true, true]);
    expect(bundle.sheets.map((s: { appointment: { id: number }; version: number }) => [s.appointment.id, s.version])).toEqual([
      [ids.today, 0],
      [ids.wednesday, 0],
      [ids.wednesdayLate, 0],
    ]);
    expect(bundle.relations.map((r: { id: number; name: string }) => r.name)).toEqual(["Kantoor Centrum BV", "Friese Zorg BV"]);
    expect(bundle.persons[0].items.map((p: { lastName: string }) => p.lastName)).toEqual(["Jansen"]);
    // Each person once: in `persons`, not a second time on the relation card.
    expect(bundle.relations.map((r: Record<string, unknown>) => "persons" in r)).toEqual([false, false]);
    expect(res.body.split('"lastName":"Jansen"').length - 1).toBe(1);
    // A field rep plans in their own agenda, offline too.
    expect(bundle.mayPlan).toBe(true);
    // Only what is still to be done: the done follow-up is history.
    expect(bundle.followUps).toEqual([
      { relationId, items: [expect.objectContaining({ id: ids.openFollowUp, action: "Brochure glas sturen" })] },
      { relationId: ids.leeuwarden, items: [] },
    ]);
    expect(bundle.activities[0]).toEqual({ relationId, items: [] });
    expect(bundle.consents).toEqual([expect.objectContaining({ personId: bundle.persons[0].items[0].id, history: [] })]);
    expect(bundle.activities[1]).toEqual({ relationId: ids.leeuwarden, items: [] });
    expect(bundle.myDay.agenda.items.map((a: { id: number }) => a.id)).toEqual([ids.today]);
    // Mijn dag's drive is today's route's (one travel table serves both), and the same as online.
    const [todayStop] = bundle.routes[0].stops;
    expect(bundle.myDay.agendaTravel).toEqual([{ appointmentId: ids.today, from: "home", minutes: todayStop.travelMinutes, km: todayStop.km, estimate: true }]);
    expect(todayStop.travelMinutes).toBeGreaterThan(15);
    const online = (await t.app.inject({ method: "GET", url: "/api/my-day", headers: rep.headers })).json();
    expect(online.agendaTravel).toEqual(bundle.myDay.agendaTravel);
    expect(bundle.templates.map((x: { id: string }) => x.id)).toContain("general");
    expect(bundle.truncated).toBe(false);
  });

  it("holds the route of each bundled day: stops in time order from home, the drives, arrival and departure, the same as GET /api/my-day/route", async () => {
    const bundle = (await t.app.inject({ method: "GET", url: "/api/offline/bundle", headers: rep.headers })).json();
    expect(bundle.routes.map((r: { date: string }) => r.date)).toEqual(bundle.days);
    const wednesday = bundle.routes.find((r: { date: string }) => r.date === "2026-12-02");
    expect(wednesday.stops.map((s: { appointmentId: number }) => s.appointmentId)).toEqual([ids.wednesday, ids.wednesdayLate]);
    const [groningen, leeuwarden] = wednesday.stops;
    expect(groningen).toMatchObject({ relation: { name: "Kantoor Centrum BV" }, from: "home", start: "10:30", arrival: "10:30", departure: "11:15", late: false });
    expect(leeuwarden).toMatchObject({ relation: { name: "Friese Zorg BV" }, from: "previous", start: "13:00", departure: "14:00", late: false });
    // Assen → Groningen and Groningen → Leeuwarden are real drives (tens of km), by the estimate.
    expect(groningen.travelMinutes).toBeGreaterThan(15);
    expect(groningen.km).toBeGreaterThan(15);
    expect(leeuwarden.travelMinutes).toBeGreaterThan(30);
    // Arrival in Leeuwarden: leaving Groningen at 11:15 plus the drive.
    const [h, m] = leeuwarden.arrival.split(":").map(Number);
    expect(h * 60 + m).toBe(11 * 60 + 15 + leeuwarden.travelMinutes);
    expect(wednesday.leaveHome < "10:30").toBe(true);
    expect(wednesday.returnHome > "14:00").toBe(true);
    expect(wednesday.travelModel).toBe("haversine");
    expect(typeof wednesday.stops[0].lat).toBe("number");
    expect(wednesday.home).not.toBeNull();
    // A day without appointments has an empty route.
    expect(bundle.routes.find((r: { date: string }) => r.date === "2026-11-30").stops).toEqual([]);
    // The travel table lets the device lay a day anew: home and both places, n × n trips.
    expect(bundle.travel.points.map((p: { relationId: number | null }) => p.relationId)).toEqual([null, relationId, ids.leeuwarden]);
    expect(bundle.travel.seconds).toHaveLength(9);
    // The route online is the same one.
    const online = await t.app.inject({ method: "GET", url: "/api/my-day/route?date=2026-12-02", headers: rep.headers });
    expect(online.statusCode, online.body).toBe(200);
    expect(online.json()).toEqual(wednesday);
    // Another rep's route of that day holds nothing of Ria's.
    expect((await t.app.inject({ method: "GET", url: "/api/my-day/route?date=2026-12-02", headers: other.headers })).json().stops).toEqual([]);
    expect((await t.app.inject({ method: "GET", url: "/api/my-day/route?date=2-12-2026", headers: rep.headers })).statusCode).toBe(400);
  });

  it("says a user without write rights may not plan offline, as the agenda online says", async () => {
    const buyer = await t.userWithRole("purchasing", { name: "Ina Inkoop" });
    const bundle = (await t.app.inject({ method: "GET", url: "/api/offline/bundle", headers: buyer.headers })).json();
    expect(bundle.mayPlan).toBe(false);
    const users = (await t.app.inject({ method: "GET", url: "/api/appointments/users", headers: buyer.headers })).json().items as { id: number; mayPlan: boolean }[];
    expect(users.find((u) => u.id === buyer.id)?.mayPlan).toBe(false);
    // Planning for themself is refused by the server too.
    const refused = await t.app.inject({ method: "POST", url: "/api/appointments", headers: buyer.headers, payload: { relationId, visitType: "follow_up", start: "2026-12-01T10:00:00+01:00", durationMinutes: 30 } });
    expect(refused.statusCode).toBe(403);
  });

  it("never holds another rep's appointments, and needs a login", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/offline/bundle", headers: other.headers });
    expect(res.json().appointments.map((a: { id: number }) => a.id)).toEqual([ids.otherRep]);
    expect(res.json().relations.map((r: { name: string }) => r.name)).toEqual(["Elders BV"]);
    const anonymous = await t.app.inject({ method: "GET", url: "/api/offline/bundle" });
    expect(anonymous.statusCode).toBe(401);
  });
});
