import { describe, expect, it } from "vitest";
import { activityKindOf, leaveAtMs, type Objective, objectiveProblems, reportOutcome, smartFromText, smartToText, smartWarnings, suggestMethod } from "./visit-preparation.js";
import { fromTemplates, proposedTemplates } from "./visit-templates.js";

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
  it("proposes the general and the cleaning template for a first visit, only the general one otherwise", () => {
    expect(proposedTemplates("first_visit")).toEqual(["general", "cleaning"]);
    expect(proposedTemplates("after_sales")).toEqual(["general"]);
  });
  it("merges the chosen templates with one external objective and each keyword once", () => {
    const { objectives, keywords } = fromTemplates(["general", "cleaning"]);
    expect(objectives.filter((o) => o.kind === "external")).toHaveLength(1);
    const objectiveKeywords = objectives.flatMap((o) => (o.keyword ? [o.keyword] : []));
    expect(objectiveKeywords).toEqual(["NAW, @", "DMU", "vrvlg", "lev", "m2 / freq", "€ conc", "afl. contr.", "nw. contract", "vk%"]);
    expect(new Set([...objectiveKeywords, ...keywords].map((k) => k.toLowerCase())).size).toBe(objectiveKeywords.length + keywords.length);
    expect(keywords).toContain("pres-bedr");
    expect(objectiveProblems(objectives.map((o) => ({ ...o, smart: [] })))).toEqual([]);
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
