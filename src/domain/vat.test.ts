import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseVatCategory, vatOf, vatTotals } from "./vat.js";

describe("vatTotals", () => {
  it("gives a subtotal and the VAT per rate, highest rate first, and the total including VAT", () => {
    const totals = vatTotals([
      { amountCents: 10_000, rateBasisPoints: 900 },
      { amountCents: 123_456, rateBasisPoints: 2100 },
      { amountCents: 5_000, rateBasisPoints: 0 },
      { amountCents: 1_544, rateBasisPoints: 2100 },
    ]);
    expect(totals.groups).toEqual([
      { rateBasisPoints: 2100, baseCents: 125_000, vatCents: 26_250 },
      { rateBasisPoints: 900, baseCents: 10_000, vatCents: 900 },
      { rateBasisPoints: 0, baseCents: 5_000, vatCents: 0 },
    ]);
    expect(totals).toMatchObject({ subtotalCents: 140_000, vatCents: 27_150, totalCents: 167_150 });
  });

  it("rounds once per rate over the subtotal, not per line", () => {
    // Three lines of € 0,10 at 21 %: per line 2,1 ct → 2 ct each (6 ct); over the subtotal 6,3 ct → 6 ct.
    // Three lines of € 0,50 at 9 %: per line 4,5 ct → 5 ct each (15 ct); over € 1,50 13,5 ct → 14 ct.
    const lines = [10, 10, 10].map((amountCents) => ({ amountCents, rateBasisPoints: 2100 }));
    expect(vatTotals(lines).vatCents).toBe(6);
    const low = [50, 50, 50].map((amountCents) => ({ amountCents, rateBasisPoints: 900 }));
    expect(vatTotals(low).vatCents).toBe(14);
  });

  it("rounds half a cent away from zero", () => {
    expect(vatOf(50, 900)).toBe(5); // 4,5 ct
    expect(vatOf(-50, 900)).toBe(-5); // a credit line
    expect(vatOf(49, 900)).toBe(4); // 4,41 ct
  });

  it("stays exact for amounts of ten billion euro", () => {
    expect(vatOf(1_000_000_000_003, 2100)).toBe(210_000_000_001); // 210.000.000.000,63 → ,63 rounds up
  });

  it("has no groups and zero totals for a quote without lines", () => {
    expect(vatTotals([])).toEqual({ groups: [], subtotalCents: 0, vatCents: 0, totalCents: 0 });
  });

  it("always adds up: total = Σ bases + Σ VAT, and each VAT is within half a cent of base × rate", () => {
    const line = fc.record({ amountCents: fc.integer({ min: 0, max: 1e9 }), rateBasisPoints: fc.constantFrom(2100, 900, 0) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const t = vatTotals(lines);
        expect(t.totalCents).toBe(lines.reduce((s, l) => s + l.amountCents, 0) + t.vatCents);
        for (const g of t.groups) expect(Math.abs(g.vatCents - (g.baseCents * g.rateBasisPoints) / 10_000)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it("refuses a rate outside 0–100 %", () => {
    expect(() => vatOf(100, 10_001)).toThrow(RangeError);
  });
});

describe("parseVatCategory", () => {
  it.each([
    ["hoog", "high"],
    [" Laag ", "low"],
    ["nul", "zero"],
    ["21", "high"],
    ["21%", "high"],
    ["9 %", "low"],
    ["0", "zero"],
  ])("reads %j as %s", (text, category) => {
    expect(parseVatCategory(text)).toEqual({ ok: true, value: category });
  });

  it("reads a rate against the company's own rates, and refuses one it does not have", () => {
    expect(parseVatCategory("6", { high: 2100, low: 600, zero: 0 })).toEqual({ ok: true, value: "low" });
    expect(parseVatCategory("6").ok).toBe(false);
    expect(parseVatCategory("btw").ok).toBe(false);
  });
});
