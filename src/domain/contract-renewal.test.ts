import { describe, expect, it } from "vitest";
import { isTimeToPropose, proposalWindow, proposeFrom } from "./contract-renewal.js";

describe("time to propose before a contract ends", () => {
  it("is from sixty days before the end up to the end itself", () => {
    expect(isTimeToPropose("2027-01-26", "2026-11-27", 60)).toBe(true);
    expect(isTimeToPropose("2027-01-27", "2026-11-27", 60)).toBe(false);
    expect(isTimeToPropose("2026-11-27", "2026-11-27", 60)).toBe(true);
    expect(isTimeToPropose("2026-11-26", "2026-11-27", 60)).toBe(false);
  });

  it("gives the same window as a date range for the query", () => {
    expect(proposalWindow("2026-11-27", 60)).toEqual({ from: "2026-11-27", to: "2027-01-26" });
    expect(proposeFrom("2027-01-26", 60)).toBe("2026-11-27");
  });
});
