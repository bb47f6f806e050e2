import { describe, expect, it } from "vitest";
import { answerFieldsOf, answerProposals, requirementsHeard, statusAfterVisit } from "./visit-answers.js";
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
    expect(heard).toEqual(["Milieuvriendelijke middelen", "Flexibele planning"]);
  });
});
