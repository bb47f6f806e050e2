import { describe, expect, it } from "vitest";
import { activityKindOf, leaveAtMs, type Objective, objectiveProblems, reportOutcome, smartFromText, smartToText, smartWarnings, suggestMethod } from "./visit-preparation.js";
import { fromTemplates, proposedTemplates, SHIPPED_TEMPLATES, templateProblems, templatesByIds, type VisitTemplate } from "./visit-templates.js";

const all = ["S", "M", "A", "R", "T"] as const;
const obj = (o: Partial<Objective>): Objective => ({ kind: "internal", text: "Huidige leverancier", keyword: "lev", smart: all, ...o });

describe("the sales method for the phase", () => {
  it("is need-oriented on a first visit to a prospect", () => {
    expect(suggestMethod({ visitType: "first_visit", status: "prospect", contactMoments: 0, openQuotes: 0 })).toEqual({ method: "need_oriented", reason: "first_contact" });
  });
  it("is problem-solving once the needs are known", () => {
    expect(suggestMethod({ visitType: "follow_up", status: "prospect", contactMoments: 2, openQuotes: 0 })).toEqual({ method: "problem_solving", reason: "needs_known" });
  });
  it("is process-oriented when a solution has been offered or the visit is about the quote", () => {
    expect(suggestMethod({ visitType: "follow_up", status: "prospect", contactMoments: 3, openQuotes: 1 }).method).toBe("process_oriented");
    expect(suggestMethod({ visitType: "closing", status: "customer", contactMoments: 9, openQuotes: 0 }).method).toBe("process_oriented");
  });
  it("is relationship-advisory with an existing customer", () => {
    expect(suggestMethod({ visitType: "follow_up", status: "customer", contactMoments: 5, openQuotes: 0 })).toEqual({ method: "relationship_advisory", reason: "existing_relation" });
  });
});

describe("objectives that cannot be kept", () => {
  it("refuses an empty text and an internal objective without its keyword", () => {
    expect(objectiveProblems([obj({ text: "  " }), obj({ keyword: "" })]).map((p) => [p.index, p.code])).toEqual([
      [0, "objective_text_required"],
      [1, "keyword_required"],
    ]);
  });
  it("refuses the same keyword twice and a second external objective", () => {
    const problems = objectiveProblems([obj({}), obj({ text: "Leverancier nogmaals", keyword: "LEV" }), obj({ kind: "external", keyword: null }), obj({ kind: "external", keyword: null, text: "Nog een" })]);
    expect(problems.map((p) => p.code)).toEqual(["keyword_duplicate", "external_twice"]);
  });
  it("lets an external objective go without a keyword", () => {
    expect(objectiveProblems([obj({ kind: "external", keyword: null, text: "Kennismaken" })])).toEqual([]);
  });
});

describe("SMART warnings", () => {
  it("warns on 'get the order' on a need-oriented visit and on a missing external objective", () => {
    const warnings = smartWarnings([obj({ text: "De order binnenhalen", keyword: "order" })], "need_oriented");
    expect(warnings).toEqual([{ code: "external_missing" }, { code: "unfit_for_phase", index: 0, method: "need_oriented" }]);
  });
  it("does not warn on a quote objective at a closing visit", () => {
    expect(smartWarnings([obj({ kind: "external", keyword: null, text: "Offerte bespreken en opdracht krijgen" })], "process_oriented")).toEqual([]);
  });
  it("names the letters the rep did not confirm", () => {
    expect(smartWarnings([obj({ kind: "external", keyword: null, smart: ["S", "T"] })], "problem_solving")).toEqual([{ code: "smart_unconfirmed", index: 0, missing: ["M", "A", "R"] }]);
  });
  it("stores letters in SMART order, each once", () => {
    expect(smartToText(["T", "S", "S", "x"])).toBe("ST");
    expect(smartFromText("SMT")).toEqual(["S", "M", "T"]);
  });
});

