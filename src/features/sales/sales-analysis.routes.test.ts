import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { importSales, salesCsv } from "../../test-support/sales.js";

type User = { id: number; headers: Record<string, string> };

describe.each(ENGINES)("sales analysis on %s", (engine) => {
  let t: TestApp;
  let manager: User;
  let rep: User;
  let purchasing: User;
  let ids: Record<string, number>;
  let rayons: Record<string, number>;

  const get = (url: string, user: User = manager) => t.app.inject({ method: "GET", url, headers: user.headers });

  beforeAll(async () => {
    // December 2025: "the last 12 months" are 2025-01 … 2025-12.
    t = await startTestApp(engine);
    t.setNow(new Date("2025-12-15T10:00:00Z"));
    manager = await t.userWithRole("sales_manager", { profitResponsible: true });
    rep = await t.userWithRole("field_sales", { rayonNames: ["Noord"], name: "Ria Verkoper" });
    purchasing = await t.userWithRole("purchasing");
    await t.app.inject({ method: "POST", url: "/api/products", headers: manager.headers, payload: { code: "SCH-1", name: "Schoonmaak", listPriceCents: 12_000 } });
    await importSales(
      t.app,
      manager.headers,
      salesCsv([
        ["F1", 1, "15-01-2025", "D-1", "Groot Noord BV", "SCH-1", 100, "10000,00", "6000,00", "Ria Verkoper", "Noord"],
        ["F2", 1, "15-03-2025", "D-2", "Klein Noord", "SCH-1", 10, "1080,00", "700,00", "Ria Verkoper", "Noord"],
        ["F3", 1, "15-04-2025", "D-3", "Geheim Zuid BV", "SCH-1", 60, "6000,00", "3000,00", "Sem Zuid", "Zuid"],
        ["F4", 1, "15-05-2025", "D-4", "Nieuw Noord", "SCH-1", 1, "50,00", "20,00", "Ria Verkoper", "Noord"],
      ]),
    );
    const relations = await t.ctx.db.selectFrom("relations").select(["id", "debtor_number"]).execute();
    ids = Object.fromEntries(relations.map((r) => [r.debtor_number, r.id]));
    rayons = Object.fromEntries(((await get("/api/rayons")).json().items as { id: number; name: string }[]).map((r) => [r.name, r.id]));
  });
  afterAll(async () => t?.close());

  it("shows a relation's sales by year with the discount against list price, and margin only with the right", async () => {
    const res = await get(`/api/relations/${ids["D-2"]}/sales`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.years).toEqual([{ year: 2025, revenue: 108_000, volume: 10, margin: 38_000, marginPct: 3519 }]);
    // 10 × € 120 list = € 1.200; sold for € 1.080: 10 % discount.
    expect(body.products[0]).toMatchObject({ volume: 10, revenue: 108_000, discountBp: 1000, lastDate: "2025-03-15" });
    expect(body.lastInvoiceDate).toBe("2025-03-15");
    const asRep = (await get(`/api/relations/${ids["D-2"]}/sales`, rep)).json();
    expect(asRep.years[0]).not.toHaveProperty("margin");
    expect(asRep.visible).toBe(true);
  });

  it("hides another rayon's relation sales from a rep, and all relation sales from purchasing", async () => {
    const other = (await get(`/api/relations/${ids["D-3"]}/sales`, rep)).json();
    expect(other).toMatchObject({ visible: false, years: [], products: [] });
    expect(JSON.stringify(other)).not.toContain("600000");
    expect((await get(`/api/relations/${ids["D-3"]}/sales`, purchasing)).statusCode).toBe(403);
  });

  it("compares revenue with target per rayon, and lets a rep see every rayon's totals and targets", async () => {
    const put = await t.app.inject({
      method: "PUT",
      url: "/api/sales/targets",
      headers: manager.headers,
      payload: { targets: [{ month: "2025-01", rayonId: rayons.Noord, revenueCents: 2_000_000 }, { month: "2025-04", rayonId: rayons.Zuid, revenueCents: 500_000 }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await t.app.inject({ method: "PUT", url: "/api/sales/targets", headers: rep.headers, payload: { targets: [] } })).statusCode).toBe(403);
    const res = (await get("/api/reports/targets?from=2025-01&to=2025-06", rep)).json();
    const noord = res.groups.find((g: { name: string }) => g.name === "Noord");
    expect(noord.total).toEqual({ revenue: 1_113_000, target: 2_000_000, reachedBp: 5565 });
    expect(res.groups.find((g: { name: string }) => g.name === "Zuid").total).toMatchObject({ revenue: 600_000, target: 500_000, reachedBp: 12_000 });
  });

  it("draws the Pareto curve and proposes classes from the thresholds, which the manager accepts", async () => {
    await t.app.inject({ method: "PUT", url: "/api/sales/class-thresholds", headers: manager.headers, payload: { default: { A: 500_000, B: 100_000 }, bySegment: {} } });
    const pareto = (await get("/api/reports/pareto?from=2025-01&to=2025-12")).json();
    expect(pareto.relations).toBe(4);
    expect(pareto.rows.map((r: { relation: { id: number }; proposedClass: string }) => [r.relation.id, r.proposedClass])).toEqual([
      [ids["D-1"], "A"],
      [ids["D-3"], "A"],
      [ids["D-2"], "B"],
      [ids["D-4"], "C"],
    ]);
    expect(pareto.rows[0].cumulativeBp).toBe(Math.round((1_000_000 * 10_000) / 1_713_000));
    expect(pareto.curve.at(-1)).toEqual({ relationsBp: 10_000, revenueBp: 10_000 });
    const proposals = (await get("/api/sales/class-proposals?from=2025-01&to=2025-12")).json();
    expect(proposals.total).toBe(4);
    const accept = await t.app.inject({ method: "POST", url: "/api/sales/class-proposals/accept", headers: manager.headers, payload: { from: "2025-01", to: "2025-12", relationIds: [ids["D-1"], ids["D-2"]] } });
    expect(accept.json()).toEqual({ applied: 2, skipped: 0 });
    const relation = (await get(`/api/relations/${ids["D-1"]}`)).json();
    expect(relation.accountClass).toBe("A");
    expect(relation.classHistory[0]).toMatchObject({ toClass: "A", reason: "ABC-analyse 2025-01 t/m 2025-12" });
    expect((await get("/api/sales/class-proposals?from=2025-01&to=2025-12", rep)).statusCode).toBe(403);
  });

  it("gives purchasing the run rate per product and counts new customers per month", async () => {
    const outlook = (await get("/api/reports/purchasing-outlook?months=3", purchasing)).json();
    expect(outlook.rows[0]).toMatchObject({ product: { name: "SCH-1 Schoonmaak" }, runRate: 14.25 });
    expect(outlook.rows[0].months).toHaveLength(3);
    const fresh = (await get("/api/reports/new-customers?from=2025-03&to=2025-05", rep)).json();
    expect(fresh.months).toEqual([
      { month: "2025-03", customers: 1 },
      { month: "2025-05", customers: 1 },
    ]);
    expect(fresh.customers.map((c: { relation: { name: string } }) => c.relation.name)).toEqual(["Klein Noord", "Nieuw Noord"]);
  });

  it("moves a merged duplicate's sales to the survivor, in the rollups too", async () => {
    const survivor = (await get(`/api/relations/${ids["D-2"]}`)).json();
    const duplicate = (await get(`/api/relations/${ids["D-4"]}`)).json();
    const merge = await t.app.inject({
      method: "POST",
      url: `/api/relations/${ids["D-2"]}/merge`,
      headers: manager.headers,
      payload: { duplicateId: ids["D-4"], version: survivor.version, duplicateVersion: duplicate.version },
    });
    expect(merge.statusCode, merge.body).toBe(200);
    const sales = (await get(`/api/relations/${ids["D-2"]}/sales`)).json();
    expect(sales.years[0].revenue).toBe(108_000 + 5_000);
    const report = (await t.app.inject({ method: "POST", url: "/api/reports/sales", headers: manager.headers, payload: { measures: ["revenue"], dimensions: ["debtor"], from: "2025-01", to: "2025-12" } })).json();
    expect(report.rows.find((r: { debtor: { key: number } }) => r.debtor.key === ids["D-2"]).revenue).toBe(113_000);
    expect(report.rows.some((r: { debtor: { key: number } }) => r.debtor.key === ids["D-4"])).toBe(false);
  });
});
