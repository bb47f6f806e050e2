import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, morningOf, newPerson, newRelation } from "../activities/crm-test-helpers.js";

type User = { id: number; headers: Headers };

/** The events of an ICS text, parsed back by ical.js as a calendar app would. */
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, summary: e.summary, location: e.location, description: e.description, start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString(), status: String(v.getFirstPropertyValue("status")) };
  });
}

describe.each(ENGINES)("the personal calendar feed on %s", (engine) => {
  let t: TestApp;
  let rep: User;
  let other: User;
  let inside: User;
  let relationId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.setNow(morningOf("2026-11-27"));
    rep = await t.userWithRole("field_sales", { name: "Ria Noord", rayonNames: ["Noord"] });
    other = await t.userWithRole("field_sales", { name: "Sem Zuid", rayonNames: ["Zuid"] });
    inside = await t.userWithRole("inside_sales", { name: "Ilse Binnendienst", rayonNames: ["Noord"] });
    relationId = await newRelation(t, rep.headers, { name: "Kantoor Centrum BV", status: "prospect", statusReason: "Gesprek", visitStreet: "Markt", visitHouseNumber: "12", visitPostcode: "9711 AB", visitCity: "Groningen" });
    const person = await newPerson(t, rep.headers, relationId, { lastName: "Jansen", firstName: "Piet" });
    const plan = async (headers: Headers, payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: "POST", url: "/api/appointments", headers, payload: { relationId, durationMinutes: 90, ...payload } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    // 2 December, 10:00 in Amsterdam (winter time, UTC+1), planned by inside sales for the rep.
    await plan(inside.headers, { forUserId: rep.id, visitType: "first_visit", personIds: [person], start: "2026-12-02T10:00:00+01:00", notes: "Kennismaking" });
    const cancelled = await plan(rep.headers, { visitType: "follow_up", start: "2026-12-03T14:00:00+01:00" });
    await t.app.inject({ method: "POST", url: `/api/appointments/${cancelled.id}/cancel`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { reason: "Klant ziek" } });
    await plan(other.headers, { visitType: "closing", start: "2026-12-02T09:00:00+01:00" });
  });
  afterAll(async () => t?.close());

  const feedUrl = async (headers: Headers) => {
    const res = await t.app.inject({ method: "POST", url: "/api/calendar-feed", headers });
    expect(res.statusCode, res.body).toBe(201);
    return new URL(res.json().url as string);
  };
  const read = (url: URL) => t.app.inject({ method: "GET", url: url.pathname });

  it("gives a secret address whose ICS holds only the user's own appointments, in the right time, with address and link", async () => {
    const url = await feedUrl(rep.headers);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{40,}\.ics$/);
    // No session: a calendar app reads it by the secret alone.
    const res = await read(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/calendar");
    const list = events(res.body);
    expect(list).toHaveLength(2);
    const first = list.find((e) => e.summary.startsWith("Eerste bezoek"));
    expect(first).toMatchObject({ summary: "Eerste bezoek: Kantoor Centrum BV", start: "2026-12-02T09:00:00.000Z", end: "2026-12-02T10:30:00.000Z", status: "CONFIRMED" });
    expect(first?.location).toContain("Markt 12");
    expect(first?.location).toContain("Groningen");
    expect(first?.description).toContain("Gesprek met: Piet Jansen");
    expect(first?.description).toContain("Gepland door: Ilse Binnendienst");
    // The link opens the visit's preparation sheet.
    expect(first?.description).toMatch(/Voorbereiding: http:\/\/\S+\/agenda\/\d+\/voorbereiding/);
    // A cancelled visit stays in the feed as cancelled, so calendars take it out.
    expect(list.find((e) => e.summary.startsWith("Vervolgbezoek"))?.status).toBe("CANCELLED");
    expect(list.some((e) => e.summary.startsWith("Afsluiting"))).toBe(false);
    const status = await t.app.inject({ method: "GET", url: "/api/calendar-feed", headers: rep.headers });
    expect(status.json()).toMatchObject({ active: true, lastReadAt: expect.any(String) });
  });

  it("stops the old address when the feed is made again or revoked (404), and refuses a guessed one", async () => {
    const old = await feedUrl(other.headers);
    expect((await read(old)).statusCode).toBe(200);
    const replaced = await feedUrl(other.headers);
    expect((await read(old)).statusCode).toBe(404);
    expect(events((await read(replaced)).body).map((e) => e.summary)).toEqual(["Afsluiting: Kantoor Centrum BV"]);
    expect((await t.app.inject({ method: "DELETE", url: "/api/calendar-feed", headers: other.headers })).statusCode).toBe(204);
    const gone = await read(replaced);
    expect(gone.statusCode).toBe(404);
    expect(gone.headers["content-type"]).toContain("application/problem+json");
    expect((await t.app.inject({ method: "DELETE", url: "/api/calendar-feed", headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/calendar/${"a".repeat(43)}.ics` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/calendar/kort.ics" })).statusCode).toBe(400);
  });
});
