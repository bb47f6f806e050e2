import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { resultOfJob } from "../../test-support/jobs.js";

type Stop = { relation: { name: string }; start: string; arrival: string; travelMinutes: number; peakDelayMinutes: number };

describe.each(ENGINES)("a day's route against the traffic, and re-planned after a cancellation, on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  const day = "2026-12-08";

  beforeAll(async () => {
    t = await startTestApp(engine);
    // Home in Houten, south of Utrecht; an appointment in Amsterdam at 08:30, one in Amersfoort at 14:00.
    rep = await t.userWithRole("field_sales", { rayonNames: ["Midden"], homePostcode: "3991 AA", homeCity: "Houten" });
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

  const relation = async (name: string, visitPostcode: string, visitCity: string) =>
    (await t.app.inject({ method: "POST", url: "/api/relations", headers: rep.headers, payload: { name, visitPostcode, visitCity, status: "customer", accountClass: "A", statusReason: "test" } })).json().id as number;
  const appointment = async (relationId: number, start: string) =>
    (await t.app.inject({ method: "POST", url: "/api/appointments", headers: rep.headers, payload: { relationId, visitType: "follow_up", start, durationMinutes: 60 } })).json() as { id: number; version: number };

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

  it("re-plans the rest of the day from the cancelled visit's time: what came before stays, the gap offers nearby customers", async () => {
    const date = "2026-12-09";
    const amsterdam = await relation("Prinsengracht BV", "1016 AB", "Amsterdam");
    const cancelledAt = await relation("Jordaan BV", "1015 AB", "Amsterdam");
    const nearby = await relation("Westerkerk BV", "1016 CD", "Amsterdam");
    const amersfoort = await relation("Eempolder BV", "3812 AA", "Amersfoort");
    const first = await appointment(amsterdam, `${date}T08:30:00+01:00`);
    const middle = await appointment(cancelledAt, `${date}T11:00:00+01:00`);
    await appointment(amersfoort, `${date}T14:30:00+01:00`);
    const before = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date });
    const stop = (before.stops as { appointmentId: number; appointmentVersion: number }[]).find((s) => s.appointmentId === middle.id);
    expect(stop?.appointmentVersion).toBe(middle.version);
    // The rep cancels the 11:00 visit from the route, with the version the route gave.
    const cancel = await t.app.inject({ method: "POST", url: `/api/appointments/${middle.id}/cancel`, headers: { ...rep.headers, "if-match": `"${stop?.appointmentVersion}"` }, payload: { reason: "afgezegd" } });
    expect(cancel.statusCode).toBe(200);
    const after = await resultOfJob(t.app, rep.headers, "/api/planning/routes", { date, replanFrom: "11:00" });
    expect(after.replanFrom).toBe("11:00");
    expect(after.stops.map((s: { appointmentId: number }) => s.appointmentId)).not.toContain(middle.id);
    expect(after.stops[0]).toMatchObject({ appointmentId: first.id, start: "08:30" });
    expect(after.gaps).toHaveLength(1);
    expect(after.gaps[0]).toMatchObject({ after: { id: amsterdam }, until: "14:30" });
    expect(after.gaps[0].alternatives.map((a: { id: number }) => a.id)).toContain(nearby);
    const bad = await t.app.inject({ method: "POST", url: "/api/planning/routes", headers: rep.headers, payload: { date, replanFrom: "elf uur" } });
    expect(bad.statusCode).toBe(400);
  });
});
