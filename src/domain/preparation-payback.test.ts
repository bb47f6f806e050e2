import { describe, expect, it } from "vitest";
import { preparationPayback } from "./preparation-payback.js";

describe("discount against preparation", () => {
  it("sets half a percent of a year's revenue against the preparation's hours at the rep's cost", () => {
    // € 120.000 a year: half a percent is € 600; 90 minutes at € 65 an hour is € 97,50: six times over.
    expect(preparationPayback({ yearRevenueCents: 12_000_000, preparationMinutes: 90, hourlyCostCents: 6_500 })).toEqual({ gainCents: 60_000, preparationCostCents: 9_750, times: 6 });
  });
  it("rounds cents half up and says nothing about times when preparing costs nothing", () => {
    expect(preparationPayback({ yearRevenueCents: 101, preparationMinutes: 0, hourlyCostCents: 6_500 })).toEqual({ gainCents: 1, preparationCostCents: 0, times: null });
    expect(preparationPayback({ yearRevenueCents: 99, preparationMinutes: 1, hourlyCostCents: 90 })).toEqual({ gainCents: 0, preparationCostCents: 2, times: 0 });
  });
});
