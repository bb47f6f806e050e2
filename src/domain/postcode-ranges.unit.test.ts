import { describe, expect, it } from "vitest";
import { checkPc4Ranges, rangesOverlap } from "./postcode-ranges.js";

describe("postcode ranges of a rayon", () => {
  it("sorts good ranges and names the first bad one", () => {
    expect(checkPc4Ranges([{ from: "3500", to: "3599" }, { from: " 1000", to: "1099 " }])).toEqual({ ok: true, value: [{ from: "1000", to: "1099" }, { from: "3500", to: "3599" }] });
    expect(checkPc4Ranges([{ from: "1000", to: "1099" }, { from: "0999", to: "1000" }])).toEqual({ ok: false, error: { index: 1, code: "pc4_invalid" } });
    expect(checkPc4Ranges([{ from: "2000", to: "1000" }])).toEqual({ ok: false, error: { index: 0, code: "range_reversed" } });
    expect(checkPc4Ranges([{ from: "1000", to: "1099" }, { from: "1099", to: "1200" }])).toEqual({ ok: false, error: { index: 1, code: "range_overlap" } });
    expect(checkPc4Ranges([{ from: "1000", to: "1000" }])).toMatchObject({ ok: true });
  });

  it("sees overlap when one postcode area is shared", () => {
    expect(rangesOverlap({ from: "1000", to: "1099" }, { from: "1099", to: "1100" })).toBe(true);
    expect(rangesOverlap({ from: "1000", to: "1099" }, { from: "1100", to: "1199" })).toBe(false);
  });
});
