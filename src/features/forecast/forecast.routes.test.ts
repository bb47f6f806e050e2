import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { makeProduct, makeRelation, quoteApi } from "../quotes/quote-test-fixtures.js";

describe.each(ENGINES)("forecast API on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  let api: ReturnType<typeof quoteApi>;
  let relationId: number;
  let cleaning: number;
  let hygiene: number;
  const ids: Record<string, number> = {};

  const month = (result: { months: { month: string; revenueCents: number }[] }, m: string) => result.months.find((r) => r.month === m);

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { name: "Fenna Forecast", rayonNames: ["Noord"] });
    api = quoteApi(t, rep.headers);
    const rayons = (await t.app.inject({ method: "GET", url: "/api/rayons", headers: rep.headers })).json().items;
    relationId = await makeRelation(t, rep.headers, { name: "Forecast Klant BV", rayonId: rayons.find((r: { name: string }) => r.name === "Noord").id });
    // Two units of measure: cleaning is sold per m², the other product per hour.
    cleaning = await makeProduct(t, rep.headers, { code: "SCH-1", name: "Schoonmaak", unit: "m2", listPriceCents: 1999 });
    hygiene = await makeProduct(t, rep.headers, { code: "=2+3", name: "Formule", unit: "uur", listPriceCents: 3333 });
    const create = async (key: string, body: Record<string, unknown>) => {
      const res = await api.create({ relationId, ...body });
      if (res.statusCode !== 201) throw new Error(res.body);
      ids[key] = res.json().id;
    };
    // 10 × € 19,99 = € 199,90 at 50 % and 3 × € 33,33 = € 99,99 at 35 %, both in May 2029.
    await create("a", { probability: 50, decisionMonth: "2029-05", status: "sent", lines: [{ productId: cleaning, quantity: 10 }] });
    await create("b", { probability: 35, decisionMonth: "2029-05", lines: [{ productId: hygiene, quantity: 3 }] });
    await create("lost", { probability: 90, decisionMonth: "2029-05", status: "sent", lines: [{ productId: cleaning, quantity: 100 }] });
    await api.patch(ids.lost as number, 1, { status: "lost", lostReason: "Te duur bevonden" });
    await create("zero", { probability: 0, decisionMonth: "2029-06", lines: [{ productId: cleaning, quantity: 100 }] });
  });
  afterAll(async () => t?.close());

  it("places amount × probability of every open quote in its decision month, every month present, units per unit of measure", async () => {
    const result = await api.forecast("from=2029-04&to=2029-06");
    // 5 m² and 1,05 hours stay two figures: m² and hours do not add up to 6,05 of anything.
    const may = [
      { unit: "m2", units: 5 },
      { unit: "uur", units: 1.05 },
    ];
    expect(result.months).toEqual([
      { month: "2029-04", units: [], unitsUnknown: 0, revenueCents: 0 },
      // € 99,95 + € 34,9965 = € 134,9465 → € 134,95 (rounded once, answered in integer cents)
      { month: "2029-05", units: may, unitsUnknown: 0, revenueCents: 13495 },
      { month: "2029-06", units: [], unitsUnknown: 0, revenueCents: 0 },
    ]);
    expect(result.total).toEqual({ units: may, unitsUnknown: 0, revenueCents: 13495 });
  });

  it("adds the lines of one quote per unit too, and splits a rep's and a product's units per unit", async () => {
    const mixed = await api.create({
      relationId,
      probability: 40,
      decisionMonth: "2029-09",
      lines: [
        { productId: cleaning, quantity: 100.5 },
        { productId: hygiene, quantity: 4 },
        { productId: cleaning, quantity: 20 },
      ],
    });
    expect(mixed.statusCode).toBe(201);
    try {
      const result = await api.forecast("from=2029-09&to=2029-09");
      // 40 % of 120,5 m² and of 4 hours.
      expect(result.total.units).toEqual([
        { unit: "m2", units: 48.2 },
        { unit: "uur", units: 1.6 },
      ]);
      const byRep = await api.forecast("from=2029-09&to=2029-09&by=rep");
      expect(byRep.groups[0].total.units).toEqual(result.total.units);
      const byProduct = await api.forecast("from=2029-09&to=2029-09&by=product");
      expect(byProduct.groups.map((g: { name: string; total: { units: unknown } }) => [g.name, g.total.units])).toEqual([
        ["SCH-1 Schoonmaak", [{ unit: "m2", units: 48.2 }]],
        ["=2+3 Formule", [{ unit: "uur", units: 1.6 }]],
      ]);
    } finally {
      await api.patch(mixed.json().id, 1, { status: "withdrawn" });
    }
  });

  it("rebuilds units per unit as of a past date, and says which quotes' units are unknown (events from before units were kept per unit)", async () => {
    t.setNow(new Date("2026-12-10T10:00:00Z"));
    const made: number[] = [];
    try {
      const create = async (body: Record<string, unknown>) => {
        const res = await api.create({ relationId, decisionMonth: "2029-10", ...body });
        expect(res.statusCode).toBe(201);
        made.push(res.json().id);
        return res.json().id as number;
      };
      const known = await create({ probability: 50, lines: [{ productId: cleaning, quantity: 30 }, { productId: hygiene, quantity: 2 }] });
      const old = await create({ probability: 50, lines: [{ productId: hygiene, quantity: 10 }] });
      // As an event written before migration 0037 stands: one volume total, nothing per unit.
      await t.database.handle.db.updateTable("quote_events").set({ units_by_unit: null }).where("quote_id", "=", old).execute();
      t.setNow(new Date("2026-12-12T10:00:00Z"));
      // Lines changed later: 30 m² become 50 m², the hours go.
      expect((await api.patch(known, 1, { lines: [{ productId: cleaning, quantity: 50 }] })).statusCode).toBe(200);

      const then = await api.forecastAsOf({ from: "2029-10", to: "2029-10", asOf: "2026-12-10" });
      // Quote "old" counts for its revenue (50 % of 10 × € 33,33) but not for its units.
      expect(then.total).toEqual({
        units: [
          { unit: "m2", units: 15 },
          { unit: "uur", units: 1 },
        ],
        unitsUnknown: 1,
        revenueCents: Math.round((30 * 1999 + 2 * 3333) / 2) + Math.round((10 * 3333) / 2),
      });
      const later = await api.forecastAsOf({ from: "2029-10", to: "2029-10", asOf: "2026-12-12" });
      expect(later.months[0]).toMatchObject({ units: [{ unit: "m2", units: 25 }], unitsUnknown: 1 });
      const byRep = await api.forecastAsOf({ from: "2029-10", to: "2029-10", asOf: "2026-12-12", by: "rep" });
      expect(byRep.groups[0].total).toMatchObject({ units: [{ unit: "m2", units: 25 }], unitsUnknown: 1 });
      // Today's forecast reads the lines: every unit known.
      expect((await api.forecast("from=2029-10&to=2029-10")).total).toMatchObject({
        units: [
          { unit: "m2", units: 25 },
          { unit: "uur", units: 5 },
        ],
        unitsUnknown: 0,
      });
    } finally {
      for (const id of made) {
        const current = (await api.get(id)).json();
        await api.patch(id, current.version, { status: "withdrawn" });
      }
      t.setNow(new Date("2026-11-27T08:00:00.000Z"));
    }
  });

  it("moves when a quote's chance or decision month changes, and shows the old forecast as of an earlier date", async () => {
    t.setNow(new Date("2026-12-05T10:00:00Z"));
    try {
      expect((await api.patch(ids.a as number, 1, { probability: 80 })).statusCode).toBe(200);
      // € 199,90 × 80 % + € 34,9965 = € 194,9165 → € 194,92
      expect(month(await api.forecast("from=2029-05&to=2029-05"), "2029-05")?.revenueCents).toBe(19492);
      expect(month(await api.forecastAsOf({ from: "2029-05", to: "2029-05", asOf: "2026-11-30" }), "2029-05")?.revenueCents).toBe(13495);
      expect(month(await api.forecastAsOf({ from: "2029-05", to: "2029-05", asOf: "2026-12-05" }), "2029-05")?.revenueCents).toBe(19492);
      expect((await api.forecastAsOf({ from: "2029-05", to: "2029-05", asOf: "2026-11-26" })).total.revenueCents).toBe(0);

      expect((await api.patch(ids.b as number, 1, { decisionMonth: "2029-06" })).statusCode).toBe(200);
      const moved = await api.forecast("from=2029-05&to=2029-06");
      expect(moved.months.map((m: { revenueCents: number }) => m.revenueCents)).toEqual([15992, 3500]);
      const before = await api.forecastAsOf({ from: "2029-05", to: "2029-06", asOf: "2026-12-04" });
      expect(before.months.map((m: { revenueCents: number }) => m.revenueCents)).toEqual([13495, 0]);
    } finally {
      t.setNow(new Date("2026-11-27T08:00:00.000Z"));
    }
  });

  it("splits the forecast per rep, rayon and product with their names", async () => {
    const byRep = await api.forecast("from=2029-05&to=2029-06&by=rep");
    expect(byRep.groups).toEqual([expect.objectContaining({ key: rep.id, name: "Fenna Forecast", total: byRep.total })]);
    const byRayon = await api.forecast("from=2029-05&to=2029-06&by=rayon");
    expect(byRayon.groups.map((g: { name: string }) => g.name)).toEqual(["Noord"]);
    const byProduct = await api.forecast("from=2029-05&to=2029-06&by=product");
    expect(byProduct.groups.map((g: { name: string; total: { revenueCents: number } }) => [g.name, g.total.revenueCents])).toEqual([
      ["SCH-1 Schoonmaak", 15992],
      ["=2+3 Formule", 3500],
    ]);
  });

  it("shows a rep only their own line when split per rep, a manager every rep, and purchasing no split per rep", async () => {
    const other = await t.userWithRole("field_sales", { name: "Olaf Ander" });
    const otherApi = quoteApi(t, other.headers);
    const created = await otherApi.create({ relationId, probability: 80, decisionMonth: "2029-05", status: "sent", lines: [{ productId: cleaning, quantity: 1 }] });
    expect(created.statusCode).toBe(201);
    try {
      const own = await api.forecast("from=2029-05&to=2029-06&by=rep");
      expect(own.groups.map((g: { key: number }) => g.key)).toEqual([rep.id]);
      const manager = await t.userWithRole("sales_manager");
      const all = (await t.app.inject({ method: "GET", url: "/api/forecast?from=2029-05&to=2029-06&by=rep", headers: manager.headers })).json();
      expect(all.groups.map((g: { key: number }) => g.key).sort()).toEqual([rep.id, other.id].sort());
      // The rep's total is their own quotes only: 80 % of € 19,99 less than the team's.
      expect(all.total.revenueCents - own.total.revenueCents).toBe(1599);
      const purchasing = await t.userWithRole("purchasing");
      const refused = await t.app.inject({ method: "GET", url: "/api/forecast?from=2029-05&to=2029-06&by=rep", headers: purchasing.headers });
      expect(refused.statusCode).toBe(403);
      // Purchasing plans its buying with the forecast per month and product.
      expect((await t.app.inject({ method: "GET", url: "/api/forecast?from=2029-05&to=2029-06&by=product", headers: purchasing.headers })).statusCode).toBe(200);
    } finally {
      await otherApi.patch(created.json().id, 1, { status: "withdrawn" });
    }
  });

  it("exports CSV for Dutch Excel and XLSX with month and amount cells, in which no cell can run as a formula", async () => {
    const csv = await t.app.inject({ method: "GET", url: "/api/forecast/export?format=csv&from=2029-05&to=2029-06&by=product", headers: rep.headers });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toContain("forecast-2029-05-2029-06.csv");
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.rawPayload.subarray(3).toString("utf8").split("\r\n");
    // One volume column per unit of measure present, headed with its Dutch label.
    expect(lines.slice(0, 3)).toEqual([
      "Artikel;Maand;Aantal (m²);Aantal (uur);Omzet (€)",
      "SCH-1 Schoonmaak;05-2029;8;0;159,92",
      "SCH-1 Schoonmaak;06-2029;0;0;0,00",
    ]);
    expect(lines).toContain("'=2+3 Formule;06-2029;0;1,05;35,00");
    const intl = await t.app.inject({ method: "GET", url: "/api/forecast/export?format=csv&from=2029-05&to=2029-05&dialect=intl&lang=en", headers: rep.headers });
    expect(intl.rawPayload.subarray(3).toString("utf8").split("\r\n").slice(0, 2)).toEqual(["Month,Units (m²),Revenue (€)", "2029-05,8,159.92"]);

    const xlsx = await t.app.inject({ method: "GET", url: "/api/forecast/export?format=xlsx&from=2029-05&to=2029-06", headers: rep.headers });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, "Maand", "Aantal (m²)", "Aantal (uur)", "Omzet (€)"]);
    expect(sheet?.getRow(2).values).toEqual([undefined, new Date(Date.UTC(2029, 4, 1)), 8, 0, 159.92]);
    expect(sheet?.getCell("A2").numFmt).toBe("mmmm yyyy");
    expect(sheet?.getCell("D2").numFmt).toBe("#,##0.00");
    expect(sheet?.getRow(4).values).toEqual([undefined, "Totaal", 8, 1.05, 194.92]);
  });

  it("refuses a month that is not one, a reversed range and a past forecast per product", async () => {
    const bad = await t.app.inject({ method: "GET", url: "/api/forecast?from=2029-13", headers: rep.headers });
    expect(bad.statusCode).toBe(400);
    const reversed = await t.app.inject({ method: "GET", url: "/api/forecast?from=2029-06&to=2029-05", headers: rep.headers });
    expect(reversed.json().errors[0]).toMatchObject({ field: "to", code: "period_reversed" });
    const pastProduct = await t.app.inject({ method: "POST", url: "/api/forecast/as-of", headers: rep.headers, payload: { by: "product", asOf: "2026-11-27" } });
    expect(pastProduct.statusCode).toBe(400);
    expect(pastProduct.json().errors[0]).toMatchObject({ field: "asOf", code: "forecast_as_of_by_product" });
    // A past forecast is a job, never a request that rebuilds the history on the event loop.
    expect((await t.app.inject({ method: "GET", url: "/api/forecast?asOf=2026-11-27", headers: rep.headers })).statusCode).toBe(400);
  });

  it("defaults to twelve months from the current month and is open to purchasing", async () => {
    const purchasing = await t.userWithRole("purchasing");
    const res = await t.app.inject({ method: "GET", url: "/api/forecast", headers: purchasing.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().months.map((m: { month: string }) => m.month)).toEqual([
      "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08", "2027-09", "2027-10",
    ]);
  });
});
