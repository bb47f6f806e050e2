import { describe, expect, it } from "vitest";
import { isoWeekOf, isoWeeksBetween } from "./iso-week.js";

describe("ISO weeks", () => {
  it("puts the days around new year in the week of their Thursday", () => {
    expect(isoWeekOf("2025-12-29")).toBe("2026-W01");
    expect(isoWeekOf("2026-01-04")).toBe("2026-W01");
    expect(isoWeekOf("2026-01-05")).toBe("2026-W02");
    expect(isoWeekOf("2026-12-31")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-03")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-04")).toBe("2027-W01");
    expect(isoWeekOf("2026-11-27")).toBe("2026-W48");
  });

  it("lists each week of a range once", () => {
    expect(isoWeeksBetween("2026-11-22", "2026-12-07")).toEqual(["2026-W47", "2026-W48", "2026-W49", "2026-W50"]);
    expect(isoWeeksBetween("2026-12-07", "2026-11-22")).toEqual([]);
  });
});
