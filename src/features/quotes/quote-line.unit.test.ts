import { describe, expect, it } from "vitest";
import { lineAmountCents, percentToBasisPoints, quantityToMilli, unitPriceOf } from "./quote-line.js";

describe("quote line arithmetic", () => {
  it("multiplies quantity, unit price and discount exactly and rounds the cent half away from zero", () => {
    expect(lineAmountCents(3000, 1999, 0)).toBe(5997);
    // 12.5 × € 19,99 = € 249,875 → € 249,88
    expect(lineAmountCents(12_500, 1999, 0)).toBe(24_988);
    // 1 × € 0,05 − 50 % = 2,5 cent → 3 cent
    expect(lineAmountCents(1000, 5, 5000)).toBe(3);
    // 7 × € 12,34 − 2,5 % = € 84,2205 → € 84,22
    expect(lineAmountCents(7000, 1234, 250)).toBe(8422);
    expect(lineAmountCents(1000, 100_000, 10_000)).toBe(0);
  });

  it("keeps quantities to three decimals and refuses a fourth or a non-positive quantity", () => {
    expect(quantityToMilli(12.345)).toEqual({ ok: true, value: 12_345 });
    expect(quantityToMilli(0.1 + 0.2)).toEqual({ ok: true, value: 300 });
    expect(quantityToMilli(1.0005).ok).toBe(false);
    expect(quantityToMilli(0).ok).toBe(false);
    expect(quantityToMilli(-2).ok).toBe(false);
  });

  it("turns a discount percentage into basis points", () => {
    expect(percentToBasisPoints(2.5)).toEqual({ ok: true, value: 250 });
    expect(percentToBasisPoints(12.34)).toEqual({ ok: true, value: 1234 });
    expect(percentToBasisPoints(100.5).ok).toBe(false);
    expect(percentToBasisPoints(1.234).ok).toBe(false);
  });

  it("derives a unit price from an amount and a quantity", () => {
    expect(unitPriceOf(463_050, 3000)).toBe(154_350);
    expect(unitPriceOf(1000, 3000)).toBe(333);
  });
});
