import { describe, expect, it } from "vitest";
import { checkClassChoice } from "./account-class.js";
import { normalizeEmail, normalizePhone, normalizeWebUrl } from "./contact-details.js";
import { normalizeKvkNumber } from "./kvk.js";
import { allowedNextStatuses, checkTransition, needsManager } from "./lifecycle.js";
import { normalizeDutchPostcode, normalizePostcode } from "./postcode.js";
import { can } from "./roles.js";
import { normalizeKey, queryPrefixes, searchTerms } from "./text.js";

describe("postcodes", () => {
  it("normalises Dutch postcodes to '1234 AB'", () => {
    expect(normalizeDutchPostcode("3511ab")).toEqual({ ok: true, value: "3511 AB" });
    expect(normalizeDutchPostcode(" 3511  AB ")).toEqual({ ok: true, value: "3511 AB" });
  });
  it("refuses postcodes that cannot exist", () => {
    for (const bad of ["0123 AB", "12345", "1234 A", "1234 SS", "1234 SA", "abcd ef", "1234-AB"]) {
      expect(normalizeDutchPostcode(bad).ok).toBe(false);
    }
  });
  it("accepts foreign postcodes by their own country", () => {
    expect(normalizePostcode("10115", "DE")).toEqual({ ok: true, value: "10115" });
  });
});

describe("KvK numbers", () => {
  it("keeps 8 digits and removes spaces and dots", () => {
    expect(normalizeKvkNumber("12.34.56.78")).toEqual({ ok: true, value: "12345678" });
    expect(normalizeKvkNumber("0123 4567")).toEqual({ ok: true, value: "01234567" });
  });
  it("refuses other lengths and letters", () => {
    for (const bad of ["1234567", "123456789", "1234567a", ""]) expect(normalizeKvkNumber(bad).ok).toBe(false);
  });
});

describe("lifecycle status", () => {
  it("allows the sales path and refuses jumps backwards", () => {
    expect(checkTransition("suspect", "prospect", "Gesprek gehad").ok).toBe(true);
    expect(checkTransition("prospect", "customer", "Eerste order").ok).toBe(true);
    expect(checkTransition("customer", "former_customer", "Een jaar geen omzet").ok).toBe(true);
    expect(checkTransition("prospect", "former_customer", "x")).toEqual({ ok: false, error: "status_transition_not_allowed" });
    expect(checkTransition("customer", "prospect", "x").ok).toBe(false);
  });
  it("needs a reason for every change", () => {
    expect(checkTransition("suspect", "dead", "  ")).toEqual({ ok: false, error: "status_reason_required" });
  });
  it("lets a dead relation come back only as suspect or prospect, by a manager", () => {
    expect(allowedNextStatuses("dead")).toEqual(["suspect", "prospect"]);
    expect(needsManager("dead", "prospect")).toBe(true);
    expect(needsManager("prospect", "dead")).toBe(false);
    expect(can("field_sales", "relations.revive")).toBe(false);
    expect(can("sales_manager", "relations.revive")).toBe(true);
  });
});

describe("account class", () => {
  it("needs a written reason for a strategic override", () => {
    expect(checkClassChoice({ accountClass: "key", override: true, overrideReason: " " })).toEqual({ ok: false, error: "class_override_reason_required" });
    expect(checkClassChoice({ accountClass: null, override: true, overrideReason: "x" }).ok).toBe(false);
    expect(checkClassChoice({ accountClass: "B", override: false, overrideReason: "ignored" })).toEqual({
      ok: true,
      value: { accountClass: "B", override: false, overrideReason: null },
    });
  });
});

describe("search keys", () => {
  it("lower-cases, strips accents and punctuation", () => {
    expect(normalizeKey("Café 't Hoekje B.V.")).toBe("cafe t hoekje b v");
    expect(searchTerms(["Jansen & Zonen", "Den Haag", null])).toEqual(["jansen", "zonen", "den", "haag"]);
  });
  it("turns hostile input into harmless prefixes", () => {
    expect(queryPrefixes("'; DROP TABLE relations; --")).toEqual([
      { lower: "drop", upper: "drop~" },
      { lower: "table", upper: "table~" },
      { lower: "relations", upper: "relations~" },
    ]);
    expect(queryPrefixes("%_")).toEqual([]);
  });
});

describe("contact details", () => {
  it("checks e-mail, web and phone", () => {
    expect(normalizeEmail("Info@Example.NL")).toEqual({ ok: true, value: "info@example.nl" });
    expect(normalizeEmail("geen mail").ok).toBe(false);
    expect(normalizeWebUrl("www.glansrijk.nl")).toEqual({ ok: true, value: "https://www.glansrijk.nl" });
    expect(normalizeWebUrl("javascript:alert(1)").ok).toBe(false);
    expect(normalizePhone("030 - 123 45 67").ok).toBe(true);
    expect(normalizePhone("bel mij").ok).toBe(false);
  });
});
