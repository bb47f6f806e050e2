import { describe, expect, it } from "vitest";
import { argumentsFor, cleanRequirements, combineRequirements, parseRequirements, type Requirement, requirementOf, requirementsOverLimit, supplierComparison } from "./requirements.js";

const req = (label: string, more: Partial<Requirement> = {}): Requirement => ({ ...requirementOf(label), ...more });

describe("customer requirements", () => {
  it("holds a relation to 30 requirements, but lets a longer list a merge left be kept and shortened", () => {
    expect(requirementsOverLimit(30, 0)).toBe(false);
    expect(requirementsOverLimit(31, 0)).toBe(true);
    expect(requirementsOverLimit(40, 40)).toBe(false);
    expect(requirementsOverLimit(35, 40)).toBe(false);
    expect(requirementsOverLimit(41, 40)).toBe(true);
  });

  it("reads bare labels kept before the details as soft product requirements, and unknown values as unknown", () => {
    expect(parseRequirements('["Milieuvriendelijk", {"label":"24/7 bereikbaar","kind":"supplier","hard":true,"willingToPay":"yes","supplierScore":"worse","supplierNote":"alleen kantoortijd"}, {"label":"X","kind":"bogus","willingToPay":7}, 3]')).toEqual([
      req("Milieuvriendelijk"),
      { label: "24/7 bereikbaar", kind: "supplier", hard: true, willingToPay: "yes", supplierScore: "worse", supplierNote: "alleen kantoortijd" },
      req("X"),
    ]);
    expect(parseRequirements("not json")).toEqual([]);
  });

  it("keeps each requirement once, trimmed, the first of two that differ only in case or accents", () => {
    expect(cleanRequirements([req("  Géén   chloor ", { hard: true }), req("geen chloor"), req("  "), req("HACCP", { supplierNote: "  " })])).toEqual([req("Géén chloor", { hard: true }), req("HACCP")]);
  });

  it("combines two relations' requirements: the survivor's answers count, unknowns filled, hard wins, nothing twice", () => {
    const survivor = [req("Milieuvriendelijk", { willingToPay: "no" }), req("HACCP")];
    const duplicate = [req("milieuvriendelijk", { hard: true, willingToPay: "yes", supplierScore: "better", supplierNote: "Ecolabel" }), req("Flexibel")];
    expect(combineRequirements(survivor, duplicate)).toEqual([
      req("Milieuvriendelijk", { hard: true, willingToPay: "no", supplierScore: "better", supplierNote: "Ecolabel" }),
      req("HACCP"),
      req("Flexibel"),
    ]);
  });

  it("shows only the arguments that answer a requirement, those for a hard requirement first", () => {
    const args = [
      { requirement: "Milieuvriendelijk", text: "Ecolabel" },
      { requirement: "Prijs", text: "Scherp" },
      { requirement: "Flexibel", text: "Ook 's avonds" },
    ];
    expect(argumentsFor(args, [req("milieuvriendelijk"), req("FLEXIBEL", { hard: true })])).toEqual([
      { requirement: "Flexibel", text: "Ook 's avonds", hard: true },
      { requirement: "Milieuvriendelijk", text: "Ecolabel", hard: false },
    ]);
    expect(argumentsFor(args, [req("—")])).toEqual([]);
  });

  it("compares with the current supplier only where its score is known, hard ones first", () => {
    const list = [req("A", { supplierScore: "better" }), req("B"), req("C", { hard: true, supplierScore: "worse" })];
    expect(supplierComparison(list).map((r) => r.label)).toEqual(["C", "A"]);
  });
});
