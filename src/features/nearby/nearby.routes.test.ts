import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, newRelation } from "../activities/crm-test-helpers.js";

describe.each(ENGINES)("alternative addresses on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  let origin: number;
  const ids: Record<string, number> = {};

  const nearby = (id: number, query = "") => t.app.inject({ method: "GET", url: `/api/relations/${id}/nearby${query}`, headers: rep.headers });
  const rel = (name: string, postcode: string | null, status: string, extra: Record<string, unknown> = {}) =>
    newRelation(t, rep.headers, { name, ...(postcode ? { visitPostcode: postcode } : {}), status, statusReason: "Test", phone: "030-1234567", ...extra });

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales");
    origin = await rel("Vertrekpunt Utrecht", "3511 AB", "customer");
    ids.amsterdam = await rel("Klant Amsterdam", "1012 AB", "customer", { visitCity: "Amsterdam" });
    ids.nieuwegein = await rel("Prospect Nieuwegein", "3431 AB", "prospect", { visitCity: "Nieuwegein" });
    ids.utrecht = await rel("Klant Utrecht Oost", "3581 AB", "customer", { visitCity: "Utrecht" });
    ids.groningen = await rel("Klant Groningen", "9711 AB", "customer");
    ids.suspect = await rel("Suspect Utrecht", "3512 AB", "suspect");
    ids.dead = await rel("Dood Utrecht", "3512 AC", "dead");
    ids.former = await rel("Oud-klant Zeist", "3701 AB", "former_customer");
    ids.nowhere = await rel("Zonder adres", null, "customer");
  });
  afterAll(async () => t?.close());

  it("lists customers and prospects nearest first, with distance, phone and city, never itself or dead ones", async () => {
    const res = await nearby(origin);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; distanceKm: number; phone: string; city: string | null }[];
    expect(items.map((i) => i.id)).toEqual([ids.utrecht, ids.nieuwegein, ids.amsterdam, ids.groningen]);
    const km = items.map((i) => i.distanceKm);
    expect([...km].sort((a, b) => a - b)).toEqual(km);
    expect(km[2]).toBeGreaterThan(25);
    expect(km[2]).toBeLessThan(45);
    for (const d of km) expect(d).toBe(Math.round(d * 10) / 10);
    expect(items[0]).toMatchObject({ phone: "030-1234567", city: "Utrecht" });
  });

  it("limits the list and takes other statuses on request, but never dead", async () => {
    expect((await nearby(origin, "?limit=2")).json().items.map((i: { id: number }) => i.id)).toEqual([ids.utrecht, ids.nieuwegein]);
    const others = (await nearby(origin, "?statuses=suspect,former_customer")).json().items.map((i: { id: number }) => i.id);
    expect(others).toEqual([ids.suspect, ids.former]);
    expect((await nearby(origin, "?statuses=customer,dead")).statusCode).toBe(400);
  });

  it("explains that a relation without coordinates has no neighbours", async () => {
    const res = await nearby(ids.nowhere as number);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: "visitPostcode", code: "coordinates_missing" });
    expect((await nearby(999_999)).statusCode).toBe(404);
  });
});
