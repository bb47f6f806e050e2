import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { importSales, salesCsv } from "../../test-support/sales.js";
import { type Headers, newRelation } from "../activities/crm-test-helpers.js";

type Row = { user: { id: number; name: string }; yearRevenueCents: number; relations: number; visitsPerYear: number; preparationMinutes: number; gainCents: number; preparationCostCents: number; times: number | null };

describe.each(ENGINES)("preparation payback per rep on %s", (engine) => {
  let t: TestApp;
  let ria: { id: number; headers: Headers };
  let sem: { id: number; headers: Headers };
  let manager: { id: number; headers: Headers };
  const get = (url: string, headers = manager.headers) => t.app.inject({ method: "GET", url, headers });

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.setNow(new Date("2026-03-02T09:00:00Z"));
    manager = await t.userWithRole("sales_manager", { profitResponsible: true });
    ria = await t.userWithRole("field_sales", { rayonNames: ["Noord"], name: "Ria Verkoper" });
    sem = await t.userWithRole("field_sales", { rayonNames: ["Zuid"], name: "Sem Zuid" });
    await t.app.inject({ method: "POST", url: "/api/products", headers: manager.headers, payload: { code: "SCH-1", name: "Schoonmaak", listPriceCents: 12_000 } });
    // 2025: Ria sells € 11.130 (three invoices), Sem € 600.000; a 2024 line does not count for 2025.
    await importSales(
      t.app,
      manager.headers,
      salesCsv([
        ["F1", 1, "15-01-2025", "D-1", "Groot Noord BV", "SCH-1", 100, "10000,00", "6000,00", "Ria Verkoper", "Noord"],
        ["F2", 1, "15-03-2025", "D-2", "Klein Noord", "SCH-1", 10, "1080,00", "700,00", "Ria Verkoper", "Noord"],
        ["F3", 1, "15-05-2025", "D-3", "Nieuw Noord", "SCH-1", 1, "50,00", "20,00", "Ria Verkoper", "Noord"],
        ["F4", 1, "15-04-2025", "D-4", "Groot Zuid BV", "SCH-1", 6000, "600000,00", "300000,00", "Sem Zuid", "Zuid"],
        ["F5", 1, "15-04-2024", "D-4", "Groot Zuid BV", "SCH-1", 10, "999,00", "500,00", "Sem Zuid", "Zuid"],
      ]),
    );
    // Ria's classed relations: an A (6 visits a year by the default norms) and a B (4); Sem's one key account (12).
    await newRelation(t, ria.headers, { name: "Ria A BV", accountClass: "A" });
    await newRelation(t, ria.headers, { name: "Ria B BV", accountClass: "B" });
    await newRelation(t, sem.headers, { name: "Sem Key BV", accountClass: "key" });
  });
  afterAll(async () => t?.close());

  it("sets half a percent less discount on each rep's year against the preparation of the visits the norms ask", async () => {
    const res = await get("/api/reports/preparation-payback?year=2025");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { year: number; preparationMinutesPerVisit: number; hourlyCostCents: number; reps: Row[] };
    expect(body).toMatchObject({ year: 2025, preparationMinutesPerVisit: 60, hourlyCostCents: 6_500 });
    const byName = Object.fromEntries(body.reps.map((r) => [r.user.name, r]));
    // Ria: € 11.130 × 0,5 % = € 55,65 against 10 visits × 1 hour × € 65 = € 650: it does not pay yet.
    expect(byName["Ria Verkoper"]).toEqual({ user: { id: ria.id, name: "Ria Verkoper" }, yearRevenueCents: 1_113_000, relations: 2, visitsPerYear: 10, preparationMinutes: 600, gainCents: 5_565, preparationCostCents: 65_000, times: 0 });
    // Sem: € 600.000 × 0,5 % = € 3.000 against 12 hours (€ 780): it pays itself back three times.
    expect(byName["Sem Zuid"]).toMatchObject({ yearRevenueCents: 60_000_000, visitsPerYear: 12, gainCents: 300_000, preparationCostCents: 78_000, times: 3 });
    // Largest gain first.
    expect(body.reps[0]?.user.name).toBe("Sem Zuid");
  });

  it("follows the company's preparation time and hourly cost", async () => {
    const admin = await t.userWithRole("admin");
    const put = await t.app.inject({ method: "PUT", url: "/api/preparation-settings", headers: admin.headers, payload: { preparationMinutes: 30, hourlyCostCents: 5_000 } });
    expect(put.statusCode, put.body).toBe(200);
    const sem2025 = ((await get("/api/reports/preparation-payback?year=2025")).json().reps as Row[]).find((r) => r.user.id === sem.id);
    // 12 visits × half an hour × € 50 = € 300.
    expect(sem2025).toMatchObject({ preparationMinutes: 360, preparationCostCents: 30_000, times: 10 });
  });

  it("shows a rep their own line only, last year by default, and no figures per rep to marketing", async () => {
    const own = await get("/api/reports/preparation-payback", ria.headers);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().year).toBe(2025);
    expect((own.json().reps as Row[]).map((r) => r.user.id)).toEqual([ria.id]);
    expect(own.body).not.toContain("60000000");
    const marketing = await t.userWithRole("marketing");
    const refused = await get("/api/reports/preparation-payback", marketing.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect((await get("/api/reports/preparation-payback?year=1900")).statusCode).toBe(400);
  });
});
