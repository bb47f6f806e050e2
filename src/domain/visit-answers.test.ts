import { describe, expect, it } from "vitest";
import { answerFieldsOf, answerProposals, classAfterVisit, requirementsHeard, statusAfterVisit } from "./visit-answers.js";
import { SHIPPED_TEMPLATES } from "./visit-templates.js";

describe("answers that become fields", () => {
  const fields = answerFieldsOf(SHIPPED_TEMPLATES);

  it("maps the cleaning template's keywords to the relation's fields and the win chance", () => {
    expect(Object.fromEntries(fields)).toEqual({ lev: "currentSupplier", "€ conc": "competitorPriceNote", "afl. contr.": "contractEndDate", "vk%": "winChance" });
  });

  it("turns answers into values a relation keeps, and says which did not parse", () => {
    const proposals = answerProposals(
      [
        { keyword: "LEV", answer: " Schoon & Co " },
        { keyword: "afl. contr.", answer: "31-03-2027" },
        { keyword: "€ conc", answer: "€ 38,50 per uur" },
        { keyword: "vk%", answer: "ongeveer de helft" },
        { keyword: "DMU", answer: "Jansen beslist" },
        { keyword: "lev", answer: "Tweede antwoord" },
      ],
      fields,
    );
    expect(proposals).toEqual([
      { field: "currentSupplier", keyword: "LEV", answer: "Schoon & Co", value: "Schoon & Co", problem: null },
      { field: "contractEndDate", keyword: "afl. contr.", answer: "31-03-2027", value: "2027-03-31", problem: null },
      { field: "competitorPriceNote", keyword: "€ conc", answer: "€ 38,50 per uur", value: "€ 38,50 per uur", problem: null },
      { field: "winChance", keyword: "vk%", answer: "ongeveer de helft", value: null, problem: "percentage_invalid" },
    ]);
  });

  it("reads amounts in cents and refuses a date that does not exist", () => {
    const map = new Map([["omzet", "revenuePotentialCents" as const], ["eind", "contractEndDate" as const]]);
    expect(answerProposals([{ keyword: "omzet", answer: "€ 12.500" }, { keyword: "eind", answer: "31-02-2027" }], map)).toEqual([
      { field: "revenuePotentialCents", keyword: "omzet", answer: "€ 12.500", value: 1_250_000, problem: null },
      { field: "contractEndDate", keyword: "eind", answer: "31-02-2027", value: null, problem: "date_invalid" },
    ]);
  });

  it("proposes prospect for a visited suspect and leaves every other status alone", () => {
    expect(statusAfterVisit("suspect")).toBe("prospect");
    for (const s of ["prospect", "customer", "former_customer", "dead"]) expect(statusAfterVisit(s)).toBeNull();
  });

  it("takes the requirements heard as labels the relation does not hold yet", () => {
    const heard = requirementsHeard(
      [
        { keyword: "eisen product", answer: "Milieuvriendelijke middelen, géén chloor; Flexibele planning" },
        { keyword: "Eisen leverancier", answer: "flexibele  planning" },
        { keyword: "lev", answer: "Schoon & Co" },
        { keyword: "eisen product", answer: null },
      ],
      ["Geen chloor"],
    );
    expect(heard.map((r) => [r.label, r.kind, r.hard])).toEqual([
      ["Milieuvriendelijke middelen", "product", false],
      ["Flexibele planning", "product", false],
    ]);
  });

  it("takes the answers to 'eisen leverancier' as requirements on the supplier", () => {
    const heard = requirementsHeard([{ keyword: "Eisen leverancier", answer: "Bereikbaar buiten kantoortijd" }, { keyword: "eisen", answer: "HACCP" }], []);
    expect(heard.map((r) => [r.label, r.kind])).toEqual([
      ["Bereikbaar buiten kantoortijd", "supplier"],
      ["HACCP", "product"],
    ]);
  });

  it("proposes the class the revenue potential heard points to, with the threshold it passes", () => {
    const t = { A: 5_000_000, B: 1_000_000 };
    expect(classAfterVisit("C", false, 1_200_000, t)).toEqual({ from: "C", to: "B", revenuePotentialCents: 1_200_000, thresholdCents: 1_000_000 });
    expect(classAfterVisit(null, false, 6_000_000, t)).toEqual({ from: null, to: "A", revenuePotentialCents: 6_000_000, thresholdCents: 5_000_000 });
    expect(classAfterVisit("A", false, 200_000, t)).toEqual({ from: "A", to: "C", revenuePotentialCents: 200_000, thresholdCents: 1_000_000 });
  });

  it("proposes no class when it stays, the potential is unknown, or a person decided (override, key account)", () => {
    const t = { A: 5_000_000, B: 1_000_000 };
    expect(classAfterVisit("B", false, 1_200_000, t)).toBeNull();
    expect(classAfterVisit("C", false, null, t)).toBeNull();
    expect(classAfterVisit("A", true, 200_000, t)).toBeNull();
    expect(classAfterVisit("key", false, 200_000, t)).toBeNull();
  });
});
