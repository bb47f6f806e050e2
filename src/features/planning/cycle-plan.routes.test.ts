import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { resultOfJob, waitForJob } from "../../test-support/jobs.js";
import { writeCrmSettings } from "../followups/crm-settings.service.js";
import { cycleSlot } from "./cycle-plan.service.js";

type User = { id: number; headers: Record<string, string> };
// Postcode areas in and around Utrecht (rayon Midden, drawn as 3500–3599).
const AREAS = ["3511", "3512", "3513", "3521", "3522", "3523", "3531", "3532", "3541", "3542", "3551", "3552", "3561", "3562", "3571", "3572", "3581", "3582", "3583", "3584"];
const START = "2026-11-30";

describe.each(ENGINES)("cycle plans and day routes on %s", (engine) => {
  let t: TestApp;
  let rep: User;
  let otherRep: User;
  let manager: User;
  let homeless: User;
  const relations: number[] = [];
  let keyAccount: number;
  let fixedAppointment: number;
  /** Slots of the cycle in the order of the first two weeks of the plan. */
  const slotOfDate = (date: string) => cycleSlot(date, 2) as string;

  const post = (url: string, payload: unknown, user: User, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "POST", url, headers: { ...user.headers, ...headers }, payload: payload as Record<string, unknown> });
  const appointmentCount = async () => Number((await t.ctx.db.selectFrom("appointments").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { rayonNames: ["Midden"], homePostcode: "3511 AK", homeCity: "Utrecht" });
    otherRep = await t.userWithRole("field_sales", { rayonNames: ["Oost"], homePostcode: "7311 KB", homeCity: "Apeldoorn" });
    homeless = await t.userWithRole("field_sales", { rayonNames: ["Midden"] });
    manager = await t.userWithRole("sales_manager");
    // A key account norm of 52 a year: more than a two-week cycle can give it.
    await writeCrmSettings(t.ctx.db, { visitNorms: { key: 52, A: 6, B: 4, C: 0 } });
    for (const area of AREAS) {
      const res = await post("/api/relations", { name: `Klant ${area}`, visitPostcode: `${area} AB`, visitCity: "Utrecht", status: "customer", accountClass: "A", statusReason: "test" }, rep);
      relations.push(res.json().id);
    }
    keyAccount = (await post("/api/relations", { name: "Sleutelklant", visitPostcode: "3515 AA", visitCity: "Utrecht", status: "customer", accountClass: "key", statusReason: "test" }, rep)).json().id;
    // In the ranges but nowhere to be found: listed, planned nowhere.
    const nowhere = (await post("/api/relations", { name: "Nergens BV", visitPostcode: "3599 ZZ", visitCity: "Nergenshuizen", status: "prospect", accountClass: "A", statusReason: "test" }, rep)).json().id;
    const rayons = (await t.app.inject({ method: "GET", url: "/api/rayons", headers: rep.headers })).json().items as { id: number; name: string }[];
    const midden = (rayons.find((r) => r.name === "Midden") as { id: number }).id;
    expect((await t.app.inject({ method: "PUT", url: `/api/rayons/${midden}/postcode-ranges`, headers: manager.headers, payload: { ranges: [{ from: "3500", to: "3599" }] } })).statusCode).toBe(200);
    // Two relations per cycle day; the key account and the unfound one on the plan's first Monday.
    const areas = Array.from({ length: 10 }, (_, i) => ({ week: Math.floor(i / 5) + 1, weekday: (i % 5) + 1, relationIds: relations.slice(i * 2, i * 2 + 2) }));
    const monday = slotOfDate(START);
    const first = areas.find((a) => `${a.week}-${a.weekday}` === monday) as (typeof areas)[number];
    first.relationIds.push(keyAccount, nowhere);
    expect((await t.app.inject({ method: "PUT", url: `/api/rayons/${midden}/sub-areas`, headers: manager.headers, payload: { cycleWeeks: 2, areas } })).statusCode).toBe(200);
    // Visit history: the first relation of every area visited four months ago (due), the second ten days ago (not due).
    for (const [i, area] of areas.entries()) {
      for (const [j, id] of area.relationIds.slice(0, 2).entries()) {
        const start = j === 0 ? `2026-07-${String(10 + i).padStart(2, "0")}T10:00:00+02:00` : "2026-11-17T10:00:00+01:00";
        const res = await post("/api/appointments", { relationId: id, visitType: "follow_up", start, durationMinutes: 60 }, rep);
        expect(res.statusCode).toBe(201);
      }
    }
    // A fixed appointment on the first Monday at 11:00 with a relation of the Tuesday area.
    const tuesdayArea = areas.find((a) => `${a.week}-${a.weekday}` === slotOfDate("2026-12-01")) as (typeof areas)[number];
    fixedAppointment = (await post("/api/appointments", { relationId: tuesdayArea.relationIds[1], visitType: "quote_discussion", start: "2026-11-30T11:00:00+01:00", durationMinutes: 60 }, rep)).json().id;
  });
  afterAll(async () => t?.close());

  it("refuses bad requests before a job starts: weeks ≤ 0, no home, no sub-areas, another rep's plan", async () => {
    const before = await appointmentCount();
    const weeks = await post("/api/planning/cycle-plans", { weeks: 0 }, rep);
    expect(weeks.statusCode).toBe(400);
    expect(weeks.json().errors[0]).toMatchObject({ field: "weeks", code: "weeks_invalid" });
    expect((await post("/api/planning/cycle-plans", { weeks: -2 }, rep)).statusCode).toBe(400);
    const home = await post("/api/planning/cycle-plans", { weeks: 2 }, homeless);
    expect(home.json().errors).toContainEqual(expect.objectContaining({ field: "userId", code: "home_missing" }));
    const noAreas = await post("/api/planning/cycle-plans", { weeks: 2 }, otherRep);
    expect(noAreas.json().errors).toContainEqual(expect.objectContaining({ field: "userId", code: "no_sub_areas" }));
    expect((await post("/api/planning/cycle-plans", { weeks: 2, userId: rep.id }, otherRep)).statusCode).toBe(403);
    expect((await post("/api/planning/routes", { date: START, userId: rep.id }, otherRep)).statusCode).toBe(403);
    expect((await post("/api/planning/cycle-plans", { weeks: 2, extra: 1 }, rep)).statusCode).toBe(400);
    expect((await t.ctx.db.selectFrom("jobs").select("id").where("kind", "like", "planning.%").execute()).length).toBe(0);
    expect(await appointmentCount()).toBe(before);
  });

  it("lists the reps a manager may plan for, and only himself to a rep", async () => {
    const mine = (await t.app.inject({ method: "GET", url: "/api/planning/reps", headers: rep.headers })).json().items;
    expect(mine.map((r: { id: number }) => r.id)).toEqual([rep.id]);
    expect(mine[0]).toMatchObject({ hasHome: true, subAreas: 10, cycleWeeks: 2 });
    const all = (await t.app.inject({ method: "GET", url: "/api/planning/reps", headers: manager.headers })).json().items.map((r: { id: number }) => r.id);
    expect(all).toEqual(expect.arrayContaining([rep.id, otherRep.id, homeless.id]));
    // Inside sales plans for the field reps of the rayons it serves, not for others.
    const inside = await t.userWithRole("inside_sales", { rayonNames: ["Midden"] });
    const served = (await t.app.inject({ method: "GET", url: "/api/planning/reps", headers: inside.headers })).json().items.map((r: { id: number }) => r.id);
    expect(served).toEqual(expect.arrayContaining([rep.id, homeless.id]));
    expect(served).not.toContain(otherRep.id);
    expect((await post("/api/planning/cycle-plans", { weeks: 2, userId: otherRep.id }, inside)).statusCode).toBe(403);
  });

  let planId: number;

  it("plans due relations on their sub-area's day around fixed appointments, and says what cannot be", async () => {
    const result = await resultOfJob(t.app, manager.headers, "/api/planning/cycle-plans", { userId: rep.id, startDate: START, weeks: 2, daysOff: ["2026-12-04"] });
    planId = result.planId;
    const res = await t.app.inject({ method: "GET", url: `/api/planning/cycle-plans/${planId}`, headers: rep.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const plan = res.json();
    expect(plan).toMatchObject({ state: "draft", forUser: { id: rep.id }, startDate: START, endDate: "2026-12-13", weeks: 2, cycleWeeks: 2, travelModel: "haversine" });
    const visits = plan.days.flatMap((d: { date: string; slot: string; visits: { kind: string; relation: { id: number } }[] }) => d.visits.map((v) => ({ ...v, date: d.date, slot: d.slot })));
    const planned = visits.filter((v: { kind: string }) => v.kind === "planned");
    // Every due relation (visited in July) is planned on its own sub-area's day, except on the day off.
    const areas = (await t.app.inject({ method: "GET", url: "/api/planning/reps", headers: rep.headers })).json();
    expect(areas.items[0].subAreas).toBe(10);
    for (const v of planned) expect(v.slot).toBe(slotOfDate(v.date));
    const plannedIds = planned.map((v: { relation: { id: number } }) => v.relation.id);
    expect(new Set(plannedIds).size).toBe(plannedIds.length);
    // The second relation of each area was visited ten days ago: not due.
    for (let i = 0; i < 10; i++) expect(plannedIds).not.toContain(relations[i * 2 + 1]);
    const fridayArea = relations.filter((_, i) => i % 2 === 0).filter((id) => !plannedIds.includes(id));
    expect(plan.summary.unplaced.map((u: { relation: { id: number } }) => u.relation.id)).toEqual(expect.arrayContaining(fridayArea));
    expect(plan.summary.unplaced.find((u: { reason: string }) => u.reason === "day_off")).toMatchObject({ tried: ["2026-12-04"] });
    // The fixed appointment keeps its time; nothing overlaps on that Monday; the first visit starts at 08:30.
    const monday = plan.days.find((d: { date: string }) => d.date === START);
    expect(monday.visits.find((v: { kind: string }) => v.kind === "fixed")).toMatchObject({ appointmentId: fixedAppointment, start: "11:00", end: "12:00" });
    expect(monday.visits[0].start).toBe("08:30");
    const spans = monday.visits.map((v: { start: string; end: string }) => [v.start, v.end]).sort();
    for (let i = 1; i < spans.length; i++) expect(spans[i][0] >= spans[i - 1][1]).toBe(true);
    expect(monday.travelMinutes).toBeGreaterThan(0);
    expect(monday.sellingMinutes).toBe(monday.visits.reduce((s: number, v: { durationMinutes: number }) => s + v.durationMinutes, 0));
    // Bad input is data: the unfound relation is listed, the key account's norm is too high for the cycle.
    expect(plan.summary.withoutLocation.map((r: { name: string }) => r.name)).toEqual(["Nergens BV"]);
    expect(plan.summary.normConflicts).toEqual([{ relation: { id: keyAccount, name: "Sleutelklant" }, norm: 52, possible: 26 }]);
    // The route of a draft's day takes its visits along before they are in the agenda.
    const route = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: START, planId });
    expect(route.stops.map((s: { relation: { id: number } }) => s.relation.id).sort()).toEqual(monday.visits.map((v: { relation: { id: number } }) => v.relation.id).sort());
    expect((await post("/api/planning/routes", { date: START, planId, userId: manager.id }, manager)).statusCode).toBe(400);
  });

  it("does not show a plan to another rep, nor lets him accept it", async () => {
    expect((await t.app.inject({ method: "GET", url: `/api/planning/cycle-plans/${planId}`, headers: otherRep.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/planning/cycle-plans", headers: otherRep.headers })).json().items).toEqual([]);
    const before = await appointmentCount();
    expect((await post(`/api/planning/cycle-plans/${planId}/accept`, {}, otherRep, { "if-match": '"1"' })).statusCode).toBe(404);
    expect(await appointmentCount()).toBe(before);
  });

  it("accepts a plan once: its visits become appointments, again changes nothing, a stale version is 412", async () => {
    const before = await appointmentCount();
    const plan = (await t.app.inject({ method: "GET", url: `/api/planning/cycle-plans/${planId}`, headers: rep.headers })).json();
    expect((await post(`/api/planning/cycle-plans/${planId}/accept`, {}, rep)).statusCode).toBe(428);
    expect((await post(`/api/planning/cycle-plans/${planId}/accept`, {}, rep, { "if-match": '"7"' })).statusCode).toBe(412);
    expect(await appointmentCount()).toBe(before);
    const accepted = await post(`/api/planning/cycle-plans/${planId}/accept`, {}, rep, { "if-match": '"1"' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ state: "accepted", version: 2, acceptedBy: { id: rep.id } });
    expect(await appointmentCount()).toBe(before + plan.totals.plannedVisits);
    const again = await post(`/api/planning/cycle-plans/${planId}/accept`, {}, rep, { "if-match": '"2"' });
    expect(again.statusCode).toBe(200);
    expect((await post(`/api/planning/cycle-plans/${planId}/accept`, {}, rep, { "if-match": '"1"' })).statusCode).toBe(412);
    expect(await appointmentCount()).toBe(before + plan.totals.plannedVisits);
    const discard = await post(`/api/planning/cycle-plans/${planId}/discard`, {}, rep, { "if-match": '"2"' });
    expect(discard.statusCode).toBe(422);
    expect(discard.json().errors[0]).toMatchObject({ code: "plan_not_draft" });
    // The agenda shows them on the planned day and time.
    const monday = accepted.json().days.find((d: { date: string }) => d.date === START);
    const agenda = (await t.app.inject({ method: "GET", url: `/api/appointments?from=${START}&to=${START}&userId=${rep.id}`, headers: rep.headers })).json();
    const items = agenda.items ?? agenda;
    for (const v of monday.visits) expect(items.some((a: { relation: { id: number }; startTime: string }) => a.relation.id === v.relation.id && a.startTime === v.start)).toBe(true);
  });

  it("discards a draft, after which it cannot be accepted", async () => {
    const result = await resultOfJob(t.app, rep.headers, "/api/planning/cycle-plans", { startDate: "2026-12-14", weeks: 1 });
    const discarded = await post(`/api/planning/cycle-plans/${result.planId}/discard`, {}, rep, { "if-match": '"1"' });
    expect(discarded.json().state).toBe("discarded");
    const before = await appointmentCount();
    const accept = await post(`/api/planning/cycle-plans/${result.planId}/accept`, {}, rep, { "if-match": '"2"' });
    expect(accept.statusCode).toBe(422);
    expect(await appointmentCount()).toBe(before);
  });

  it("orders a day's route from home and back; fixed appointments keep their time", async () => {
    const route = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: START });
    expect(route.feasible).toBe(true);
    expect(route.exact).toBe(true);
    expect(route.stops.length).toBeGreaterThanOrEqual(2);
    const fixed = route.stops.find((s: { appointmentId: number }) => s.appointmentId === fixedAppointment);
    expect(fixed).toMatchObject({ movable: false, start: "11:00", departure: "12:00" });
    expect(route.stops[0].start).toBe("08:30");
    expect(route.leaveHome < route.stops[0].arrival || route.leaveHome === route.stops[0].arrival).toBe(true);
    for (let i = 1; i < route.stops.length; i++) expect(route.stops[i].arrival >= route.stops[i - 1].departure).toBe(true);
    expect(route.travelMinutes).toBeGreaterThan(0);
    // A day without appointments is an empty route, not an error.
    const empty = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: "2026-12-05" });
    expect(empty).toMatchObject({ feasible: true, stops: [], leaveHome: null });
  });

  it("re-plans a day after a cancellation and offers nearby relations for the gap", async () => {
    const day = "2026-12-21";
    const make = async (relationId: number, start: string) => (await post("/api/appointments", { relationId, visitType: "follow_up", start, durationMinutes: 60 }, rep)).json();
    const morning = await make(relations[4] as number, `${day}T09:00:00+01:00`);
    const middle = await make(relations[5] as number, `${day}T11:00:00+01:00`);
    await make(relations[6] as number, `${day}T14:00:00+01:00`);
    const cancel = await post(`/api/appointments/${middle.id}/cancel`, { reason: "klant ziek" }, rep, { "if-match": `"${middle.version}"` });
    expect(cancel.statusCode).toBe(200);
    const route = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: day });
    expect(route.stops.map((s: { appointmentId: number }) => s.appointmentId)).not.toContain(middle.id);
    expect(route.stops[0]).toMatchObject({ appointmentId: morning.id, start: "09:00" });
    expect(route.gaps).toHaveLength(1);
    expect(route.gaps[0]).toMatchObject({ after: { id: relations[4] }, until: "14:00" });
    const offered = route.gaps[0].alternatives.map((a: { id: number }) => a.id);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContain(relations[4]);
    expect(offered).not.toContain(relations[6]);
  });

  it("fails a job cleanly when the home went missing after the request", async () => {
    const res = await post("/api/planning/cycle-plans", { startDate: START, weeks: 1 }, rep);
    await t.ctx.db.updateTable("users").set({ home_lat: null, home_lon: null }).where("id", "=", rep.id).execute();
    const job = await waitForJob(t.app, rep.headers, res.json().id);
    await t.ctx.db.updateTable("users").set({ home_lat: 52.09, home_lon: 5.12 }).where("id", "=", rep.id).execute();
    // Either the job ran first (a plan) or it found no home (failed with the reason): never a crash.
    if (job.state === "failed") expect(job.error?.message).toBeTruthy();
    else expect(job.state).toBe("succeeded");
  });
});
