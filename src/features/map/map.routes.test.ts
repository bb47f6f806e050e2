import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, newRelation } from "../activities/crm-test-helpers.js";

type Point = { id: number; name: string; lat: number; lon: number; precisionM: number | null; source: string | null; accountClass: string | null; subAreaId: number | null };

describe.each(ENGINES)("map of relations on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  let noord: number;
  let zuid: number;
  const ids: Record<string, number> = {};
  const get = (url: string, headers = rep.headers) => t.app.inject({ method: "GET", url, headers });

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { name: "Kaart Verkoper", rayonNames: ["Kaart Noord", "Kaart Zuid"] });
    const rayons = (await get("/api/rayons")).json().items as { id: number; name: string }[];
    noord = (rayons.find((r) => r.name === "Kaart Noord") as { id: number }).id;
    zuid = (rayons.find((r) => r.name === "Kaart Zuid") as { id: number }).id;
    const rel = (name: string, body: Record<string, unknown>) => newRelation(t, rep.headers, { name, status: "prospect", ...body });
    ids.groningenA = await rel("Groningen A BV", { visitPostcode: "9711 AA", visitCity: "Groningen", accountClass: "A", rayonId: noord });
    ids.assenB = await rel("Assen B BV", { visitPostcode: "9401 AB", visitCity: "Assen", accountClass: "B", rayonId: noord });
    ids.maastrichtC = await rel("Maastricht C BV", { visitPostcode: "6211 AB", visitCity: "Maastricht", accountClass: "C", rayonId: zuid });
    ids.nowhere = await rel("Zonder Adres BV", { accountClass: "A", rayonId: noord });
    ids.dead = await rel("Dood BV", { visitPostcode: "9712 AB", visitCity: "Groningen", status: "dead", statusReason: "Failliet", rayonId: noord });
    // A sub-area of rayon Noord holding the Groningen relation (written as the territory service would).
    const db = t.database.handle.db;
    const area = await db.insertInto("sub_areas").values({ rayon_id: noord, cycle_weeks: 2, week: 1, weekday: 2, created_at: new Date().toISOString() }).returning("id").executeTakeFirstOrThrow();
    ids.area = area.id;
    await db.insertInto("sub_area_relations").values({ relation_id: ids.groningenA as number, sub_area_id: area.id }).execute();
  });
  afterAll(async () => t?.close());

  it("shows every located living relation as a point with how precise its coordinate is, and lists those without", async () => {
    const res = await get("/api/map/relations");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.mode).toBe("points");
    const points = body.points as Point[];
    expect(points.map((p) => p.name).sort()).toEqual(["Assen B BV", "Groningen A BV", "Maastricht C BV"]);
    const groningen = points.find((p) => p.id === ids.groningenA) as Point;
    expect(groningen.lat).toBeGreaterThan(53.1);
    expect(groningen.lat).toBeLessThan(53.3);
    expect(groningen).toMatchObject({ source: "pc4", accountClass: "A", subAreaId: ids.area });
    expect(groningen.precisionM).toBeGreaterThan(0);
    expect(body.located).toBe(3);
    expect(body.withoutCoordinates).toEqual({ count: 1, items: [{ id: ids.nowhere, name: "Zonder Adres BV", postcode: null, city: null }] });
  });

  it("filters by rayon, class and status, and names the rayon's sub-areas", async () => {
    const north = (await get(`/api/map/relations?rayon=${noord}`)).json();
    expect(north.points.map((p: Point) => p.id).sort()).toEqual([ids.groningenA, ids.assenB].sort());
    expect(north.subAreas).toEqual([{ id: ids.area, rayonId: noord, cycleWeeks: 2, week: 1, weekday: 2 }]);
    const classA = (await get("/api/map/relations?class=A&class=C")).json();
    expect(classA.points.map((p: Point) => p.name).sort()).toEqual(["Groningen A BV", "Maastricht C BV"]);
    const dead = (await get("/api/map/relations?status=dead")).json();
    expect(dead.points.map((p: Point) => p.name)).toEqual(["Dood BV"]);
  });

  it("sends counts per grid cell instead of points when the filter holds more relations than the limit", async () => {
    const body = (await get("/api/map/relations?limit=2")).json();
    expect(body).toMatchObject({ mode: "cells", located: 3, limit: 2, points: [] });
    expect(body.cells.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(3);
    const south = body.cells.find((c: { lat: number }) => c.lat < 51);
    expect(south).toMatchObject({ count: 1, byClass: { C: 1 }, byStatus: { prospect: 1 } });
    expect(south.lat).toBeCloseTo(50.875, 5);
  });

  it("is open to every role that reads the CRM, and refuses bad filters with a problem", async () => {
    for (const role of ["purchasing", "marketing", "inside_sales"] as const) {
      const user = await t.userWithRole(role);
      const res = await get("/api/map/relations", user.headers);
      expect(res.statusCode, role).toBe(200);
      expect(res.json().located).toBe(3);
    }
    expect((await t.app.inject({ method: "GET", url: "/api/map/relations" })).statusCode).toBe(401);
    for (const query of ["class=X", "status=klant", "rayon=0", "rayon=abc", "limit=0", "limit=5001", "colour=red"]) {
      const res = await get(`/api/map/relations?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });
});
