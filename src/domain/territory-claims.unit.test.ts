import { describe, expect, it } from "vitest";
import { areasClash, claimOfPostcode, type RayonClaim, rangeClash } from "./territory-claims.js";

const others: RayonClaim[] = [
  { rayonId: 1, ranges: [{ from: "1000", to: "1099" }], regionPc4s: new Set() },
  { rayonId: 2, ranges: [], regionPc4s: new Set(["3511", "3512"]) },
];

describe("territory claims", () => {
  it("finds the rayon whose range or region a new range touches", () => {
    expect(rangeClash({ from: "1090", to: "1200" }, others)).toEqual({ rayonId: 1, range: { from: "1000", to: "1099" } });
    expect(rangeClash({ from: "3500", to: "3511" }, others)).toEqual({ rayonId: 2, pc4: "3511" });
    expect(rangeClash({ from: "3513", to: "3599" }, others)).toBeNull();
  });

  it("finds the rayon that holds an area of a new province or municipality", () => {
    expect(areasClash(["2000", "1011"], others)).toEqual({ rayonId: 1, range: { from: "1000", to: "1099" } });
    expect(areasClash(new Set(["3512"]), others)).toEqual({ rayonId: 2, pc4: "3512" });
    expect(areasClash(["9711"], others)).toBeNull();
  });

  it("says which rayon's area holds a visiting postcode", () => {
    expect(claimOfPostcode("1011 AB", others)).toBe(1);
    expect(claimOfPostcode("3512AB", others)).toBe(2);
    expect(claimOfPostcode("9711 AA", others)).toBeNull();
    expect(claimOfPostcode(null, others)).toBeNull();
    expect(claimOfPostcode("B-2000", others)).toBeNull();
  });
});
