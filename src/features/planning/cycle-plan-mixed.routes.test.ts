import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cycleSlot } from "../../planning/cycle-plan.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { resultOfJob } from "../../test-support/jobs.js";
import { writeCrmSettings } from "../followups/crm-settings.service.js";
import { planningReps } from "./cycle-plan.service.js";

type User = { id: number; headers: Record<string, string> };

/** Counts the statements a database handle sends. */
function counter(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        n++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    count: () => n,
  };
}
// Week 1 of both the 2-week and the 3-week cycle; six weeks are both cycles whole (lcm 2, 3).
const START = "2026-12-07";

describe.each(ENGINES)("a rep with a 2-week and a 3-week rayon on %s", (engine) => {
  let t: TestApp;
  let rep: User;
  let manager: User;
  const ids: Record<string, number> = {};

  const post = (url: string, payload: unknown, user: User) => t.app.inject({ method: "POST", url, headers: user.headers, payload: payload as Record<string, unknown> });
  const put = (url: string, payload: unknown) => t.app.inject({ method: "PUT", url, headers: manager.headers, payload: payload as Record<string, unknown> });

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { rayonNames: ["Utrecht-Stad", "Heuvelrug"], homePostcode: "3511 AK", homeCity: "Utrecht" });
    manager = await t.userWithRole("sales_manager");
    // A: every 14 days (each turn of a 2-week day), B: every 21 days (each turn of a 3-week day).
    await writeCrmSettings(t.ctx.db, { visitNorms: { key: 52, A: 26, B: 17, C: 0 } });
    const make = async (key: string, postcode: string, city: string, accountClass: string) => {
      ids[key] = (await post("/api/relations", { name: `Klant ${key}`, visitPostcode: `${postcode} AB`, visitCity: city, status: "customer", accountClass, statusReason: "test" }, rep)).json().id;
      // Visited in July: overdue, so due on the first turn of its day.
      expect((await post("/api/appointments", { relationId: ids[key], visitType: "follow_up", start: "2026-07-01T10:00:00+02:00", durationMinutes: 60 }, rep)).statusCode).toBe(201);
    };
    await make("stadMaandag", "3512", "Utrecht", "A");
    await make("stadWoensdag", "3521", "Utrecht", "A");
    await make("zeistDinsdag3", "3701", "Zeist", "B");
    await make("zeistMaandag", "3702", "Zeist", "B");
    const rayons = (await t.app.inject({ method: "GET", url: "/api/rayons", headers: rep.headers })).json().items as { id: number; name: string }[];
    const rayon = (name: string) => (rayons.find((r) => r.name === name) as { id: number }).id;
    expect((await put(`/api/rayons/${rayon("Utrecht-Stad")}/postcode-ranges`, { ranges: [{ from: "3500", to: "3599" }] })).statusCode).toBe(200);
    expect((await put(`/api/rayons/${rayon("Heuvelrug")}/postcode-ranges`, { ranges: [{ from: "3700", to: "3709" }] })).statusCode).toBe(200);
    const stad = await put(`/api/rayons/${rayon("Utrecht-Stad")}/sub-areas`, {
      cycleWeeks: 2,
      areas: [
        { week: 1, weekday: 1, relationIds: [ids.stadMaandag] },
        { week: 2, weekday: 3, relationIds: [ids.stadWoensdag] },
      ],
    });
    expect(stad.statusCode).toBe(200);
    const heuvelrug = await put(`/api/rayons/${rayon("Heuvelrug")}/sub-areas`, {
      cycleWeeks: 3,
      areas: [
        { week: 3, weekday: 2, relationIds: [ids.zeistDinsdag3] },
        { week: 1, weekday: 1, relationIds: [ids.zeistMaandag] },
      ],
    });
    expect(heuvelrug.statusCode).toBe(200);
    // Many requests and a planning job: slow on a loaded machine.
  }, 180_000);
  afterAll(async () => t?.close());

  it("plans every sub-area on the days of its own rayon's cycle, the 3-week rayon's week 3 too", async () => {
    const { planId } = await resultOfJob(t.app, rep.headers, "/api/planning/cycle-plans", { startDate: START, weeks: 6 });
    const plan = (await t.app.inject({ method: "GET", url: `/api/planning/cycle-plans/${planId}`, headers: rep.headers })).json();
    const datesOf = (id: number | undefined) => plan.days.filter((d: { visits: { relation: { id: number } }[] }) => d.visits.some((v) => v.relation.id === id)).map((d: { date: string }) => d.date);
    expect(datesOf(ids.stadMaandag)).toEqual(["2026-12-07", "2026-12-21", "2027-01-04"]);
    expect(datesOf(ids.stadWoensdag)).toEqual(["2026-12-16", "2026-12-30", "2027-01-13"]);
    expect(datesOf(ids.zeistDinsdag3)).toEqual(["2026-12-22", "2027-01-12"]);
    expect(datesOf(ids.zeistMaandag)).toEqual(["2026-12-07", "2026-12-28"]);
    for (const date of datesOf(ids.zeistDinsdag3)) expect(cycleSlot(date, 3)).toBe("3-2");
    expect(plan.summary.unplaced).toEqual([]);
    expect(plan.cycleWeeks).toBe(3);
    // Both rayons' Mondays of week 1 fall on 7 December: said, and the two visits share the day without overlapping.
    expect(plan.summary.dayClashes).toHaveLength(1);
    expect(plan.summary.dayClashes[0].date).toBe("2026-12-07");
    expect(plan.summary.dayClashes[0].subAreas.map((a: { rayon: { name: string }; cycleWeeks: number; week: number; weekday: number }) => [a.rayon.name, a.cycleWeeks, a.week, a.weekday]).sort()).toEqual([
      ["Heuvelrug", 3, 1, 1],
      ["Utrecht-Stad", 2, 1, 1],
    ]);
    const monday = plan.days.find((d: { date: string }) => d.date === START);
    const [a, b] = monday.visits.map((v: { start: string; end: string }) => [v.start, v.end]).sort();
    expect(b[0] >= a[1]).toBe(true);
  });

  it("lists any number of reps in the same few queries, with each rep's sub-areas", async () => {
    const many = async () => {
      const c = counter();
      const items = await planningReps(t.ctx.db.withPlugin(c.plugin), { id: manager.id, role: "sales_manager", profitResponsible: false, rayonIds: [] });
      return { items, queries: c.count() };
    };
    const few = await many();
    // Twelve reps more, each in a rayon of its own, half of them in Heuvelrug (four sub-areas between them).
    for (let i = 0; i < 12; i++) await t.userWithRole("field_sales", { rayonNames: i % 2 === 0 ? [`Extra ${i}`, "Heuvelrug"] : [`Extra ${i}`] });
    const more = await many();
    expect(more.items.length).toBe(few.items.length + 12);
    expect(more.queries).toBe(few.queries);
    expect(more.queries).toBeLessThanOrEqual(3);
    const res = await t.app.inject({ method: "GET", url: "/api/planning/reps", headers: manager.headers });
    expect(res.json().items).toEqual(more.items);
    expect(more.items.find((r: { id: number }) => r.id === rep.id)).toMatchObject({ hasHome: true, subAreas: 4 });
    const extra = more.items.filter((r) => r.name.startsWith("field_sales") && r.id !== rep.id);
    expect(extra.map((r) => r.subAreas).sort()).toEqual([0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2]);
    expect(extra.filter((r) => r.subAreas === 2).every((r) => r.cycleWeeks === 3 && !r.hasHome)).toBe(true);
    expect(extra.filter((r) => r.subAreas === 0).every((r) => r.cycleWeeks === null)).toBe(true);
    // A rep sees himself only.
    expect((await t.app.inject({ method: "GET", url: "/api/planning/reps", headers: rep.headers })).json().items.map((r: { id: number }) => r.id)).toEqual([rep.id]);
  });
});
