import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cycleSlot } from "../../planning/cycle-plan.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { resultOfJob } from "../../test-support/jobs.js";
import { writeCrmSettings } from "../followups/crm-settings.service.js";

type User = { id: number; headers: Record<string, string> };
type Stop = { appointmentId: number | null; appointmentVersion: number | null; start: string; movable: boolean; relation: { id: number } };
type AgendaItem = { id: number; startTime: string; status: string; version: number };
const DAY = "2026-11-30";
const AREAS = ["3511", "3512", "3521", "3523"];

describe.each(ENGINES)("accepting a re-planned day's route on %s", (engine) => {
  let t: TestApp;
  let rep: User;
  let otherRep: User;
  let manager: User;
  let fixedId: number;

  const post = (url: string, payload: unknown, user: User, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "POST", url, headers: { ...user.headers, ...headers }, payload: payload as Record<string, unknown> });
  const agenda = async (): Promise<AgendaItem[]> => {
    const res = (await t.app.inject({ method: "GET", url: `/api/appointments?from=${DAY}&to=${DAY}&userId=${rep.id}`, headers: rep.headers })).json();
    return (res.items ?? res) as AgendaItem[];
  };
  const timesOf = async () => Object.fromEntries((await agenda()).filter((a) => a.status !== "cancelled").map((a) => [a.id, a.startTime]));
  const stopsOf = (route: { stops: Stop[] }) => route.stops.filter((s) => s.appointmentId !== null).map((s) => ({ appointmentId: s.appointmentId as number, version: s.appointmentVersion as number, start: s.start }));

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { rayonNames: ["Midden"], homePostcode: "3511 AK", homeCity: "Utrecht" });
    otherRep = await t.userWithRole("field_sales", { rayonNames: ["Oost"], homePostcode: "7311 KB", homeCity: "Apeldoorn" });
    manager = await t.userWithRole("sales_manager");
    await writeCrmSettings(t.ctx.db, { visitNorms: { key: 52, A: 6, B: 4, C: 0 } });
    const ids: number[] = [];
    for (const area of AREAS) {
      const id = (await post("/api/relations", { name: `Klant ${area}`, visitPostcode: `${area} AB`, visitCity: "Utrecht", status: "customer", accountClass: "A", statusReason: "test" }, rep)).json().id;
      ids.push(id);
      expect((await post("/api/appointments", { relationId: id, visitType: "follow_up", start: "2026-07-01T10:00:00+02:00", durationMinutes: 60 }, rep)).statusCode).toBe(201);
    }
    const other = (await post("/api/relations", { name: "Vaste afspraak BV", visitPostcode: "3531 AB", visitCity: "Utrecht", status: "customer", accountClass: "C", statusReason: "test" }, rep)).json().id;
    const rayons = (await t.app.inject({ method: "GET", url: "/api/rayons", headers: rep.headers })).json().items as { id: number; name: string }[];
    const midden = (rayons.find((r) => r.name === "Midden") as { id: number }).id;
    expect((await t.app.inject({ method: "PUT", url: `/api/rayons/${midden}/postcode-ranges`, headers: manager.headers, payload: { ranges: [{ from: "3500", to: "3599" }] } })).statusCode).toBe(200);
    const [week, weekday] = (cycleSlot(DAY, 2) as string).split("-").map(Number);
    expect((await t.app.inject({ method: "PUT", url: `/api/rayons/${midden}/sub-areas`, headers: manager.headers, payload: { cycleWeeks: 2, areas: [{ week, weekday, relationIds: ids }] } })).statusCode).toBe(200);
    // A fixed appointment at 15:00, not from a plan: a hard time window.
    fixedId = (await post("/api/appointments", { relationId: other, visitType: "quote_discussion", start: `${DAY}T15:00:00+01:00`, durationMinutes: 60 }, rep)).json().id;
    const { planId } = await resultOfJob(t.app, rep.headers, "/api/planning/cycle-plans", { startDate: DAY, weeks: 1 });
    expect((await post(`/api/planning/cycle-plans/${planId}/accept`, {}, rep, { "if-match": '"1"' })).statusCode).toBe(200);
    expect((await agenda()).length).toBe(AREAS.length + 1);
    // Many requests and a planning job: slow on a loaded machine.
  }, 180_000);
  afterAll(async () => t?.close());

  it("after a cancellation moves the rest of the day to the re-planned times, all or nothing; the fixed one stays", async () => {
    const route = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: DAY });
    const first = route.stops.find((s: Stop) => s.movable) as Stop;
    expect(first.start).toBe("08:30");
    expect((await post(`/api/appointments/${first.appointmentId}/cancel`, { reason: "klant ziek" }, rep, { "if-match": `"${first.appointmentVersion}"` })).statusCode).toBe(200);
    const replanned = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: DAY, replanFrom: first.start });
    const stops = stopsOf(replanned);
    expect(stops.map((s) => s.appointmentId)).not.toContain(first.appointmentId);
    const before = await timesOf();
    // The rest of the day moves up into the freed morning.
    const changed = stops.filter((s) => before[s.appointmentId] !== s.start);
    expect(changed.length).toBeGreaterThan(0);
    expect(replanned.stops.find((s: Stop) => s.appointmentId === fixedId)).toMatchObject({ movable: false, start: "15:00" });

    // Another rep may not; a fixed appointment may not move; a stale version writes nothing.
    expect((await post("/api/planning/routes/accept", { userId: rep.id, date: DAY, stops }, otherRep)).statusCode).toBe(403);
    const fixedMoved = await post("/api/planning/routes/accept", { date: DAY, stops: stops.map((s) => (s.appointmentId === fixedId ? { ...s, start: "13:00" } : s)) }, rep);
    expect(fixedMoved.statusCode).toBe(422);
    expect(fixedMoved.json().errors[0]).toMatchObject({ code: "appointment_fixed" });
    const last = changed[changed.length - 1] as (typeof changed)[number];
    const edited = await t.app.inject({ method: "PATCH", url: `/api/appointments/${last.appointmentId}`, headers: { ...rep.headers, "if-match": `"${last.version}"` }, payload: { notes: "Bel even aan" } });
    expect(edited.statusCode).toBe(200);
    const stale = await post("/api/planning/routes/accept", { date: DAY, stops }, rep);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().detail).toMatch(/plan the route again/);
    expect(await timesOf()).toEqual(before);

    // Planned again with the versions of now: accepted, and the agenda shows the route's times.
    const again = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: DAY, replanFrom: first.start });
    const fresh = stopsOf(again);
    const accepted = await post("/api/planning/routes/accept", { date: DAY, stops: fresh }, rep);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().moved.map((m: { appointmentId: number }) => m.appointmentId).sort()).toEqual(fresh.filter((s) => before[s.appointmentId] !== s.start).map((s) => s.appointmentId).sort());
    const after = await timesOf();
    for (const s of fresh) expect(after[s.appointmentId]).toBe(s.start);
    expect(after[fixedId]).toBe("15:00");
    // The same route once more: its versions are gone.
    expect((await post("/api/planning/routes/accept", { date: DAY, stops: fresh }, rep)).statusCode).toBe(412);
    // The day's route now is the agenda as it stands: nothing to move.
    const settled = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: DAY });
    for (const s of settled.stops as Stop[]) if (s.appointmentId !== null) expect(after[s.appointmentId]).toBe(s.start);
  });

  it("refuses an appointment of another day", async () => {
    const route = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: DAY });
    const stops = stopsOf(route);
    const otherDay = await post("/api/planning/routes/accept", { date: "2026-12-01", stops }, rep);
    expect(otherDay.statusCode).toBe(400);
    expect(otherDay.json().errors[0]).toMatchObject({ field: "stops.0.appointmentId", code: "appointment_not_on_day" });
  });

  it("moves a visit onto the fixed appointment's hour with the agenda's overlap warning, as the agenda itself would: one overlap policy", async () => {
    const route = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: DAY });
    const stops = stopsOf(route);
    const movable = route.stops.find((s: Stop) => s.movable) as Stop;
    const res = await post("/api/planning/routes/accept", { date: DAY, stops: stops.map((s) => (s.appointmentId === movable.appointmentId ? { ...s, start: "15:30" } : s)) }, rep);
    expect(res.statusCode).toBe(200);
    const moved = (res.json().moved as { appointmentId: number; to: string; warnings: { code: string; other?: { id: number } }[] }[]).find((m) => m.appointmentId === movable.appointmentId);
    expect(moved).toMatchObject({ to: "15:30" });
    expect(moved?.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: "overlap", other: expect.objectContaining({ id: fixedId }) })]));
    // The agenda says the same of both, at their times: the visit at 15:30 and the fixed one at 15:00.
    const day = (await t.app.inject({ method: "GET", url: `/api/appointments?from=${DAY}&to=${DAY}&userId=${rep.id}`, headers: rep.headers })).json();
    const items = (day.items ?? day) as (AgendaItem & { warnings: { code: string; other?: { id: number } }[] })[];
    const visit = items.find((a) => a.id === movable.appointmentId);
    const fixed = items.find((a) => a.id === fixedId);
    expect(visit?.startTime).toBe("15:30");
    expect(fixed?.startTime).toBe("15:00");
    expect(visit?.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: "overlap", other: expect.objectContaining({ id: fixedId }) })]));
    expect(fixed?.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: "overlap", other: expect.objectContaining({ id: movable.appointmentId }) })]));
    // Moving it in the agenda onto the same hour is the same: planned, with the same warning.
    const direct = await t.app.inject({ method: "PATCH", url: `/api/appointments/${movable.appointmentId}`, headers: { ...rep.headers, "if-match": `"${visit?.version}"` }, payload: { start: `${DAY}T15:15:00+01:00` } });
    expect(direct.statusCode).toBe(200);
    expect(direct.json().warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: "overlap", other: expect.objectContaining({ id: fixedId }) })]));
  });
});
