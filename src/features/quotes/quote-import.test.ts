import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { describeProblem } from "../../files/import-columns.js";
import { waitForJob } from "../../test-support/jobs.js";
import { multipartFile } from "../../test-support/multipart.js";
import { makeProduct, makeRelation } from "./quote-test-fixtures.js";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name));

describe.each(ENGINES)("quote import on %s", (engine) => {
  let t: TestApp;
  let admin: { id: number; headers: Record<string, string> };
  let zorggroep: number;

  const upload = async (fileName: string, content: Buffer, asOf = "2026-11-27") => {
    const file = multipartFile(fileName, content);
    const res = await t.app.inject({ method: "POST", url: `/api/quotes/import?asOf=${asOf}`, headers: { ...admin.headers, ...file.headers }, payload: file.payload });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(t.app, admin.headers, res.json().id);
    if (job.state !== "succeeded") return { ok: false, job };
    // biome-ignore lint/suspicious/noExplicitAny: the tests read the summary's fields
    return job.result as any;
  };
  const quotesOf = async (relationName: string) => {
    const relations = (await t.app.inject({ method: "GET", url: `/api/relations?q=${encodeURIComponent(relationName)}`, headers: admin.headers })).json().items;
    if (relations.length === 0) return [];
    const list = (await t.app.inject({ method: "GET", url: `/api/quotes?relation=${relations[0].id}`, headers: admin.headers })).json().items;
    return Promise.all(list.map(async (q: { id: number }) => (await t.app.inject({ method: "GET", url: `/api/quotes/${q.id}`, headers: admin.headers })).json()));
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.userWithRole("admin", { name: "Ad Min" });
    zorggroep = await makeRelation(t, admin.headers, { name: "Zorggroep Het Baken" });
    await makeProduct(t, admin.headers, { code: "SCH-1", name: "Kantoorschoonmaak", listPriceCents: 1999 });
  });
  afterAll(async () => t?.close());

  it("imports a Dutch ;-separated Windows-1252 file: amounts in Dutch notation, 35%, month names and the lost word", async () => {
    const result = await upload("offertes.csv", fixture("quotes-nl.csv"));
    expect(result).toEqual({ ok: true, quotesCreated: 5, quotesUpdated: 0, quotesUnchanged: 0, relationsCreated: 4, productsCreated: 1, errors: [] });

    const [baken] = await quotesOf("Zorggroep Het Baken");
    expect(baken).toMatchObject({ number: "OV101-1", relation: { id: zorggroep }, status: "sent", probability: 35, totalCents: 463_050, units: 10, decisionMonth: "2027-05" });
    expect(baken.lines[0].product.code).toBe("SCH-1");

    const [bakkerij] = await quotesOf("Bakkerij Een");
    expect(bakkerij.relation.name).toBe("Bakkerij Één & Zonen");
    // "nov" on 27 November 2026 is this month; two rows of OV102 are its two lines.
    expect(bakkerij).toMatchObject({ number: "OV102-1", probability: 60, decisionMonth: "2026-11", totalCents: 150_075 });
    expect(bakkerij.lines.map((l: { product: { code: string }; amountCents: number }) => [l.product.code, l.amountCents])).toEqual([
      ["Glasbewassing", 125_000],
      ["SCH-1", 25_075],
    ]);
    // "okt" lies before November: October of next year.
    const [zwolle] = await quotesOf("Gemeente Zwolle");
    expect(zwolle).toMatchObject({ status: "lost", probability: 0, decisionMonth: "2027-10", totalCents: 1_200_000 });
    const [jansen] = await quotesOf("Transport Jansen");
    expect(jansen).toMatchObject({ number: "OV104-1", status: "lost", probability: 0, lostReason: expect.any(String) });
    const [kok] = await quotesOf("Installatiebedrijf Kok");
    expect(kok).toMatchObject({ probability: 40, decisionMonth: "2027-03", totalCents: 350_000 });

    const relation = (await t.app.inject({ method: "GET", url: `/api/relations/${kok.relation.id}`, headers: admin.headers })).json();
    expect(relation).toMatchObject({ status: "prospect", statusHistory: [expect.objectContaining({ toStatus: "prospect" })] });

    const forecast = (await t.app.inject({ method: "GET", url: "/api/forecast?from=2026-11&to=2027-10", headers: admin.headers })).json();
    const revenue = Object.fromEntries(forecast.months.map((m: { month: string; revenueCents: number }) => [m.month, m.revenueCents / 100]));
    // € 4.630,50 × 35 % = € 1.620,675 → € 1.620,68 (half away from zero)
    expect(revenue).toMatchObject({ "2026-11": 900.45, "2027-03": 1400, "2027-05": 1620.68, "2027-10": 0 });
  });

  it("changes nothing when the same file is imported again", async () => {
    const again = await upload("offertes.csv", fixture("quotes-nl.csv"));
    expect(again).toEqual({ ok: true, quotesCreated: 0, quotesUpdated: 0, quotesUnchanged: 5, relationsCreated: 0, productsCreated: 0, errors: [] });
    expect(await quotesOf("Bakkerij Een")).toHaveLength(1);
  });

  it("brings a known quote's chance up to date with history, but refuses other amounts for the same number", async () => {
    const newer = Buffer.from("Naam;Offertenr;Product;Aantal;Bedrag;Kans;Beslissing\nZorggroep Het Baken;OV101;SCH-1;10;4.630,50;50%;jun\n");
    expect(await upload("update.csv", newer)).toMatchObject({ ok: true, quotesUpdated: 1 });
    const [baken] = await quotesOf("Zorggroep Het Baken");
    expect(baken).toMatchObject({ probability: 50, decisionMonth: "2027-06" });
    expect(baken.history.at(-1)).toMatchObject({ kind: "changed", probability: 50, decisionMonth: "2027-06", amountCents: null });

    const overwrite = Buffer.from("Naam;Offertenr;Product;Aantal;Bedrag;Kans;Beslissing\nNieuwe Klant BV;OV900;SCH-1;1;10;50%;jun\nZorggroep Het Baken;OV101;SCH-1;10;5.000,00;50%;jun\n");
    const refused = await upload("overschrijven.csv", overwrite);
    expect(refused.ok).toBe(false);
    expect(refused.errors).toEqual([expect.objectContaining({ row: 3, column: "Offertenr", message: expect.stringContaining("new revision (OV101-2)") })]);
    expect(await quotesOf("Nieuwe Klant")).toEqual([]);
  });

  it("imports a list that holds only each quote's current revision as that revision, numbered as given", async () => {
    const csv = Buffer.from(["Naam;Offertenr;Product;Aantal;Bedrag;Kans;Beslissing", "Revisie Klant A;OV87-3;SCH-1;2;400,00;50%;mrt 2027", "Revisie Klant B;OV93-2;SCH-1;1;200,00;40%;apr 2027"].join("\n"));
    const result = await upload("huidige-revisies.csv", csv);
    expect(result).toMatchObject({ ok: true, quotesCreated: 2, errors: [] });
    expect((await quotesOf("Revisie Klant A"))[0]).toMatchObject({ number: "OV87-3", totalCents: 40_000, probability: 50 });
    expect((await quotesOf("Revisie Klant B"))[0]).toMatchObject({ number: "OV93-2" });
    // A revision that skips one Koers has is still refused: OV87-5 while OV87-4 is missing.
    const gap = await upload("gat.csv", Buffer.from(["Naam;Offertenr;Product;Aantal;Bedrag;Kans;Beslissing", "Revisie Klant A;OV87-5;SCH-1;2;410,00;50%;mrt 2027"].join("\n")));
    expect(gap.ok).toBe(false);
    expect(gap.errors[0].message).toContain("OV87-4 is missing");
  });

  it("reports every bad row with row and column and imports nothing", async () => {
    const result = await upload("fout.csv", fixture("quotes-errors.csv"));
    expect(result.ok).toBe(false);
    expect(result.quotesCreated).toBe(0);
    const messages = result.errors.map(describeProblem);
    expect(messages[0]).toMatch(/^row 3, column Bedrag: '1\.234\.5,6' is not an amount/);
    expect(messages.slice(1).map((m: string) => m.slice(0, m.indexOf(":")))).toEqual(["row 4, column Kans", "row 5, column Beslissing", "row 6, column Naam"]);
    expect(await quotesOf("Goede Klant")).toEqual([]);
  });

  it("reads an English XLSX with numbers, percentages and dates, placing a month without a year after --as-of", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Quotes");
    sheet.addRow(["Relation", "Quote number", "Product", "Quantity", "Amount", "Probability", "Decision"]);
    sheet.addRow(["Harbour Logistics", "OV301", "SCH-1", 12.5, 4630.5, 0.35, "mar"]);
    sheet.addRow(["Harbour Logistics", "OV302", "SCH-1", 1, 1000, 0.5, new Date(Date.UTC(2027, 6, 15))]);
    sheet.addRow(["Harbour Logistics", "OV303", null, null, 250, "35%", "lost"]);
    sheet.getColumn(6).numFmt = "0%";
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await upload("quotes.xlsx", buffer, "2027-06-15");
    expect(result).toMatchObject({ ok: true, quotesCreated: 3, relationsCreated: 1 });
    const quotes = Object.fromEntries((await quotesOf("Harbour Logistics")).map((q: { number: string }) => [q.number, q]));
    // On 15 June 2027, "mar" is March 2028.
    expect(quotes["OV301-1"]).toMatchObject({ decisionMonth: "2028-03", probability: 35, units: 12.5, totalCents: 463_050 });
    expect(quotes["OV302-1"]).toMatchObject({ decisionMonth: "2027-07", probability: 50, totalCents: 100_000 });
    expect(quotes["OV303-1"]).toMatchObject({ status: "lost", probability: 0, decisionMonth: "2027-06" });
  });

  it("needs the columns it cannot do without", async () => {
    const result = await upload("kaal.csv", Buffer.from("Naam;Bedrag\nIemand;100\n"));
    expect(result.ok).toBe(false);
    expect(result.errors.map((e: { message: string }) => e.message.slice(0, 20))).toEqual(["no column for number", "no column for chance", "no column for decisi"]);
  });
});
