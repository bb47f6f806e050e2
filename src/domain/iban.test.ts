import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIban, normalizeIban } from "./iban.js";

describe("normalizeIban", () => {
  it.each([
    ["NL91ABNA0417164300", "NL91ABNA0417164300"],
    ["nl91 abna 0417 1643 00", "NL91ABNA0417164300"],
    ["NL20 INGB 0001 2345 67", "NL20INGB0001234567"],
    ["BE68 5390 0754 7034", "BE68539007547034"],
    ["GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"],
  ])("accepts %j as %s", (input, expected) => {
    expect(normalizeIban(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["NL92ABNA0417164300", "a wrong check digit"],
    ["NL91ABNA0417164301", "a mistyped account digit"],
    ["NL91ABNA041716430", "a Dutch IBAN one digit short"],
    ["NL91AB1A0417164300", "a digit in the Dutch bank code"],
    ["91ABNA0417164300", "no country"],
    ["", "nothing"],
    ["NL91 ABNA 0417 1643 00!", "a stray character"],
  ])("refuses %j (%s)", (input) => {
    expect(normalizeIban(input)).toEqual({ ok: false, error: "iban_invalid" });
  });

  it("refuses every single-digit typo in a valid IBAN (what mod 97 guarantees)", () => {
    const valid = "NL91ABNA0417164300";
    fc.assert(
      fc.property(fc.integer({ min: 8, max: valid.length - 1 }), fc.integer({ min: 1, max: 9 }), (at, shift) => {
        const digit = (Number(valid[at]) + shift) % 10;
        const typo = valid.slice(0, at) + String(digit) + valid.slice(at + 1);
        expect(normalizeIban(typo).ok).toBe(false);
      }),
    );
  });

  it("prints the paper form in groups of four", () => {
    expect(formatIban("NL91ABNA0417164300")).toBe("NL91 ABNA 0417 1643 00");
  });
});
