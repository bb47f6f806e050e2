import { describe, expect, it } from "vitest";
import { eurosToCents } from "./money.js";

describe("euros typed in a form become integer cents", () => {
  it("converts whole euros and euros with cents without rounding errors", () => {
    expect(eurosToCents(12345.5)).toBe(1234550);
    expect(eurosToCents(0.29)).toBe(29);
    expect(eurosToCents(1.1)).toBe(110);
    expect(eurosToCents(1_000_000_000_000)).toBe(100_000_000_000_000);
    expect(eurosToCents("1.234,56")).toBe(123456);
    expect(eurosToCents("99")).toBe(9900);
  });

  it("keeps every amount a form can show: cents / 100 comes back as the same cents", () => {
    for (const cents of [0, 1, 29, 101, 999, 123456789, 9_007_199_254_740_99]) {
      expect(eurosToCents(cents / 100)).toBe(cents);
    }
  });

  it("treats an empty input as no amount and refuses what is not an amount in cents", () => {
    expect(eurosToCents("")).toBeNull();
    expect(eurosToCents(null)).toBeNull();
    expect(eurosToCents("1,005")).toBeUndefined();
    expect(eurosToCents("tien")).toBeUndefined();
    expect(eurosToCents(-5)).toBeUndefined();
  });
});
