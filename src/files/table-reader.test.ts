import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { buildZip } from "./fixtures/make-zip.js";
import { readTable, type Table, type TableFileProblem } from "./table-reader.js";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name));

async function table(data: Buffer, name: string, options = {}): Promise<Table> {
  const result = await readTable(data, name, options);
  if (!result.ok) throw new Error(`expected a table, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function problem(data: Buffer, name: string, options = {}): Promise<TableFileProblem> {
  const result = await readTable(data, name, options);
  if (result.ok) throw new Error("expected a problem, got a table");
  return result.error;
}

describe("reading CSV files", () => {
  it("reads Windows-1252 with é, Ë and € and a ; delimiter, skipping empty rows but keeping Excel's row numbers", async () => {
    const t = await table(fixture("relations-cp1252.csv"), "relaties.csv");
    expect(t).toMatchObject({ format: "csv", encoding: "windows-1252", delimiter: ";" });
    expect(t.headers).toEqual(["Bedrijfsnaam", "KvK-nummer", "Straat", "Huisnummer", "Postcode", "Plaats", "Omzet", "Klant sinds"]);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([2, 5]);
    expect(t.rows[0]?.cells).toEqual(["Café Ëlan B.V.", "12345678", "Hoofdstraat", "1", "1234 AB", "Utrecht", "€ 1.234,56", "15-03-2024"]);
    expect(t.rows[1]?.cells[0]).toBe('Bakkerij "De Zon"');
    expect(t.rows[1]?.cells[5]).toBe("'s-Hertogenbosch");
  });

  it("reads UTF-8 with a BOM, a , delimiter and a quoted cell with a comma and a line break", async () => {
    const t = await table(fixture("persons-utf8-bom.csv"), "persons.csv");
    expect(t).toMatchObject({ encoding: "utf-8-bom", delimiter: "," });
    expect(t.headers[0]).toBe("Company"); // no BOM glued to the first header
    expect(t.rows[0]?.cells.slice(0, 6)).toEqual(["Groen, Geel & Co", "11223344", "Zoë", "van der", "Berg", "Inkoper\nfacilitair"]);
    expect(t.rows[1]?.rowNumber).toBe(3);
  });

  it("reads plain UTF-8 and tab-delimited text, trims cells and pads short rows", async () => {
    const t = await table(Buffer.from("Naam\tPlaats\tTelefoon\n  Één BV  \t Zwolle \n", "utf8"), "lijst.txt");
    expect(t).toMatchObject({ encoding: "utf-8", delimiter: "\t" });
    expect(t.rows[0]?.cells).toEqual(["Één BV", "Zwolle", ""]);
  });

  it("honours Excel's sep= line and numbers rows after it", async () => {
    const t = await table(Buffer.from("sep=|\nNaam|Plaats\nA, B en C|Delft\n"), "x.csv");
    expect(t.delimiter).toBe("|");
    expect(t.rows[0]).toEqual({ rowNumber: 3, cells: ["A, B en C", "Delft"] });
  });

  it("reads UTF-16 'Unicode text' as Excel saves it", async () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("Naam\tPlaats\r\nCafé\tGoes\r\n", "utf-16le")]);
    const t = await table(data, "unicode.txt");
    expect(t.rows[0]?.cells).toEqual(["Café", "Goes"]);
  });

  it("reports an empty file, a header without rows, too many rows and a file over 50 MB", async () => {
    expect((await problem(Buffer.from("\r\n\r\n"), "x.csv")).code).toBe("empty");
    expect((await problem(Buffer.alloc(0), "x.csv")).code).toBe("empty");
    expect((await problem(Buffer.from("Naam;Plaats\r\n;;\r\n"), "x.csv")).message).toMatch(/no data rows/);
    expect((await problem(Buffer.from("Naam\na\nb\nc\n"), "x.csv", { maxRows: 2 })).code).toBe("too_large");
    const big = await problem(Buffer.alloc(50 * 1024 * 1024 + 1, 0x41), "big.csv");
    expect(big).toMatchObject({ code: "too_large" });
    expect(big.message).toMatch(/50 MB/);
  });

  it("refuses a binary file as text", async () => {
    expect((await problem(Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 0, 1, 2, 0xff, 0]), "scan.csv")).code).toBe("encoding");
  });

  it("refuses an old .xls / password-protected workbook with advice", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await problem(ole, "oud.xls")).toMatchObject({ code: "unreadable", message: expect.stringMatching(/\.xlsx/) });
  });
});

describe("reading XLSX files", () => {
  it("takes cached formula results, formula text when there is none, dates as YYYY-MM-DD and plain numbers", async () => {
    const t = await table(fixture("relations.xlsx"), "relaties.xlsx");
    expect(t.format).toBe("xlsx");
    expect(t.headers).toEqual(["Bedrijfsnaam", "KvK", "Postcode", "Plaats", "Omzet", "Klant sinds", "Totaal", "Formule zonder waarde"]);
    expect(t.rows[0]).toEqual({ rowNumber: 2, cells: ["Delta Schoonmaak", "12345678", "3511 AB", "Utrecht", "1234,5", "2024-03-15", "2469", "=SUM(E2:E3)"] });
    expect(t.rows[1]?.rowNumber).toBe(4);
    expect(t.rows[1]?.cells.slice(0, 7)).toEqual(["Rijk Tekst", "87654321", "1000 AA", "Amsterdam", "0,3", "", "klik"]);
  });

  it("reads a named sheet and reports a missing one", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Leeg");
    wb.addWorksheet("Personen").addRow(["Achternaam"]).worksheet.addRow(["Visser"]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await table(data, "p.xlsx")).rows[0]?.cells).toEqual(["Visser"]);
    expect((await table(data, "p.xlsx", { sheet: "personen" })).headers).toEqual(["Achternaam"]);
    expect((await problem(data, "p.xlsx", { sheet: "Relaties" })).message).toMatch(/"Personen"/);
  });

  it("refuses a file named .xlsx that is not a zip", async () => {
    expect(await problem(fixture("not-a-zip.xlsx"), "not-a-zip.xlsx")).toMatchObject({ code: "not_a_zip" });
  });

  it("refuses a zip bomb whose part inflates far beyond its compressed size", async () => {
    const bomb = buildZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(20 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(await problem(bomb, "bom.xlsx")).toMatchObject({ code: "zip_bomb" });
  });

  it("refuses a zip that declares more than 200 MB in total", async () => {
    const parts = Array.from({ length: 3 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.from("<x/>"), declaredSize: 80 * 1024 * 1024 }));
    expect(await problem(buildZip(parts), "groot.xlsx")).toMatchObject({ code: "zip_bomb" });
  });

  it("refuses a zip that lies about its sizes (inflates beyond what it declares)", async () => {
    const liar = buildZip([{ name: "xl/sharedStrings.xml", data: Buffer.alloc(300_000, 0x61), declaredSize: 1000 }]);
    expect(await problem(liar, "leugen.xlsx")).toMatchObject({ code: "zip_bomb" });
  });

  it("refuses a zip with more than 10,000 parts", async () => {
    const many = buildZip(Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}`, data: Buffer.from("a") })));
    expect(await problem(many, "veel.xlsx")).toMatchObject({ code: "zip_bomb" });
  });

  it("gives a clear problem, not a stack trace, for a cut-off or non-spreadsheet zip", async () => {
    const real = fixture("relations.xlsx");
    const cut = await problem(real.subarray(0, Math.floor(real.length / 2)), "half.xlsx");
    expect(cut.code).toBe("unreadable");
    expect(cut.message).not.toMatch(/\n\s+at /);
    const notExcel = await problem(buildZip([{ name: "readme.txt", data: Buffer.from("hallo") }]), "zip.xlsx");
    expect(notExcel.code).toBe("unreadable");
  });
});
