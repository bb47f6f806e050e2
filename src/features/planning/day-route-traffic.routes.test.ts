import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { resultOfJob } from "../../test-support/jobs.js";

type Stop = { relation: { name: string }; start: string; arrival: string; travelMinutes: number; peakDelayMinutes: number };

describe.each(ENGINES)("a day's route against the traffic on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  const day = "2026-12-08";

  beforeAll(async () => {
    t = await startTestApp(engine);
    // Home in Houten, south of Utrecht; an appointment in Amsterdam at 08:30, one in Amersfoort at 14:00.
    rep = await t.userWithRole("field_sales", { rayonNames: ["Midden"], homePostcode: "3991 AA", homeCity: "Houten" });
    const relation = async (name: string, visitPostcode: string, visitCity: string) =>
      (await t.app.inject({ method: "POST", url: "/api/relations", headers: rep.headers, payload: { name, visitPostcode, visitCity, status: "customer", accountClass: "A", statusReason: "test" } })).json().id;
    const amsterdam = await relation("Grachten BV", "1012 AB", "Amsterdam");
    const amersfoort = await relation("Eemland BV", "3811 AA", "Amersfoort");
    for (const [relationId, start] of [
      [amsterdam, `${day}T08:30:00+01:00`],
      [amersfoort, `${day}T14:00:00+01:00`],
    ] as const) {
      const res = await t.app.inject({ method: "POST", url: "/api/appointments", headers: rep.headers, payload: { relationId, visitType: "follow_up", start, durationMinutes: 60 } });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  it("counts the morning jam into Amsterdam, so the rep leaves home earlier; nothing without the option or against the traffic", async () => {
    const plain = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: day });
    const against = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date: day, againstTraffic: true });
    expect(plain.againstTraffic).toBe(false);
    expect(against.againstTraffic).toBe(true);
    const [plainFirst, plainSecond] = plain.stops as Stop[];
    const [first, second] = against.stops as Stop[];
    expect(plainFirst?.peakDelayMinutes).toBe(0);
    expect(first?.relation.name).toBe("Grachten BV");
    // Arriving in Amsterdam at 08:30 after about an hour's drive: 40 % of it, 10 to 25 minutes.
    expect(first?.peakDelayMinutes).toBeGreaterThanOrEqual(10);
    expect(first?.peakDelayMinutes).toBeLessThanOrEqual(25);
    // Each figure is rounded to whole minutes on its own.
    expect(Math.abs((first?.travelMinutes ?? 0) - (plainFirst?.travelMinutes ?? 0) - (first?.peakDelayMinutes ?? 0))).toBeLessThanOrEqual(1);
    expect(against.leaveHome < plain.leaveHome).toBe(true);
    expect(first?.start).toBe("08:30");
    // Out of Amsterdam at 09:30 is against the traffic: no delay on the way to Amersfoort.
    expect(second?.peakDelayMinutes).toBe(0);
    expect(second?.travelMinutes).toBe(plainSecond?.travelMinutes);
    expect(against.travelMinutes).toBeGreaterThan(plain.travelMinutes);
  });

  it("refuses an option that is not true or false", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/planning/routes", headers: rep.headers, payload: { date: day, againstTraffic: "ja" } });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});
