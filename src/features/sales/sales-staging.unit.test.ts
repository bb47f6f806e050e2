import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packLines, S, type StagedLine, StagingBatch, unpackLines } from "./sales-staging.js";

const text = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !s.includes("\u0000"));
const cents = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
const line: fc.Arbitrary<StagedLine> = fc.tuple(
  fc.integer({ min: 1, max: 50_000_000 }),
  text,
  fc.integer({ min: 1, max: 100_000 }),
  fc.constantFrom("2016-01-01", "2025-12-31"),
  text,
  text,
  text,
  text,
  cents,
  cents,
  fc.option(cents, { nil: null }),
  fc.constantFrom(0 as const, 1 as const),
);

describe("staged sales lines packed into one batch", () => {
  it("come back exactly as they went in, whatever the texts and figures (no cost stays no cost)", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        expect(unpackLines(packLines(lines))).toEqual(lines);
      }),
    );
  });

  it("read from a buffer that starts at an odd byte, as a database driver may hand it over", () => {
    const lines: StagedLine[] = [[7, "F-1", 1, "2025-03-15", "d-1", "p-1", "", "noord", 1500, 12_345, null, 1]];
    const packed = packLines(lines);
    const shifted = Buffer.alloc(packed.length + 3);
    packed.copy(shifted, 3);
    expect(unpackLines(shifted.subarray(3))).toEqual(lines);
  });

  it("come back the same from a reused batch that grew past its first size and was cleared between flushes", () => {
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), (flushes) => {
        const batch = new StagingBatch(2);
        for (const lines of flushes) {
          for (const l of lines) batch.push(l[S.row], l[S.invoice], l[S.line], l[S.date], l[S.debtor], l[S.product], l[S.rep], l[S.rayon], l[S.quantity], l[S.revenue], l[S.cost], l[S.credit]);
          expect(batch.length).toBe(lines.length);
          expect(unpackLines(batch.pack())).toEqual(lines);
          batch.clear();
        }
      }),
    );
  });
});
