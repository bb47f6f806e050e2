import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";

describe.each(ENGINES)("territories from provinces, municipalities and chosen relations on %s", (engine) => {
  let t: TestApp;
  let manager: { id: number; headers: Record<string, string> };
  const rayon: Record<string, number> = {};
  const rel: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await t.userWithRole("sales_manager", { rayonNames: ["Stad", "Noord", "Sleutel", "Zuid"] });
    const rayons = (await t.app.inject({ method: "GET", url: "/api/rayons", headers: manager.headers })).json().items as { id: number; name: string }[];
    for (const r of rayons) rayon[r.name] = r.id;
    const add = async (key: string, postcode: string, city: string) => {
      const res = await t.app.inject({ method: "POST", url: "/api/relations", headers: manager.headers, payload: { name: `${key} BV`, visitPostcode: postcode, visitCity: city, status: "prospect", accountClass: "A" } });
      rel[key] = res.json().id;
    };
    await add("Utrecht", "3511 AB", "Utrecht");
    await add("Zeist", "3701 AA", "Zeist");
    await add("Groningen", "9711 AA", "Groningen");
    await add("Delfzijl", "9934 AA", "Delfzijl");
    await add("Amsterdam", "1011 AB", "Amsterdam");
    await add("Maastricht", "6211 AB", "Maastricht");
  });
  afterAll(async () => t?.close());

  const put = (url: string, payload: unknown, headers = manager.headers) => t.app.inject({ method: "PUT", url, headers, payload: payload as Record<string, unknown> });
  const names = (ids: number[]) => Object.keys(rel).filter((k) => ids.includes(rel[k] as number));

  it("lists the provinces and municipalities a rayon can be drawn from", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/territories/regions", headers: manager.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().provinces).toHaveLength(12);
    expect(res.json().municipalities).toHaveLength(342);
    expect(res.json().municipalities).toContainEqual({ code: "GM0518", name: "'s-Gravenhage", province: "Zuid-Holland" });
  });

  it("draws a rayon from a municipality and a whole province: their relations are in it, others not", async () => {
    const res = await put(`/api/rayons/${rayon.Stad}/regions`, { regions: [{ kind: "municipality", name: "utrecht" }, { kind: "province", name: "Groningen" }] });
    expect(res.statusCode).toBe(200);
    const territory = res.json();
    expect(territory.regions).toEqual([
      { kind: "municipality", code: "GM0344", name: "Utrecht" },
      { kind: "province", code: "Groningen", name: "Groningen" },
    ]);
    expect(territory.relationCount).toBe(3);
    // Zeist is in the province of Utrecht but not in its municipality.
    const proposal = (await t.app.inject({ method: "POST", url: `/api/rayons/${rayon.Stad}/sub-areas/proposal`, headers: manager.headers, payload: { cycleWeeks: 2, daysPerWeek: 1 } })).json();
    const ids = proposal.areas.flatMap((a: { relationIds: number[] }) => a.relationIds);
    expect(names(ids).sort()).toEqual(["Delfzijl", "Groningen", "Utrecht"]);
  });

  it("refuses unknown names, a region named twice and any area another rayon holds, with the region's index", async () => {
    const unknown = await put(`/api/rayons/${rayon.Noord}/regions`, { regions: [{ kind: "province", name: "Drenthe" }, { kind: "municipality", name: "Atlantis" }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: "regions.1", code: "region_unknown" });
    expect(unknown.json().errors[0].message).toContain("Atlantis");
    const twice = await put(`/api/rayons/${rayon.Noord}/regions`, { regions: [{ kind: "province", name: "Drenthe" }, { kind: "municipality", name: "Assen" }] });
    expect(twice.json().errors[0]).toMatchObject({ field: "regions.1", code: "region_twice" });
    // Groningen (the municipality) lies in the province Stad holds.
    const clash = await put(`/api/rayons/${rayon.Noord}/regions`, { regions: [{ kind: "province", name: "Friesland" }, { kind: "municipality", name: "GM0014" }] });
    expect(clash.json().errors[0]).toMatchObject({ field: "regions.1", code: "region_of_other_rayon" });
    expect(clash.json().errors[0].message).toContain("Stad");
    // A postcode range over another rayon's municipality, and a province over another rayon's range.
    const range = await put(`/api/rayons/${rayon.Noord}/postcode-ranges`, { ranges: [{ from: "3500", to: "3519" }] });
    expect(range.json().errors[0]).toMatchObject({ field: "ranges.0", code: "range_of_other_rayon" });
    expect((await put(`/api/rayons/${rayon.Zuid}/postcode-ranges`, { ranges: [{ from: "6200", to: "6299" }] })).statusCode).toBe(200);
    const overRange = await put(`/api/rayons/${rayon.Noord}/regions`, { regions: [{ kind: "province", name: "Limburg" }] });
    expect(overRange.json().errors[0]).toMatchObject({ field: "regions.0", code: "region_of_other_rayon" });
    // Friesland by its everyday name is fine.
    const ok = await put(`/api/rayons/${rayon.Noord}/regions`, { regions: [{ kind: "province", name: "Friesland" }] });
    expect(ok.json().regions).toEqual([{ kind: "province", code: "Fryslân", name: "Fryslân" }]);
    expect((await put(`/api/rayons/${rayon.Noord}/regions`, { regions: [{ kind: "county", name: "Kent" }] })).statusCode).toBe(400);
  });

  it("takes chosen relations wherever they are, but not one that lies in or is chosen into another rayon", async () => {
    const res = await put(`/api/rayons/${rayon.Sleutel}/relations`, { relationIds: [rel.Amsterdam, rel.Zeist] });
    expect(res.statusCode).toBe(200);
    expect(res.json().chosenRelations.map((r: { name: string }) => r.name)).toEqual(["Amsterdam BV", "Zeist BV"]);
    expect(res.json().relationCount).toBe(2);
    const inOther = await put(`/api/rayons/${rayon.Sleutel}/relations`, { relationIds: [rel.Amsterdam, rel.Utrecht] });
    expect(inOther.json().errors[0]).toMatchObject({ field: "relationIds.1", code: "relation_in_other_rayon" });
    expect(inOther.json().errors[0].message).toContain("Stad");
    const chosenElsewhere = await put(`/api/rayons/${rayon.Zuid}/relations`, { relationIds: [rel.Zeist] });
    expect(chosenElsewhere.json().errors[0]).toMatchObject({ field: "relationIds.0", code: "relation_of_other_rayon" });
    expect((await put(`/api/rayons/${rayon.Zuid}/relations`, { relationIds: [999_999] })).json().errors[0]).toMatchObject({ code: "relation_unknown" });
    // Drawing an area over a relation another rayon chose is refused too.
    const over = await put(`/api/rayons/${rayon.Zuid}/regions`, { regions: [{ kind: "municipality", name: "Zeist" }] });
    expect(over.json().errors[0]).toMatchObject({ field: "regions", code: "area_holds_chosen_relation" });
    const overRange = await put(`/api/rayons/${rayon.Zuid}/postcode-ranges`, { ranges: [{ from: "1000", to: "1099" }] });
    expect(overRange.json().errors[0]).toMatchObject({ code: "area_holds_chosen_relation" });
  });

  it("lets only managers draw", async () => {
    const rep = await t.userWithRole("field_sales", { rayonNames: ["Stad"] });
    expect((await put(`/api/rayons/${rayon.Stad}/regions`, { regions: [] }, rep.headers)).statusCode).toBe(403);
    expect((await put(`/api/rayons/${rayon.Stad}/relations`, { relationIds: [] }, rep.headers)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: `/api/rayons/${rayon.Stad}/territory`, headers: rep.headers })).json().regions).toHaveLength(2);
  });
});
