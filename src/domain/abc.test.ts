import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classByRevenue, paretoCurve, proposeClass } from "./abc.js";

const t = { A: 50_000_00, B: 10_000_00 };

describe("ABC analysis", () => {
  it("proposes A, B or C from revenue against the thresholds", () => {
    expect(classByRevenue(60_000_00, t)).toBe("A");
    expect(classByRevenue(10_000_00, t)).toBe("B");
    expect(classByRevenue(9_999_99, t)).toBe("C");
  });

  it("keeps a strategic override and a key account, and says so", () => {
    expect(proposeClass("A", true, 100, t)).toEqual({ proposed: "A", kept: "override" });
    expect(proposeClass("key", false, 100, t)).toEqual({ proposed: "key", kept: "key_account" });
    expect(proposeClass("C", false, 60_000_00, t)).toEqual({ proposed: "A", kept: null });
  });

  it("draws the curve from 0 to 100 % and finds how many relations make 80 % of revenue", () => {
    const revenues = [800, 100, 50, 25, 25];
    const { curve, top20Bp, relationsFor80 } = paretoCurve(revenues);
    expect(curve[0]).toEqual({ relationsBp: 0, revenueBp: 0 });
    expect(curve.at(-1)).toEqual({ relationsBp: 10_000, revenueBp: 10_000 });
    expect(top20Bp).toBe(8000);
    expect(relationsFor80).toBe(1);
  });

  it("always rises and ends at 100 %", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1e9 }), { minLength: 1, maxLength: 500 }), (values) => {
        const sorted = [...values].sort((a, b) => b - a);
        const { curve } = paretoCurve(sorted, 50);
        for (let i = 1; i < curve.length; i++) expect(curve[i]!.revenueBp).toBeGreaterThanOrEqual(curve[i - 1]!.revenueBp);
        expect(curve.at(-1)?.revenueBp).toBe(10_000);
      }),
    );
  });
});
