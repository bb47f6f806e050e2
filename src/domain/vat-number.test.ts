import { describe, expect, it } from "vitest";
import { normalizeVatNumber } from "./vat-number.js";

describe("normalizeVatNumber", () => {
  it.each([
    ["NL004495445B01", "NL004495445B01", "a number that passes the eleven test"],
    ["nl 0044.95445.b01", "NL004495445B01", "spaces, dots and small letters"],
    ["NL123456758B01", "NL123456758B01", "a sole proprietor's number since 2020 (mod 97)"],
  ])("accepts %j as %s (%s)", (input, expected) => {
    expect(normalizeVatNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["NL004495446B01", "a wrong check digit"],
    ["NL004495445B00", "suffix B00"],
    ["NL00449544B01", "eight digits"],
    ["NL004495445C01", "no B"],
    ["BE0123456749", "a Belgian number"],
    ["004495445B01", "no NL"],
    ["12345678", "a KvK number"],
  ])("refuses %j (%s)", (input) => {
    expect(normalizeVatNumber(input)).toEqual({ ok: false, error: "vat_number_invalid" });
  });
});
