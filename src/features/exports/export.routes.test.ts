import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTable, type Table } from "../../files/table-reader.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { waitForJob } from "../../test-support/jobs.js";
import { dutchCsv, type Headers, importFile } from "../imports/import-test-helpers.js";

describe.each(ENGINES)("exports on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  let marketing: { id: number; headers: Headers };

  const download = async (url: string, headers: Headers = rep.headers): Promise<Table> => {
    const res = await t.app.inject({ method: "GET", url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const read = await readTable(res.rawPayload, url.includes("format=csv") ? "x.csv" : "x.xlsx");
    if (!read.ok) throw new Error(read.error.message);
    return read.value;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales");
    marketing = await t.userWithRole("marketing");
    // 1,050 relations in Zwolle (more than one export page of 1,000) and a few elsewhere.
    const rows = Array.from({ length: 1050 }, (_, i) => [`Zwols Bedrijf ${String(i).padStart(4, "0")}`, String(50_000_000 + i), "8011 AA", "Zwolle", "Klant"]);
    rows.push(["=HYPERLINK(\"http://evil.example\",\"klik\")", "59999999", "1011 AA", "Amsterdam", "Prospect"]);
    rows.push(["+31 Handel", "59999998", "1012 AA", "Amsterdam", "Dood"]);
    await importFile(t, rep.headers, "relations", "basis.csv", dutchCsv([["Bedrijfsnaam", "KvK-nummer", "Postcode", "Plaats", "Status"], ...rows]));
    await importFile(t, rep.headers, "persons", "personen.csv", dutchCsv([["KvK-nummer", "Voornaam", "Achternaam", "E-mail"], ["59999999", "Eva", "@Kwaad", "eva@evil.example"], ["50000000", "Jan", "Zwolsman", ""]]));
  });
  afterAll(async () => t?.close());

  it("writes a large export in a background job and serves the file to its owner only", async () => {
    const started = await t.app.inject({ method: "POST", url: "/api/exports/relations/job?format=xlsx&city=zwolle", headers: rep.headers });
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitForJob(t.app, rep.headers, started.json().id);
    expect(job).toMatchObject({ state: "succeeded", result: { rows: 1050 } });
    const file = await t.app.inject({ method: "GET", url: `/api/jobs/${job.id}/file`, headers: rep.headers });
    expect(file.headers["content-disposition"]).toContain("relaties-");
    const read = await readTable(file.rawPayload, "x.xlsx");
    expect(read.ok && read.value.rows.length).toBe(1050);
    expect((await t.app.inject({ method: "GET", url: `/api/jobs/${job.id}/file`, headers: marketing.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "POST", url: "/api/exports/persons/job?format=csv", headers: rep.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url: "/api/exports/relations/job?format=csv&postcodeFrom=12345", headers: rep.headers })).statusCode).toBe(400);
  });

  it("exports every relation matching the list filter, past the first page", async () => {
    const zwolle = await download("/api/exports/relations?format=xlsx&city=zwolle");
    expect(zwolle.rows).toHaveLength(1050);
    expect(zwolle.headers.slice(0, 3)).toEqual(["Bedrijfsnaam", "KvK-nummer", "Debiteurnummer"]);
    expect(zwolle.rows[0]?.cells.slice(0, 2)).toEqual(["Zwols Bedrijf 0000", "50000000"]);
    const prospects = await download("/api/exports/relations?format=csv&status=prospect&status=dead");
    expect(prospects.rows.map((r) => r.cells[0])).toEqual(["'+31 Handel", "'=HYPERLINK(\"http://evil.example\",\"klik\")"]);
  });

  it("escapes cells a spreadsheet would run, in CSV and XLSX", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/exports/relations?format=csv&city=amsterdam", headers: rep.headers });
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="relaties-2026-11-27\.csv"/);
    const text = res.rawPayload.toString("utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(text).not.toMatch(/[;\n]"?=HYPERLINK/);
    const xlsx = await download("/api/exports/relations?format=xlsx&city=amsterdam");
    expect(xlsx.rows.map((r) => r.cells[0])).toEqual(["'+31 Handel", "'=HYPERLINK(\"http://evil.example\",\"klik\")"]);
  });

  it("exports persons only for roles that may export personal data", async () => {
    const forbidden = await t.app.inject({ method: "GET", url: "/api/exports/persons?format=csv", headers: rep.headers });
    expect(forbidden.statusCode).toBe(403);
    const persons = await download("/api/exports/persons?format=csv&city=amsterdam", marketing.headers);
    expect(persons.rows).toHaveLength(1);
    expect(persons.rows[0]?.cells.slice(0, 9)).toEqual(["=HYPERLINK(\"http://evil.example\",\"klik\")".replace(/^/, "'"), "59999999", "1011 AA", "Amsterdam", "", "", "Eva", "", "'@Kwaad"]);
    expect((await t.app.inject({ method: "GET", url: "/api/exports/contact-moments", headers: rep.headers })).statusCode).toBe(403);
  });

  it("exports contact moments of the filtered relations within a date range", async () => {
    const relation = await t.database.handle.db.selectFrom("relations").select("id").where("kvk_number", "=", "50000000").executeTakeFirstOrThrow();
    const visit = await t.app.inject({
      method: "POST",
      url: `/api/relations/${relation.id}/activities`,
      headers: rep.headers,
      payload: { kind: "visit", occurredAt: "2026-11-20T09:30:00.000Z", notes: "=1+1 besproken" },
    });
    if (visit.statusCode !== 201) throw new Error(`activity not created: ${visit.body}`);
    const moments = await download("/api/exports/contact-moments?format=xlsx&city=zwolle&from=2026-11-01", marketing.headers);
    expect(moments.rows).toHaveLength(1);
    expect(moments.rows[0]?.cells.slice(0, 4)).toEqual(["2026-11-20", "10:30", "Bezoek", "Zwols Bedrijf 0000"]);
    expect(moments.rows[0]?.cells[9]).toBe("'=1+1 besproken");
    const none = await t.app.inject({ method: "GET", url: "/api/exports/contact-moments?format=xlsx&city=zwolle&from=2026-11-21", headers: marketing.headers });
    const read = await readTable(none.rawPayload, "x.xlsx");
    expect(read.ok ? read.value.rows.length : read.error.code).toBe("empty"); // only the header row
  });

  it("refuses a bad filter before any download starts", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/exports/relations?postcodeFrom=abc", headers: rep.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "postcodeFrom" });
  });

  it("produces a file that imports again without changing anything", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/exports/relations?format=xlsx&city=zwolle", headers: rep.headers });
    const again = await importFile(t, rep.headers, "relations", "export.xlsx", res.rawPayload);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 1050 });
  });

  describe("files that Dutch Excel opens right", () => {
    let relationId: number;
    beforeAll(async () => {
      await importFile(
        t,
        rep.headers,
        "relations",
        "hoorn.csv",
        dutchCsv([
          ["Bedrijfsnaam", "KvK-nummer", "Postcode", "Plaats", "Status", "Klasse", "Omzetpotentieel", "Einddatum contract"],
          ["Hoorns Schoon", "58888888", "1621 AA", "Hoorn", "Oud-klant", "Key account", "14.500,50", "31-12-2026"],
        ]),
      );
      relationId = Number((await t.database.handle.db.selectFrom("relations").select("id").where("kvk_number", "=", "58888888").executeTakeFirstOrThrow()).id);
      const meeting = await t.app.inject({
        method: "POST",
        url: `/api/relations/${relationId}/activities`,
        headers: rep.headers,
        payload: { kind: "quote_meeting", occurredAt: "2026-11-24T13:00:00.000Z", salesMethod: "need_oriented", notes: "prijs besproken" },
      });
      if (meeting.statusCode !== 201) throw new Error(`activity not created: ${meeting.body}`);
    });

    const raw = async (url: string, headers: Headers = rep.headers) => {
      const res = await t.app.inject({ method: "GET", url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.rawPayload;
    };
    const csvRows = (bytes: Buffer, delimiter: string): string[][] => parse(bytes.subarray(3).toString("utf8"), { delimiter });

    it("writes CSV with a BOM, ; and decimal commas, Dutch dates and labels by default", async () => {
      const bytes = await raw("/api/exports/relations?format=csv&city=hoorn");
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [headers, row] = csvRows(bytes, ";");
      const cell = (name: string) => row?.[headers?.indexOf(name) ?? -1];
      expect(cell("Status")).toBe("Oud-klant");
      expect(cell("Klasse")).toBe("Key account");
      expect(cell("Omzetpotentieel")).toBe("14500,50");
      expect(cell("Einddatum contract")).toBe("31-12-2026");
    });

    it("writes , and decimal points when asked, and English labels in English", async () => {
      const bytes = await raw("/api/exports/relations?format=csv&city=hoorn&dialect=intl&lang=en");
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [headers, row] = csvRows(bytes, ",");
      const cell = (name: string) => row?.[headers?.indexOf(name) ?? -1];
      expect(headers?.[0]).toBe("Company name");
      expect(cell("Status")).toBe("Former customer");
      expect(cell("Revenue potential")).toBe("14500.50");
      expect(cell("Contract end date")).toBe("2026-12-31");
    });

    it("names kinds of contact moment and sales methods as the screen does", async () => {
      const bytes = await raw("/api/exports/contact-moments?format=csv&city=hoorn", marketing.headers);
      const [headers, row] = csvRows(bytes, ";");
      expect(headers?.slice(0, 3)).toEqual(["Datum", "Tijd", "Soort"]);
      expect(row?.slice(0, 3)).toEqual(["24-11-2026", "14:00", "Offertebespreking"]);
      expect(row?.[headers?.indexOf("Verkoopmethode") ?? -1]).toBe("Behoeftegericht");
    });

    it("writes XLSX amounts and dates as number and date cells with Dutch formats", async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await raw("/api/exports/relations?format=xlsx&city=hoorn")) as unknown as ExcelJS.Buffer);
      const sheet = book.worksheets[0];
      if (!sheet) throw new Error("no sheet");
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      const cell = (name: string) => sheet.getRow(2).getCell(headers.indexOf(name) + 1);
      expect(cell("Omzetpotentieel")?.value).toBe(14500.5);
      expect(cell("Omzetpotentieel")?.numFmt).toBe("#,##0.00");
      expect(cell("Einddatum contract")?.value).toEqual(new Date(Date.UTC(2026, 11, 31)));
      expect(cell("Einddatum contract")?.numFmt).toBe("dd-mm-yyyy");
      expect(cell("Status")?.value).toBe("Oud-klant");
    });

    it("refuses an unknown dialect or language as a bad request", async () => {
      for (const url of ["/api/exports/relations?format=csv&dialect=fr", "/api/exports/relations?format=csv&lang=de"]) {
        expect((await t.app.inject({ method: "GET", url, headers: rep.headers })).statusCode).toBe(400);
      }
    });
  });
});
