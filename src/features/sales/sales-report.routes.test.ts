import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { importSales, salesCsv } from "../../test-support/sales.js";

type User = { id: number; headers: Record<string, string> };

describe.each(ENGINES)("sales reports on %s", (engine) => {
  let t: TestApp;
  let manager: User;
  let rep: User;
  let repWithProfit: User;
  let purchasing: User;
  let rayonIds: Record<string, number>;

  const report = (body: Record<string, unknown>, user: User = manager) => t.app.inject({ method: "POST", url: "/api/reports/sales", headers: user.headers, payload: body });

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await t.userWithRole("sales_manager", { profitResponsible: true });
    rep = await t.userWithRole("field_sales", { rayonNames: ["Noord"], name: "Ria Verkoper" });
    repWithProfit = await t.userWithRole("field_sales", { rayonNames: ["Noord"], profitResponsible: true });
    purchasing = await t.userWithRole("purchasing");
    for (const code of ["SCH-1", "GLS-2"]) await t.app.inject({ method: "POST", url: "/api/products", headers: manager.headers, payload: { code, name: `Product ${code}` } });
    await importSales(
      t.app,
      manager.headers,
      salesCsv([
        // 2025: Noord sells to Bakkerij (twice) and Zuid to the secret Zorggroep.
        ["F1", 1, "15-01-2025", "D-1", "Bakkerij Noord BV", "SCH-1", 10, "1000,00", "600,00", "Ria Verkoper", "Noord"],
        ["F2", 1, "10-02-2025", "D-1", "Bakkerij Noord BV", "GLS-2", 1, "200,00", "150,00", "Ria Verkoper", "Noord"],
        ["F3", 1, "20-02-2025", "D-2", "Geheime Zorggroep Zuid", "SCH-1", 5, "777,77", "333,33", "Sem Zuid", "Zuid"],
        // 2024, a year earlier: Bakkerij bought more, Kapper bought and stopped.
        ["F0", 1, "15-01-2024", "D-1", "Bakkerij Noord BV", "SCH-1", 20, "2000,00", "1200,00", "Ria Verkoper", "Noord"],
        ["F0", 2, "15-02-2024", "D-3", "Kapper Noord", "SCH-1", 1, "100,00", "50,00", "Ria Verkoper", "Noord"],
      ]),
    );
    const rayons = (await t.app.inject({ method: "GET", url: "/api/rayons", headers: manager.headers })).json().items as { id: number; name: string }[];
    rayonIds = Object.fromEntries(rayons.map((r) => [r.name, r.id]));
  });
  afterAll(async () => t?.close());

  it("gives revenue and margin per rayon and month from the group rollup", async () => {
    const res = await report({ measures: ["revenue", "margin", "marginPct"], dimensions: ["rayon", "month"], from: "2025-01", to: "2025-02" });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.source).toBe("group");
    expect(body.rows).toEqual([
      { rayon: { key: rayonIds.Noord, name: "Noord" }, month: "2025-01", revenue: 100_000, margin: 40_000, marginPct: 4000 },
      { rayon: { key: rayonIds.Noord, name: "Noord" }, month: "2025-02", revenue: 20_000, margin: 5_000, marginPct: 2500 },
      { rayon: { key: rayonIds.Zuid, name: "Zuid" }, month: "2025-02", revenue: 77_777, margin: 44_444, marginPct: 5714 },
    ]);
    expect(body.totals).toMatchObject({ revenue: 197_777, margin: 89_444 });
  });

  it("refuses margin as measure or sort key to a rep without profit responsibility, and gives it to one with", async () => {
    const asRep = await report({ measures: ["revenue", "margin"], dimensions: ["month"], from: "2025-01", to: "2025-12" }, rep);
    expect(asRep.statusCode).toBe(403);
    expect(asRep.json().code).toBe("margin_hidden");
    const sorted = await report({ measures: ["revenue"], dimensions: ["rayon"], from: "2025-01", to: "2025-12", sort: [{ key: "margin" }] }, rep);
    expect(sorted.statusCode).toBe(400);
    expect((await report({ measures: ["margin"], dimensions: ["month"], from: "2025-01", to: "2025-12" }, repWithProfit)).statusCode).toBe(200);
  });

  it("shows a field rep the totals of other rayons but only the own rayon's debtors", async () => {
    const totals = (await report({ measures: ["revenue"], dimensions: ["rayon"], from: "2025-01", to: "2025-12" }, rep)).json();
    expect(totals.rows.map((r: { rayon: { name: string }; revenue: number }) => [r.rayon.name, r.revenue])).toEqual([
      ["Noord", 120_000],
      ["Zuid", 77_777],
    ]);
    const debtors = await report({ measures: ["revenue"], dimensions: ["debtor"], from: "2025-01", to: "2025-12" }, rep);
    expect(debtors.statusCode).toBe(200);
    expect(debtors.json().rows.map((r: { debtor: { name: string } }) => r.debtor.name)).toEqual(["Bakkerij Noord BV"]);
    expect(debtors.body).not.toContain("Geheime");
    expect(debtors.json().totals.revenue).toBe(120_000);
    const other = await report({ measures: ["revenue"], dimensions: ["product"], from: "2025-01", to: "2025-12", filters: { rayon: [rayonIds.Zuid] } }, rep);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe("rayon_detail_hidden");
    const manager_ = (await report({ measures: ["revenue"], dimensions: ["debtor"], from: "2025-01", to: "2025-12" })).json();
    expect(manager_.rows).toHaveLength(2);
  });

  it("keeps debtors and reps out of purchasing's figures but gives it volume per product", async () => {
    expect((await report({ measures: ["revenue"], dimensions: ["debtor"], from: "2025-01", to: "2025-12" }, purchasing)).statusCode).toBe(403);
    const volume = await report({ measures: ["volume"], dimensions: ["product"], from: "2025-01", to: "2025-12" }, purchasing);
    expect(volume.json().rows.map((r: { product: { name: string }; volume: number }) => [r.product.name, r.volume])).toEqual([
      ["SCH-1 Product SCH-1", 15],
      ["GLS-2 Product GLS-2", 1],
    ]);
  });

  it("compares with the same months a year earlier, including debtors who bought only then", async () => {
    const res = await report({ measures: ["revenue", "customers"], dimensions: ["debtor"], from: "2025-01", to: "2025-02", compare: "previousYear", sort: [{ key: "change.revenue", direction: "asc" }] }, rep);
    const rows = res.json().rows.map((r: { debtor: { name: string }; revenue: number; previous: { revenue: number } }) => [r.debtor.name, r.revenue, r.previous.revenue]);
    // Who buys less than last year, biggest drop first.
    expect(rows).toEqual([
      ["Bakkerij Noord BV", 120_000, 200_000],
      ["Kapper Noord", 0, 10_000],
    ]);
    expect(res.json().totals).toMatchObject({ revenue: 120_000, customers: 1, previous: { revenue: 210_000, customers: 2 } });
  });

  it("compares quarters and years with the year before under the same keys", async () => {
    const quarters = (await report({ measures: ["revenue"], dimensions: ["quarter"], from: "2025-01", to: "2025-03", compare: "previousYear" })).json();
    expect(quarters.rows).toEqual([{ quarter: "2025-Q1", revenue: 197_777, previous: { revenue: 210_000 } }]);
    const years = (await report({ measures: ["revenue"], dimensions: ["year"], from: "2025-01", to: "2025-12", compare: "previousYear" })).json();
    expect(years.rows).toEqual([{ year: "2025", revenue: 197_777, previous: { revenue: 210_000 } }]);
  });

  it("counts invoices from the lines and gives a moving annual total per month", async () => {
    const invoices = (await report({ measures: ["invoices"], dimensions: ["year"], from: "2024-01", to: "2025-12" })).json();
    expect(invoices.source).toBe("lines");
    expect(invoices.rows).toEqual([
      { year: "2024", invoices: 1 },
      { year: "2025", invoices: 3 },
    ]);
    const mat = (await report({ measures: ["revenue"], dimensions: ["month"], from: "2025-01", to: "2025-02", mat: true })).json();
    expect(mat.rows).toEqual([
      // 2024-02 … 2025-01: the Kapper in February 2024 and Bakkerij in January 2025.
      { month: "2025-01", revenue: 10_000 + 100_000 },
      { month: "2025-02", revenue: 100_000 + 20_000 + 77_777 },
    ]);
  });

  it("refuses bad input with a field message", async () => {
    expect((await report({ measures: ["revenue"], dimensions: [], from: "2025-05", to: "2025-01" })).json().errors[0]).toMatchObject({ field: "to", code: "period_reversed" });
    expect((await report({ measures: ["profit"], dimensions: [], from: "2025-01", to: "2025-01" })).statusCode).toBe(400);
    expect((await report({ measures: ["revenue"], dimensions: ["month"], from: "2025-01", to: "2025-02", filters: { colour: ["x"] } })).statusCode).toBe(400);
    expect((await report({ measures: ["revenue"], dimensions: [], from: "2025-01", to: "2025-02", filters: { debtor: ["1 OR 1=1"] } })).statusCode).toBe(400);
  });
});
