import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, newRelation } from "../activities/crm-test-helpers.js";

describe.each(ENGINES)("selling-time report on %s", (engine) => {
  let t: TestApp;
  let ria: { id: number; headers: Headers };
  let sem: { id: number; headers: Headers };
  let manager: { id: number; headers: Headers };
  const get = (url: string, headers = manager.headers) => t.app.inject({ method: "GET", url, headers });

  beforeAll(async () => {
    t = await startTestApp(engine);
    ria = await t.userWithRole("field_sales", { name: "Ria Reiziger" });
    sem = await t.userWithRole("field_sales", { name: "Sem Stilzitter" });
    manager = await t.userWithRole("sales_manager");
    // Ria lives in Utrecht (the home is written as the user service would, from a postcode).
    await t.database.handle.db.updateTable("users").set({ home_lat: 52.09, home_lon: 5.12, home_geo_source: "pc4", home_geo_precision_m: 1000 }).where("id", "=", ria.id).execute();
    const amersfoort = await newRelation(t, ria.headers, { name: "Amersfoort BV", visitPostcode: "3811 AA", visitCity: "Amersfoort", status: "customer" });
    const utrecht = await newRelation(t, ria.headers, { name: "Utrecht BV", visitPostcode: "3511 AB", visitCity: "Utrecht", status: "customer" });
    const amersfoort2 = await newRelation(t, ria.headers, { name: "Amersfoort Twee BV", visitPostcode: "3812 AB", visitCity: "Amersfoort", status: "prospect" });
    const plan = async (relationId: number, start: string, durationMinutes: number) => {
      const res = await t.app.inject({ method: "POST", url: "/api/appointments", headers: ria.headers, payload: { relationId, visitType: "follow_up", start, durationMinutes } });
      if (res.statusCode !== 201) throw new Error(res.body);
    };
    // Monday 30 November: first visit at 09:30 (an hour late), and Amersfoort – Utrecht – Amersfoort.
    await plan(amersfoort, "2026-11-30T09:30:00+01:00", 60);
    await plan(utrecht, "2026-11-30T11:30:00+01:00", 60);
    await plan(amersfoort2, "2026-11-30T14:00:00+01:00", 45);
    // Tuesday: on time.
    await plan(utrecht, "2026-12-01T08:30:00+01:00", 60);
  });
  afterAll(async () => t?.close());

  it("sums selling and travel time per rep and ISO week, with the late starts and what a better order would save", async () => {
    const res = await get("/api/reports/selling-time?from=2026-11-30&to=2026-12-06");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.travelModel).toBe("haversine");
    const row = body.reps.find((r: { user: { id: number } }) => r.user.id === ria.id);
    expect(row.homeKnown).toBe(true);
    expect(row.weeks).toHaveLength(1);
    const week = row.weeks[0];
    expect(week).toMatchObject({ week: "2026-W49", days: 2, visits: 4, sellingMinutes: 225, lateStartMinutes: 60, unlocated: 0 });
    // Utrecht – Amersfoort is about 20 km: tens of minutes each way, plus 4 minutes' parking per visit.
    expect(week.travelMinutes).toBeGreaterThan(40);
    expect(week.travelMinutes).toBeLessThan(120);
    // Utrecht first and both Amersfoort visits together is shorter than going there twice.
    expect(week.routeSavingMinutes).toBeGreaterThan(10);
    expect(body.reps.find((r: { user: { id: number } }) => r.user.id === sem.id).weeks).toEqual([]);
    // One rep with visits, 30 late minutes a day on average: 1 × 4 days × 46 weeks × 30 min = 92 hours a year.
    expect(body.gain).toMatchObject({ reps: 1, daysPerWeek: 4, weeksPerYear: 46, lateStartMinutesPerDay: 30, startEarlierHours: 92 });
    expect(body.gain.withRouteDisciplineHours).toBeGreaterThan(92);
  });

  it("shows a rep only their own row, refuses roles without per-rep reports, and bad periods with a problem", async () => {
    const own = (await get("/api/reports/selling-time?from=2026-11-30&to=2026-12-06", sem.headers)).json();
    expect(own.reps.map((r: { user: { id: number } }) => r.user.id)).toEqual([sem.id]);
    const marketing = await t.userWithRole("marketing");
    expect((await get("/api/reports/selling-time?from=2026-11-30&to=2026-12-06", marketing.headers)).statusCode).toBe(403);
    expect((await get("/api/reports/selling-time?from=2026-12-06&to=2026-11-30")).json().errors[0]).toMatchObject({ field: "to", code: "period_reversed" });
    expect((await get("/api/reports/selling-time?from=2026-01-01&to=2026-06-30")).json().errors[0]).toMatchObject({ field: "to", code: "range_too_long" });
    for (const query of ["from=30-11-2026&to=2026-12-06", "from=2026-11-30", "from=2026-11-30&to=2026-12-06&daysPerWeek=6", "from=2026-11-30&to=2026-12-06&rep=1"]) {
      const res = await get(`/api/reports/selling-time?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });
});
