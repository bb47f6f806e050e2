import { buffer } from "node:stream/consumers";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readTable } from "./table-reader.js";
import { attachmentHeader, csvStream, escapeFormula, writeCsv, writeXlsx, xlsxStream } from "./table-writer.js";

const DANGEROUS = ["=1+1", "+31 20 123", "-2+3", "@SUM(A1)", "\tx", "\rx"];

describe("writing tables", () => {
  it("prefixes every cell a spreadsheet could run with an apostrophe, and nothing else", () => {
    for (const d of DANGEROUS) expect(escapeFormula(d)).toBe(`'${d}`);
    expect(escapeFormula("Jansen = baas")).toBe("Jansen = baas");
    expect(escapeFormula("")).toBe("");
  });

  it("writes CSV for Dutch Excel: BOM, ; delimiter, CRLF, quoted where needed, formulas escaped", async () => {
    const csv = writeCsv(["Naam", "Plaats", "Aantal"], [["Café; Bar", "'s-Hertogenbosch", 12], ["=HYPERLINK(\"http://evil\")", null, -3]]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = csv.subarray(3).toString("utf8");
    expect(body).toBe('Naam;Plaats;Aantal\r\n"Café; Bar";\'s-Hertogenbosch;12\r\n"\'=HYPERLINK(""http://evil"")";;-3\r\n');
    const back = await readTable(csv, "x.csv");
    expect(back.ok && back.value.rows[0]?.cells).toEqual(["Café; Bar", "'s-Hertogenbosch", "12"]);
  });

  it("writes XLSX with escaped text cells and real numbers", async () => {
    const data = await writeXlsx("Relaties: A/B", ["Naam", "Aantal"], DANGEROUS.map((d, i) => [d, i]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.name).toBe("Relaties  A B");
    expect(sheet?.getCell("A2").value).toBe("'=1+1");
    expect(sheet?.getCell("B3").value).toBe(1);
    for (let r = 2; r <= DANGEROUS.length + 1; r++) expect(sheet?.getCell(`A${r}`).formula).toBeUndefined();
  });

  it("streams CSV and XLSX from an async source", async () => {
    async function* rows() {
      for (let i = 0; i < 3; i++) yield [`rij ${i}`, i];
    }
    expect((await buffer(csvStream(["a", "b"], rows()))).toString("utf8")).toBe("\uFEFFa;b\r\nrij 0;0\r\nrij 1;1\r\nrij 2;2\r\n");
    const chunks: Buffer[] = [];
    for await (const c of xlsxStream("S", ["a", "b"], rows())) chunks.push(c as Buffer);
    const back = await readTable(Buffer.concat(chunks), "s.xlsx");
    expect(back.ok && back.value.rows.map((r) => r.cells)).toEqual([["rij 0", "0"], ["rij 1", "1"], ["rij 2", "2"]]);
  });

  it("writes decimals, amounts, dates and months the Dutch way by default and the international way when asked", () => {
    const row = [[1.05, { cents: -1450050 }, { date: "2026-12-31" }, { month: "2029-03" }, true]];
    const body = (options?: Parameters<typeof writeCsv>[2]) => writeCsv(["a", "b", "c", "d", "e"], row, options).subarray(3).toString("utf8").split("\r\n")[1];
    expect(body()).toBe("1,05;-14500,50;31-12-2026;03-2029;ja");
    expect(body({ dialect: "intl", yes: "yes", no: "no" })).toBe("1.05,-14500.50,2026-12-31,2029-03,yes");
  });

  it("names downloads safely for every browser", () => {
    expect(attachmentHeader("relaties Café.csv")).toBe(`attachment; filename="relaties Cafe.csv"; filename*=UTF-8''relaties%20Caf%C3%A9.csv`);
  });
});