describe("templates", () => {
  const shipped = SHIPPED_TEMPLATES;
  const healthcare: VisitTemplate = {
    id: "t7",
    name: { nl: "Zorg", en: "Care" },
    visitTypes: ["first_visit"],
    sbiSections: ["R"],
    objectives: [{ kind: "internal", text: "Hygiëne-eisen van de instelling", keyword: "hyg" }],
    keywords: ["HACCP"],
  };
  it("proposes the general and the cleaning template for a first visit, only the general one otherwise", () => {
    expect(proposedTemplates(shipped, "first_visit", [])).toEqual(["general", "cleaning"]);
    expect(proposedTemplates(shipped, "after_sales", [])).toEqual(["general"]);
  });
  it("proposes an industry's template only for relations in that SBI section", () => {
    const all = [...shipped, healthcare];
    expect(proposedTemplates(all, "first_visit", ["R", "N"])).toEqual(["general", "cleaning", "t7"]);
    expect(proposedTemplates(all, "first_visit", ["C"])).toEqual(["general", "cleaning"]);
    expect(proposedTemplates(all, "demo_expert", ["R"])).toEqual(["general"]);
  });
  it("merges the chosen templates with one external objective and each keyword once", () => {
    const { objectives, keywords } = fromTemplates(templatesByIds(shipped, ["general", "cleaning"]));
    expect(objectives.filter((o) => o.kind === "external")).toHaveLength(1);
    const objectiveKeywords = objectives.flatMap((o) => (o.keyword ? [o.keyword] : []));
    expect(objectiveKeywords).toEqual(["NAW, @", "DMU", "vrvlg", "lev", "m2 / freq", "€ conc", "afl. contr.", "nw. contract", "vk%"]);
    expect(new Set([...objectiveKeywords, ...keywords].map((k) => k.toLowerCase())).size).toBe(objectiveKeywords.length + keywords.length);
    expect(keywords).toContain("pres-bedr");
    expect(objectiveProblems(objectives.map((o) => ({ ...o, smart: [] })))).toEqual([]);
  });
  it("applies templates in the order chosen and skips ids that are gone", () => {
    const { objectives } = fromTemplates(templatesByIds([...shipped, healthcare], ["t7", "gone", "general"]));
    expect(objectives[0]?.keyword).toBe("hyg");
    expect(objectives.filter((o) => o.kind === "external")).toHaveLength(1);
  });
  it("accepts the shipped templates and names what makes a template unusable", () => {
    const sections = ["A", "R"];
    for (const t of shipped) expect(templateProblems(t, sections)).toEqual([]);
    const bad = {
      name: { nl: " ", en: "" },
      objectives: [
        { kind: "internal" as const, text: "Leverancier", keyword: "" },
        { kind: "internal" as const, text: "Contract", keyword: "lev" },
      ],
      keywords: ["", "Lev", "LEV", "x".repeat(31)],
      sbiSections: ["R", "Z"],
    };
    expect(templateProblems(bad, sections)).toEqual([
      { field: "name/nl", code: "template_name_required" },
      { field: "objectives/0/keyword", code: "keyword_required" },
      { field: "keywords/0", code: "keyword_empty" },
      { field: "keywords/2", code: "keyword_duplicate" },
      { field: "keywords/3", code: "keyword_too_long" },
      { field: "sbiSections/1", code: "sbi_section_unknown" },
    ]);
    expect(templateProblems({ name: { nl: "Leeg", en: "" }, objectives: [], keywords: [], sbiSections: [] }, sections)).toEqual([{ field: "objectives", code: "template_empty" }]);
  });
});

describe("the report and the route", () => {
  it("writes the outcome as one line per objective that has a result or an answer", () => {
    const names = { achieved: "behaald", partly: "deels", not_achieved: "niet behaald" };
    const text = reportOutcome(
      [
        { text: "Huidige leverancier", keyword: "lev", result: "achieved", answer: "Schoon & Co" },
        { text: "Verkoopkans", keyword: "vk%", result: null, answer: null },
        { text: "Kennismaken", keyword: null, result: "partly", answer: "" },
      ],
      names,
    );
    expect(text).toBe("lev: Huidige leverancier — behaald (Schoon & Co)\nKennismaken — deels");
  });
  it("makes a demo a demo and a closing a quote meeting", () => {
    expect(activityKindOf("demo_layman")).toBe("demo");
    expect(activityKindOf("closing")).toBe("quote_meeting");
    expect(activityKindOf("first_visit")).toBe("visit");
  });
  it("leaves at whole five minutes before start minus the drive", () => {
    // 2026-12-02 09:00 UTC in epoch milliseconds; a minute is 60,000 ms.
    const start = 1_796_202_000_000;
    expect(leaveAtMs(start, 27 * 60 + 10)).toBe(start - 30 * 60_000);
    expect(leaveAtMs(start, 25 * 60)).toBe(start - 25 * 60_000);
  });
});
