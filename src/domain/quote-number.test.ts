import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareQuoteNumbers,
  formatQuoteNumber,
  latestRevisions,
  nextRevision,
  parseQuoteNumber,
} from "./quote-number.js";

describe("parseQuoteNumber", () => {
  it.each([
    ["OV87-3", 87, 3],
    ["OV87", 87, 1],
    ["ov87-3", 87, 3],
    ["ov 87-3", 87, 3],
    [" OV 87 - 3 ", 87, 3],
    ["OV-87-2", 87, 2],
    ["87", 87, 1],
    ["87-4", 87, 4],
    ["OV087-03", 87, 3],
  ])("reads %j as quote %i revision %i", (text, base, revision) => {
    expect(parseQuoteNumber(text)).toEqual({ ok: true, value: { base, revision } });
  });

  it.each(["", "OV", "OV87-", "OV87-3-1", "XY87", "OV8.7", "OV0", "OV87-0", "-5", "OV99999999999"])(
    "rejects %j with a message naming the expected form",
    (text) => {
      const result = parseQuoteNumber(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/quote number|revision/);
    },
  );

  it("reads back every formatted quote number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_147_483_647 }), fc.integer({ min: 1, max: 999 }), (base, revision) => {
        expect(parseQuoteNumber(formatQuoteNumber({ base, revision }))).toEqual({ ok: true, value: { base, revision } });
      }),
    );
  });
});

describe("formatQuoteNumber", () => {
  it("always writes the revision", () => {
    expect(formatQuoteNumber({ base: 87, revision: 3 })).toBe("OV87-3");
    expect(formatQuoteNumber({ base: 87, revision: 1 })).toBe("OV87-1");
  });
});

describe("revisions", () => {
  it("makes the next revision of the same quote", () => {
    expect(nextRevision({ base: 87, revision: 3 })).toEqual({ base: 87, revision: 4 });
  });

  it("orders by quote number, then revision", () => {
    const sorted = [
      { base: 87, revision: 3 },
      { base: 9, revision: 2 },
      { base: 87, revision: 1 },
    ].sort(compareQuoteNumbers);
    expect(sorted.map(formatQuoteNumber)).toEqual(["OV9-2", "OV87-1", "OV87-3"]);
  });

  it("keeps only the latest revision of every quote", () => {
    const items = [
      { id: "a", quoteNumber: { base: 87, revision: 1 } },
      { id: "b", quoteNumber: { base: 12, revision: 1 } },
      { id: "c", quoteNumber: { base: 87, revision: 3 } },
      { id: "d", quoteNumber: { base: 87, revision: 2 } },
    ];
    expect(latestRevisions(items).map((i) => i.id)).toEqual(["c", "b"]);
  });
});
