import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";

type Area = { id: number; week: number; weekday: number; relationIds: number[]; workload: number };

describe.each(ENGINES)("editing sub-areas on %s", (engine) => {
  let t: TestApp;
  let manager: { id: number; headers: Record<string, string> };
  let rayonId: number;
  const rel: Record<string, number> = {};
  let areas: Area[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await t.userWithRole("sales_manager", { rayonNames: ["Sticht"] });
    const rayons = (await t.app.inject({ method: "GET", url: "/api/rayons", headers: manager.headers })).json().items as { id: number; name: string }[];
    rayonId = (rayons.find((r) => r.name === "Sticht") as { id: number }).id;
    // Two A accounts (6 visits a year each) and a B (4 by default) in 3511, two A in 3581.
    const add = async (key: string, postcode: string, accountClass: string) => {
      rel[key] = (await t.app.inject({ method: "POST", url: "/api/relations", headers: manager.headers, payload: { name: `${key} BV`, visitPostcode: postcode, visitCity: "Utrecht", status: "customer", accountClass } })).json().id;
    };
    await add("Dom", "3511 AB", "A");
    await add("Neude", "3511 CD", "A");
    await add("Oudegracht", "3511 EF", "B");
    await add("Uithof", "3584 AA", "A");
    await add("Rijnsweerd", "3584 CC", "A");
    await add("Amsterdam", "1011 AB", "A");
    await t.app.inject({ method: "PUT", url: `/api/rayons/${rayonId}/postcode-ranges`, headers: manager.headers, payload: { ranges: [{ from: "3500", to: "3599" }] } });
    const saved = await t.app.inject({
      method: "PUT",
      url: `/api/rayons/${rayonId}/sub-areas`,
      headers: manager.headers,
      payload: { cycleWeeks: 2, areas: [{ week: 1, weekday: 1, relationIds: [rel.Dom, rel.Neude, rel.Oudegracht] }, { week: 1, weekday: 2, relationIds: [rel.Uithof, rel.Rijnsweerd] }] },
    });
    areas = saved.json().subAreas;
  });
  afterAll(async () => t?.close());

  const move = (payload: Record<string, unknown>, headers = manager.headers) => t.app.inject({ method: "POST", url: `/api/rayons/${rayonId}/sub-areas/moves`, headers, payload });
  const byDay = (list: Area[], weekday: number) => list.find((a) => a.weekday === weekday) as Area;

  it("shows each sub-area's workload in visits a year by class norm", () => {
    expect(byDay(areas, 1).workload).toBe(16);
    expect(byDay(areas, 2).workload).toBe(12);
  });

  it("moves one relation to another sub-area, and the workloads follow", async () => {
    const res = await move({ toSubAreaId: byDay(areas, 2).id, relationIds: [rel.Neude] });
    expect(res.statusCode).toBe(200);
    const after = res.json().subAreas as Area[];
    expect(byDay(after, 1)).toMatchObject({ relationIds: [rel.Dom, rel.Oudegracht].sort((a, b) => (a as number) - (b as number)), workload: 10 });
    expect(byDay(after, 2).workload).toBe(18);
    expect(byDay(after, 2).relationIds).toContain(rel.Neude);
  });

  it("moves a whole postcode area (every relation of the rayon in it)", async () => {
    const res = await move({ toSubAreaId: byDay(areas, 2).id, pc4s: ["3511"] });
    const after = res.json().subAreas as Area[];
    expect(byDay(after, 1)).toMatchObject({ relationIds: [], workload: 0 });
    expect(byDay(after, 2).relationIds).toHaveLength(5);
    expect(byDay(after, 2).workload).toBe(28);
    // And back to Monday, as the map's "move all of 3511" does.
    const back = (await move({ toSubAreaId: byDay(areas, 1).id, pc4s: ["3511"] })).json().subAreas as Area[];
    expect(byDay(back, 1).workload).toBe(16);
  });

  it("changes a sub-area's day, refusing a day another sub-area has or a week outside the cycle", async () => {
    const monday = byDay(areas, 1);
    const res = await t.app.inject({ method: "PATCH", url: `/api/rayons/${rayonId}/sub-areas/${monday.id}`, headers: manager.headers, payload: { week: 2, weekday: 4 } });
    expect(res.statusCode).toBe(200);
    expect((res.json().subAreas as Area[]).find((a) => a.id === monday.id)).toMatchObject({ week: 2, weekday: 4, workload: 16 });
    const taken = await t.app.inject({ method: "PATCH", url: `/api/rayons/${rayonId}/sub-areas/${monday.id}`, headers: manager.headers, payload: { week: 1, weekday: 2 } });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().errors[0]).toMatchObject({ field: "weekday", code: "sub_area_slot_twice" });
    const week3 = await t.app.inject({ method: "PATCH", url: `/api/rayons/${rayonId}/sub-areas/${monday.id}`, headers: manager.headers, payload: { week: 3, weekday: 1 } });
    expect(week3.json().errors[0]).toMatchObject({ field: "week", code: "cycle_weeks_invalid" });
    expect((await t.app.inject({ method: "PATCH", url: `/api/rayons/${rayonId}/sub-areas/999999`, headers: manager.headers, payload: { week: 1, weekday: 3 } })).statusCode).toBe(404);
  });

  it("refuses a relation outside the rayon, a postcode area without its relations, an unknown target, and reps", async () => {
    const outside = await move({ toSubAreaId: areas[0]?.id, relationIds: [rel.Amsterdam] });
    expect(outside.json().errors[0]).toMatchObject({ field: "relationIds.0", code: "sub_area_relation_outside" });
    expect((await move({ toSubAreaId: areas[0]?.id, pc4s: ["3599"] })).json().errors[0]).toMatchObject({ field: "pc4s.0", code: "pc4_not_in_rayon" });
    expect((await move({ toSubAreaId: areas[0]?.id, pc4s: ["35"] })).json().errors[0]).toMatchObject({ code: "pc4_invalid" });
    expect((await move({ toSubAreaId: 999_999, relationIds: [rel.Dom] })).json().errors[0]).toMatchObject({ field: "toSubAreaId", code: "sub_area_unknown" });
    const rep = await t.userWithRole("field_sales", { rayonNames: ["Sticht"] });
    expect((await move({ toSubAreaId: areas[0]?.id, relationIds: [rel.Dom] }, rep.headers)).statusCode).toBe(403);
  });
});
