import { describe, expect, it } from "vitest";
import {
  joinHouseNumber,
  parseClassText,
  parseCountry,
  parseDutchDate,
  parseGender,
  parseLegalForm,
  parseSbiList,
  parseStatusText,
  parseYesNo,
  personNameKey,
  relationNameKey,
  splitFullName,
  splitStreetAndNumber,
} from "./import-values.js";

describe("import cell values", () => {
  it("reads statuses in Dutch and English", () => {
    expect(parseStatusText("Klant")).toEqual({ ok: true, value: "customer" });
    expect(parseStatusText("Oud-klant")).toEqual({ ok: true, value: "former_customer" });
    expect(parseStatusText("niet benaderen")).toEqual({ ok: true, value: "dead" });
    expect(parseStatusText("former_customer")).toEqual({ ok: true, value: "former_customer" });
    expect(parseStatusText("misschien").ok).toBe(false);
  });

  it("reads classes, genders, yes/no and countries", () => {
    expect(parseClassText("a")).toEqual({ ok: true, value: "A" });
    expect(parseClassText("Key account")).toEqual({ ok: true, value: "key" });
    expect(parseClassText("D").ok).toBe(false);
    expect(parseGender("Mevr.")).toEqual({ ok: true, value: "v" });
    expect(parseGender("de heer")).toEqual({ ok: true, value: "m" });
    expect(parseYesNo("Ja")).toEqual({ ok: true, value: true });
    expect(parseYesNo("nee")).toEqual({ ok: true, value: false });
    expect(parseYesNo("misschien").ok).toBe(false);
    expect(parseCountry("België")).toEqual({ ok: true, value: "BE" });
    expect(parseCountry("nl")).toEqual({ ok: true, value: "NL" });
    expect(parseLegalForm("B.V.")).toBe("bv");
    expect(parseLegalForm("Ltd")).toBe("other");
  });

  it("reads Dutch dates day first, and ISO dates", () => {
    expect(parseDutchDate("15-03-2027")).toEqual({ ok: true, value: "2027-03-15" });
    expect(parseDutchDate("1/2/27")).toEqual({ ok: true, value: "2027-02-01" });
    expect(parseDutchDate("2027-03-15")).toEqual({ ok: true, value: "2027-03-15" });
    expect(parseDutchDate("31-02-2027").ok).toBe(false);
    expect(parseDutchDate("maart").ok).toBe(false);
  });

  it("splits SBI lists and addresses", () => {
    expect(parseSbiList("62.01; 4321 / 6201")).toEqual(["6201", "4321"]);
    expect(splitStreetAndNumber("Hoofdstraat 12 a")).toEqual({ street: "Hoofdstraat", houseNumber: "12 a" });
    expect(splitStreetAndNumber("Laan 1940-1945 3")).toEqual({ street: "Laan 1940-1945", houseNumber: "3" });
    expect(splitStreetAndNumber("Plein 1944")).toEqual({ street: "Plein", houseNumber: "1944" });
    expect(splitStreetAndNumber("Dorpsstraat")).toEqual({ street: "Dorpsstraat", houseNumber: null });
    expect(joinHouseNumber("12", "A")).toBe("12a");
    expect(joinHouseNumber("12", "2")).toBe("12-2");
    expect(joinHouseNumber("12a", "a")).toBe("12a");
  });

  it("splits full names with Dutch infixes", () => {
    expect(splitFullName("Jan van der Berg")).toEqual({ firstName: "Jan", initials: null, infix: "van der", lastName: "Berg" });
    expect(splitFullName("J.P. de Vries")).toEqual({ firstName: null, initials: "J.P.", infix: "de", lastName: "Vries" });
    expect(splitFullName("Berg, Jan van der")).toEqual({ firstName: "Jan", initials: null, infix: "van der", lastName: "Berg" });
    expect(splitFullName("Anna Maria Jansen")).toEqual({ firstName: "Anna Maria", initials: null, infix: null, lastName: "Jansen" });
    expect(splitFullName("Jansen")).toEqual({ firstName: null, initials: null, infix: null, lastName: "Jansen" });
  });

  it("matches relations on normalised name and postcode, persons on surname and first initial", () => {
    expect(relationNameKey("Café De Zon B.V.", "1234 ab")).toBe(relationNameKey("cafe de zon b v", "1234AB"));
    expect(relationNameKey("De Zon", "1234 AB")).not.toBe(relationNameKey("De Zon", "1234 AC"));
    const jan = { firstName: "Jan", initials: null, infix: "van der", lastName: "Berg" };
    expect(personNameKey(jan)).toBe(personNameKey({ firstName: null, initials: "J.", infix: "Van der", lastName: "berg" }));
    expect(personNameKey(jan)).not.toBe(personNameKey({ ...jan, firstName: "Piet" }));
  });
});
