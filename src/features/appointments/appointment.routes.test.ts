import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, morningOf, newPerson, newRelation } from "../activities/crm-test-helpers.js";

type User = { id: number; headers: Headers };

describe.each(ENGINES)("the agenda on %s", (engine) => {
  let t: TestApp;
  let repNoord: User;
  let repZuid: User;
  let insideNoord: User;
  let manager: User;
  let relationId: number;
  let personId: number;

  const post = (headers: Headers, payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: "/api/appointments", headers, payload });
  const list = async (headers: Headers, query: string) => t.app.inject({ method: "GET", url: `/api/appointments?${query}`, headers });
  const plan = async (headers: Headers, payload: Record<string, unknown>) => {
    const res = await post(headers, { relationId, visitType: "follow_up", durationMinutes: 60, ...payload });
    if (res.statusCode !== 201) throw new Error(`not planned: ${res.body}`);
    return res.json();
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    repNoord = await t.userWithRole("field_sales", { name: "Ria Noord", rayonNames: ["Noord"] });
    repZuid = await t.userWithRole("field_sales", { name: "Sem Zuid", rayonNames: ["Zuid"] });
    insideNoord = await t.userWithRole("inside_sales", { name: "Ilse Binnendienst", rayonNames: ["Noord"] });
    manager = await t.userWithRole("sales_manager", { name: "Mia Manager" });
    relationId = await newRelation(t, repNoord.headers, {
      name: "Kantoor Centrum BV",
      status: "prospect",
      statusReason: "Gesprek",
      visitStreet: "Markt",
      visitHouseNumber: "12",
      visitPostcode: "9711 AB",
      visitCity: "Groningen",
    });
    personId = await newPerson(t, repNoord.headers, relationId, { lastName: "Jansen", firstName: "Piet" });
  });
  beforeEach(() => t.setNow(morningOf("2026-11-27")));
  afterAll(async () => t?.close());

  it("lets inside sales plan a first visit for a field rep of its rayon, who sees who made it", async () => {
    const res = await post(insideNoord.headers, {
      relationId,
      forUserId: repNoord.id,
      visitType: "first_visit",
      personIds: [personId],
      start: "2026-12-02T10:00:00+01:00",
      durationMinutes: 90,
      notes: "Kennismaking",
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const id = res.json().id as number;

    const seen = await t.app.inject({ method: "GET", url: `/api/appointments/${id}`, headers: repNoord.headers });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      forUser: { id: repNoord.id, name: "Ria Noord" },
      createdBy: { id: insideNoord.id, name: "Ilse Binnendienst" },
      visitType: "first_visit",
      persons: [{ id: personId }],
      address: "Markt 12, 9711 AB Groningen",
      start: "2026-12-02T09:00:00.000Z",
      end: "2026-12-02T10:30:00.000Z",
      date: "2026-12-02",
      startTime: "10:00",
      endTime: "11:30",
      status: "planned",
      warnings: [],
    });
    const week = (await list(repNoord.headers, "from=2026-11-30&to=2026-12-06")).json();
    expect(week.items.map((a: { id: number }) => a.id)).toContain(id);
  });

  it("shows an agenda only to its owner, the maker, inside sales of the rayon and managers", async () => {
    const { id } = await plan(repNoord.headers, { start: "2026-12-03T14:00:00+01:00" });
    const ids = async (u: User) => (await list(u.headers, "from=2026-12-03&to=2026-12-03")).json().items.map((a: { id: number }) => a.id);
    expect(await ids(repNoord)).toContain(id);
    expect(await ids(insideNoord)).toContain(id);
    expect(await ids(manager)).toContain(id);
    expect(await ids(repZuid)).not.toContain(id);
    expect((await t.app.inject({ method: "GET", url: `/api/appointments/${id}`, headers: repZuid.headers })).statusCode).toBe(404);
    const patch = await t.app.inject({ method: "PATCH", url: `/api/appointments/${id}`, headers: { ...repZuid.headers, "if-match": '"1"' }, payload: { notes: "x" } });
    expect(patch.statusCode).toBe(404);
    const users = (await t.app.inject({ method: "GET", url: "/api/appointments/users", headers: insideNoord.headers })).json().items;
    expect(users.map((u: { id: number }) => u.id).sort()).toEqual([repNoord.id, insideNoord.id].sort());
  });

  it("refuses to plan for someone the planner may not act for", async () => {
    const base = { relationId, visitType: "first_visit", start: "2026-12-04T10:00:00+01:00", durationMinutes: 60 };
    expect((await post(insideNoord.headers, { ...base, forUserId: repZuid.id })).statusCode).toBe(403);
    expect((await post(repZuid.headers, { ...base, forUserId: repNoord.id })).statusCode).toBe(403);
    expect((await post(manager.headers, { ...base, forUserId: repZuid.id })).statusCode).toBe(201);
    const unknown = await post(manager.headers, { ...base, forUserId: 999_999 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: "forUserId", code: "user_unknown" });
  });

  it("warns about an overlap, naming the other appointment, and about hours outside the working day, but plans them", async () => {
    const first = await plan(repNoord.headers, { start: "2026-12-07T09:00:00+01:00", durationMinutes: 60 });
    const second = await plan(repNoord.headers, { start: "2026-12-07T09:30:00+01:00", durationMinutes: 60 });
    expect(second.warnings).toEqual([
      expect.objectContaining({ code: "overlap", other: expect.objectContaining({ id: first.id, relation: { id: relationId, name: "Kantoor Centrum BV" } }) }),
    ]);
    expect(second.warnings[0].message).toContain("Kantoor Centrum BV");
    // Touching is no overlap; someone else's agenda never is.
    const touching = await plan(repNoord.headers, { start: "2026-12-07T10:30:00+01:00", durationMinutes: 30 });
    expect(touching.warnings).toEqual([]);
    const other = await plan(repZuid.headers, { start: "2026-12-07T09:00:00+01:00" });
    expect(other.warnings).toEqual([]);

    const early = await plan(repNoord.headers, { start: "2026-12-08T07:30:00+01:00", durationMinutes: 45 });
    expect(early.warnings).toEqual([expect.objectContaining({ code: "outside_working_hours", workStart: "08:30", workEnd: "17:00" })]);
    const late = await plan(repNoord.headers, { start: "2026-12-08T16:30:00+01:00", durationMinutes: 60 });
    expect(late.warnings.map((w: { code: string }) => w.code)).toEqual(["outside_working_hours"]);
  });

  it("refuses an appointment with a dead relation with a clear error", async () => {
    const dead = await newRelation(t, manager.headers, { name: "Wanbetaler BV", status: "dead", statusReason: "Betaalt niet" });
    const res = await post(repNoord.headers, { relationId: dead, visitType: "first_visit", start: "2026-12-09T10:00:00+01:00", durationMinutes: 60 });
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "rule_violation", errors: [{ field: "relationId", code: "relation_dead" }] });
    expect(res.json().detail).toContain("Wanbetaler BV");
  });

  it("refuses bad times, places and persons with field errors", async () => {
    const base = { relationId, visitType: "follow_up", start: "2026-12-10T10:00:00+01:00", durationMinutes: 60 };
    const expectField = async (payload: Record<string, unknown>, field: string, code?: string) => {
      const res = await post(repNoord.headers, { ...base, ...payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      if (code) expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      return res;
    };
    // Without an offset the time would be read in some server's zone: the schema refuses it.
    await expectField({ start: "2026-12-10T10:00:00" }, "start", "invalid");
    await expectField({ start: "morgen om tien" }, "start");
    await expectField({ start: "2036-12-10T10:00:00Z" }, "start", "date_out_of_range");
    await expectField({ durationMinutes: 0 }, "durationMinutes");
    await expectField({ durationMinutes: 24 * 60 }, "durationMinutes");
    await expectField({ visitType: "borrel" }, "visitType");
    await expectField({ placeKind: "other" }, "placeText", "required");
    await expectField({ placeKind: "postal_address" }, "placeKind", "address_missing");
    await expectField({ personIds: [999_999] }, "personIds", "person_not_of_relation");
    await expectField({ relationId: 999_999 }, "relationId", "relation_unknown");
    const elsewhere = await plan(repNoord.headers, { start: "2026-12-10T13:00:00+01:00", placeKind: "other", placeText: "Beurs Jaarbeurs, Utrecht" });
    expect(elsewhere.address).toBe("Beurs Jaarbeurs, Utrecht");

    expect((await list(repNoord.headers, "from=2026-12-10&to=2026-12-01")).json().errors[0]).toMatchObject({ field: "to", code: "period_reversed" });
    expect((await list(repNoord.headers, "from=2026-01-01&to=2027-12-31")).json().errors[0]).toMatchObject({ field: "to", code: "range_too_long" });
    expect((await list(repNoord.headers, "from=2026-02-30&to=2026-03-01")).json().errors[0]).toMatchObject({ field: "from", code: "date_invalid" });
    expect((await list(repNoord.headers, "from=gisteren&to=2026-03-01")).statusCode).toBe(400);
  });

  it("moves an appointment with If-Match, refuses a stale version, and keeps the Amsterdam clock across summer time", async () => {
    const a = await plan(repNoord.headers, { start: "2026-12-11T10:00:00+01:00" });
    const patch = (version: string | null, payload: Record<string, unknown>) =>
      t.app.inject({ method: "PATCH", url: `/api/appointments/${a.id}`, headers: { ...repNoord.headers, ...(version ? { "if-match": version } : {}) }, payload });
    expect((await patch(null, { durationMinutes: 30 })).statusCode).toBe(428);
    const moved = await patch('"1"', { start: "2027-04-06T10:00:00+02:00" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ version: 2, start: "2027-04-06T08:00:00.000Z", date: "2027-04-06", startTime: "10:00", endTime: "11:00", mayChange: true });
    expect((await patch('"1"', { durationMinutes: 30 })).statusCode).toBe(412);
    const moreTime = await patch('"2"', { durationMinutes: 120, personIds: [personId] });
    expect(moreTime.json()).toMatchObject({ version: 3, endTime: "12:00", persons: [{ id: personId }] });
    expect((await patch('"3"', { start: "2027-04-06 10:00" })).json().errors[0]).toMatchObject({ field: "start" });
    // Inside sales of the rayon may move it; a rep of another rayon never sees it.
    expect((await t.app.inject({ method: "PATCH", url: `/api/appointments/${a.id}`, headers: { ...insideNoord.headers, "if-match": '"3"' }, payload: { notes: "Verzet op verzoek klant" } })).statusCode).toBe(200);
  });

  it("cancels an appointment, which then leaves the agenda unless asked for, and deletes one made by mistake", async () => {
    const a = await plan(repNoord.headers, { start: "2026-12-14T10:00:00+01:00" });
    const cancel = (version: string) => t.app.inject({ method: "POST", url: `/api/appointments/${a.id}/cancel`, headers: { ...repNoord.headers, "if-match": version }, payload: { reason: "Klant ziek" } });
    const cancelled = await cancel('"1"');
    expect(cancelled.statusCode).toBe(200);
    // A cancelled appointment is not moved any more: the screens offer no move (mayChange).
    expect(cancelled.json()).toMatchObject({ status: "cancelled", cancelReason: "Klant ziek", cancelledBy: { id: repNoord.id }, version: 2, mayChange: false });
    expect((await cancel('"2"')).statusCode).toBe(422);
    const day = "from=2026-12-14&to=2026-12-14";
    expect((await list(repNoord.headers, day)).json().items.map((x: { id: number }) => x.id)).not.toContain(a.id);
    expect((await list(repNoord.headers, `${day}&includeCancelled=true`)).json().items.map((x: { id: number }) => x.id)).toContain(a.id);
    const edit = await t.app.inject({ method: "PATCH", url: `/api/appointments/${a.id}`, headers: { ...repNoord.headers, "if-match": '"2"' }, payload: { durationMinutes: 30 } });
    expect(edit.json()).toMatchObject({ code: "rule_violation", errors: [{ code: "appointment_cancelled" }] });

    const mistake = await plan(repNoord.headers, { start: "2026-12-15T10:00:00+01:00" });
    const del = (headers: Headers, version: string) => t.app.inject({ method: "DELETE", url: `/api/appointments/${mistake.id}`, headers: { ...headers, "if-match": version } });
    expect((await del(repNoord.headers, '"7"')).statusCode).toBe(412);
    expect((await del(repZuid.headers, '"1"')).statusCode).toBe(404);
    expect((await del(repNoord.headers, '"1"')).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: `/api/appointments/${mistake.id}`, headers: repNoord.headers })).statusCode).toBe(404);
  });

  it("shows today's appointments on My day in time order, and the follow-ups of the coming days", async () => {
    t.setNow(morningOf("2026-12-16"));
    const afternoon = await plan(repNoord.headers, { start: "2026-12-16T14:00:00+01:00" });
    const morning = await plan(insideNoord.headers, { forUserId: repNoord.id, start: "2026-12-16T09:00:00+01:00" });
    await plan(repNoord.headers, { start: "2026-12-17T09:00:00+01:00" });
    const fu = await t.app.inject({ method: "POST", url: `/api/relations/${relationId}/followups`, headers: repNoord.headers, payload: { action: "Offerte nabellen", dueDate: "2026-12-19" } });
    const far = await t.app.inject({ method: "POST", url: `/api/relations/${relationId}/followups`, headers: repNoord.headers, payload: { action: "Later", dueDate: "2027-02-01" } });
    const day = (await t.app.inject({ method: "GET", url: "/api/my-day", headers: repNoord.headers })).json();
    expect(day.agenda.items.map((a: { id: number }) => a.id)).toEqual([morning.id, afternoon.id]);
    expect(day.agenda.items[0]).toMatchObject({ startTime: "09:00", createdBy: { id: insideNoord.id } });
    expect(day.upcoming.items.map((f: { id: number }) => f.id)).toContain(fu.json().id);
    expect(day.upcoming.items.map((f: { id: number }) => f.id)).not.toContain(far.json().id);
    const insideDay = (await t.app.inject({ method: "GET", url: "/api/my-day", headers: insideNoord.headers })).json();
    expect(insideDay.agenda.items).toEqual([]);
  });

  it("shows on My day the drive before each of today's appointments: from home, then from the one before", async () => {
    t.setNow(morningOf("2026-12-18"));
    const rep = await t.userWithRole("field_sales", { name: "Hans Huis", rayonNames: ["Noord"], homePostcode: "9401 AA", homeCity: "Assen" });
    const leeuwarden = await newRelation(t, rep.headers, { name: "Friese Zorg BV", visitPostcode: "8911 AA", visitCity: "Leeuwarden" });
    const unknown = await newRelation(t, rep.headers, { name: "Zonder Adres BV" });
    const at = (id: number, start: string) => post(rep.headers, { relationId: id, visitType: "follow_up", durationMinutes: 60, start });
    const first = (await at(relationId, "2026-12-18T09:00:00+01:00")).json();
    const second = (await at(leeuwarden, "2026-12-18T11:00:00+01:00")).json();
    const third = (await at(unknown, "2026-12-18T15:00:00+01:00")).json();
    const day = (await t.app.inject({ method: "GET", url: "/api/my-day", headers: rep.headers })).json();
    expect(day.agenda.items.map((a: { id: number }) => a.id)).toEqual([first.id, second.id, third.id]);
    const legs = day.agendaTravel as { appointmentId: number; from: string; minutes: number; km: number; estimate: boolean }[];
    // Assen → Groningen is about 25 km in a straight line, Groningen → Leeuwarden about 50: the drives
    // follow, longer than the line (the detour factor), each with the parking allowance.
    expect(legs.map((l) => [l.appointmentId, l.from, l.estimate])).toEqual([
      [first.id, "home", true],
      [second.id, "previous", true],
    ]);
    const [fromHome, onward] = legs;
    expect(fromHome?.km).toBeGreaterThan(25);
    expect(fromHome?.km).toBeLessThan(45);
    expect(onward?.km).toBeGreaterThan(fromHome?.km ?? 0);
    expect(onward?.minutes).toBeGreaterThan(fromHome?.minutes ?? 0);
    // A relation without a known place gets no leg: nothing is made up.
    expect(legs.some((l) => l.appointmentId === third.id)).toBe(false);
  });
});
