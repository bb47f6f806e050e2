import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalSeparatorOf } from "../../domain/dutch-input.js";
import { debtorKey, personKey, productKey, readSalesLine, type SalesField } from "../../domain/sales-line.js";
import { SalesLineReader } from "./sales-line-reader.js";

const FIELDS: SalesField[] = ["invoice", "line", "date", "debtor", "debtorName", "product", "quantity", "revenue", "cost", "rep", "rayon", "credit"];
const MAPPING = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Partial<Record<SalesField, number>>;
const WINDOW = { earliest: "1990-01-01", latest: "2026-01-01" };

const pools: Record<SalesField, string[]> = {
  invoice: ["F2025-001", "F2025-002", "", "X".repeat(51), "C-9"],
  line: ["1", "2", "", "01", "1a", "1234567890"],
  date: ["15-03-2025", "2025-03-15", "31-02-2025", "15/3/25", "15-03-2035", "", "1-1-1989"],
  debtor: ["D-1001", "d-1001", "Bakkerij Noord", "", "10042"],
  debtorName: ["", "Bakkerij Noord BV"],
  kvkNumber: [""],
  postcode: [""],
  city: [""],
  product: ["SCH-1", "sch-1", "", "GLS-2"],
  productName: [""],
  quantity: ["", "1", "12", "2,5", "1,500", "1.200", "-4", "12.5", "0", "x"],
  revenue: ["1250,00", "99,95", "12.50", "1.250,00", "", "-5,00", "0", "12,5", "€ 10,00", "1234567890,00", "12,345", "7"],
  cost: ["", "800,00", "40", "12.5", "-1,00", "abc"],
  rep: ["Ria Verkoper", "", "ria verkoper", "Sem"],
  rayon: ["Noord", "", "noord", "Zuid"],
  credit: ["", "credit", "ja", "nee", "factuur", "?"],
};

/** What the analysis derives from a row with readSalesLine: the line, its keys and separators. */
function slowly(cells: string[]) {
  const cell = (f: SalesField) => (MAPPING[f] === undefined ? "" : (cells[MAPPING[f] as number] ?? "").trim());
  const { line, problems } = readSalesLine(cell, WINDOW);
  const separators = [decimalSeparatorOf(cell("quantity")), decimalSeparatorOf(cell("revenue")), decimalSeparatorOf(cell("cost"))];
  return { line, problems, separators };
}

describe("reading sales rows from what earlier rows taught", () => {
  it("gives exactly what readSalesLine gives for every row it reads, and leaves the rest to it", () => {
    const row = fc.tuple(...FIELDS.map((f) => fc.constantFrom(...pools[f])));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 80 }), (rows) => {
        const reader = new SalesLineReader(MAPPING);
        for (const cells of rows) {
          const slow = slowly(cells);
          const fast = reader.read(cells);
          if (fast !== null) {
            expect(slow.problems).toEqual([]);
            expect(fast.line).toEqual(slow.line);
            expect(fast.separators).toEqual(slow.separators);
            const line = slow.line as NonNullable<typeof slow.line>;
            expect([fast.debtorKey, fast.productKey, fast.repKey, fast.rayonKey]).toEqual([debtorKey(line.debtor), productKey(line.product.code), personKey(line.rep), personKey(line.rayon)]);
          }
          if (slow.line) reader.learn(cells, slow.line);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a repeated row by itself once it has seen its cells", () => {
    const reader = new SalesLineReader(MAPPING);
    const cells = ["F1", "1", "15-03-2025", "D-1001", "", "SCH-1", "10", "1250,00", "800,00", "Ria", "Noord", ""];
    expect(reader.read(cells)).toBeNull();
    reader.learn(cells, slowly(cells).line as NonNullable<ReturnType<typeof slowly>["line"]>);
    const again = reader.read(["F2", "3", "15-03-2025", "D-1001", "", "SCH-1", "10", "99,5", "", "Ria", "Noord", ""]);
    expect(again?.line).toMatchObject({ invoiceNumber: "F2", lineNumber: 3, revenueCents: 9950, costCents: null, quantityMilli: 10_000 });
  });
});
