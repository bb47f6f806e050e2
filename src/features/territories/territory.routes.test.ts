import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";

const AREAS = ["3511", "3512", "3513", "3521", "3522", "3523", "3531", "3532", "3541", "3542", "3551", "3552", "3561", "3562", "3571", "3572", "3581", "3582"];

describe.each(ENGINES)("territories on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  let manager: { id: number; headers: Record<string, string> };
  let midden: number;
  let oost: number;
  const ids: number[] = [];
  let outside: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { rayonNames: ["Midden"] });
    manager = await t.userWithRole("sales_manager", { rayonNames: ["Oost"] });
    const rayons = (await t.app.inject({ method: "GET", url: "/api/rayons", headers: rep.headers })).json().items as { id: number; name: string }[];
    midden = (rayons.find((r) => r.name === "Midden") as { id: number }).id;
    oost = (rayons.find((r) => r.name === "Oost") as { id: number }).id;
    for (const [i, area] of AREAS.entries()) {
      for (const accountClass of ["A", "B"]) {
        const res = await t.app.inject({ method: "POST", url: "/api/relations", headers: rep.headers, payload: { name: `Klant ${area} ${accountClass}`, visitPostcode: `${area} AB`, visitCity: "Utrecht", status: "prospect", accountClass, statusReason: `test ${i}` } });
        ids.push(res.json().id);
      }
    }
    // In the ranges but nowhere to be found: listed, planned nowhere.
    await t.app.inject({ method: "POST", url: "/api/relations", headers: rep.headers, payload: { name: "Nergens BV", visitPostcode: "3599 ZZ", visitCity: "Nergenshuizen", status: "prospect" } });
    outside = (await t.app.inject({ method: "POST", url: "/api/relations", headers: rep.headers, payload: { name: "Amsterdam BV", visitPostcode: "1011 AB", visitCity: "Amsterdam", status: "prospect", accountClass: "A" } })).json().id;
  });
  afterAll(async () => t?.close());

  const put = (url: string, payload: unknown, headers = manager.headers) => t.app.inject({ method: "PUT", url, headers, payload: payload as Record<string, unknown> });

  it("draws a rayon from postcode ranges; a rep may read it but not draw it", async () => {
    expect((await put(`/api/rayons/${midden}/postcode-ranges`, { ranges: [{ from: "3500", to: "3599" }] }, rep.headers)).statusCode).toBe(403);
    const res = await put(`/api/rayons/${midden}/postcode-ranges`, { ranges: [{ from: "3500", to: "3599" }] });
    expect(res.statusCode).toBe(200);
    const territory = (await t.app.inject({ method: "GET", url: `/api/rayons/${midden}/territory`, headers: rep.headers })).json();
    expect(territory.ranges).toEqual([{ from: "3500", to: "3599" }]);
    expect(territory.relationCount).toBe(AREAS.length * 2 + 1);
    expect(territory.withoutCoordinates.map((r: { name: string }) => r.name)).toEqual(["Nergens BV"]);
    expect(territory.reps.map((r: { id: number }) => r.id)).toEqual([rep.id]);
  });

  it("refuses ranges that are malformed, reversed or claimed by another rayon, with the field", async () => {
    const clash = await put(`/api/rayons/${oost}/postcode-ranges`, { ranges: [{ from: "7000", to: "7999" }, { from: "3590", to: "3700" }] });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().errors[0]).toMatchObject({ field: "ranges.1", code: "range_of_other_rayon" });
    const bad = await put(`/api/rayons/${oost}/postcode-ranges`, { ranges: [{ from: "0999", to: "1000" }] });
    expect(bad.json().errors[0]).toMatchObject({ field: "ranges.0", code: "pc4_invalid" });
    const reversed = await put(`/api/rayons/${oost}/postcode-ranges`, { ranges: [{ from: "8000", to: "7000" }] });
    expect(reversed.json().errors[0]).toMatchObject({ code: "range_reversed" });
    expect((await put("/api/rayons/99999/postcode-ranges", { ranges: [] })).statusCode).toBe(404);
  });

  it("proposes balanced sub-areas on the days of a two-week cycle and saves them", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/rayons/${midden}/sub-areas/proposal`, headers: manager.headers, payload: { cycleWeeks: 2, daysPerWeek: 5 } });
    expect(res.statusCode).toBe(200);
    const proposal = res.json();
    expect(proposal.areas).toHaveLength(10);
    expect(proposal.areas.flatMap((a: { relationIds: number[] }) => a.relationIds).sort((a: number, b: number) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    // 18 A (6 a year) + 18 B (4 a year by default) = 180 visits a year over 10 days.
    expect(proposal.areas.reduce((s: number, a: { workload: number }) => s + a.workload, 0)).toBe(180);
    expect(proposal.imbalance).toBeLessThan(1.5);
    expect(proposal.withoutCoordinates).toHaveLength(1);

    const saved = await put(`/api/rayons/${midden}/sub-areas`, { cycleWeeks: 2, areas: proposal.areas.map((a: { week: number; weekday: number; relationIds: number[] }) => ({ week: a.week, weekday: a.weekday, relationIds: a.relationIds })) });
    expect(saved.statusCode).toBe(200);
    const territory = saved.json();
    expect(territory.subAreas).toHaveLength(10);
    expect(territory.subAreas[0]).toMatchObject({ cycleWeeks: 2, week: 1, weekday: 1 });
    expect(territory.subAreas.flatMap((a: { relationIds: number[] }) => a.relationIds)).toHaveLength(ids.length);
  });

  it("refuses a sub-area with a relation outside the rayon, two areas on one day, or a 4-week cycle", async () => {
    const outsider = await put(`/api/rayons/${midden}/sub-areas`, { cycleWeeks: 2, areas: [{ week: 1, weekday: 1, relationIds: [outside] }] });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().errors[0]).toMatchObject({ field: "areas.0.relationIds", code: "sub_area_relation_outside" });
    const twice = await put(`/api/rayons/${midden}/sub-areas`, { cycleWeeks: 2, areas: [{ week: 1, weekday: 1, relationIds: [] }, { week: 1, weekday: 1, relationIds: [] }] });
    expect(twice.json().errors[0]).toMatchObject({ code: "sub_area_slot_twice" });
    const week3 = await put(`/api/rayons/${midden}/sub-areas`, { cycleWeeks: 2, areas: [{ week: 3, weekday: 1, relationIds: [] }] });
    expect(week3.json().errors[0]).toMatchObject({ code: "cycle_weeks_invalid" });
    const cycle4 = await t.app.inject({ method: "POST", url: `/api/rayons/${midden}/sub-areas/proposal`, headers: manager.headers, payload: { cycleWeeks: 4 } });
    expect(cycle4.statusCode).toBe(400);
    // Nothing of the refused saves was kept.
    const territory = (await t.app.inject({ method: "GET", url: `/api/rayons/${midden}/territory`, headers: rep.headers })).json();
    expect(territory.subAreas).toHaveLength(10);
  });
});
