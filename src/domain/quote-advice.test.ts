import { describe, expect, it } from "vitest";
import {
  type AdviceInput,
  MIN_OVERRULE_REASON_LENGTH,
  adviseQuote,
  followAdvice,
  overruleAdvice,
} from "./quote-advice.js";

const good: AdviceInput = {
  today: "2026-11-27",
  solution: "yes",
  budget: "yes",
  chance: 50,
  decisionMonth: "2027-02",
  dmu: [{ roles: ["decider"] }, { roles: ["buyer", "user"] }, { roles: ["influencer"] }],
};
const advise = (over: Partial<AdviceInput>, settings = {}) => adviseQuote({ ...good, ...over }, settings);
const criterion = (over: Partial<AdviceInput>, name: string, settings = {}) =>
  advise(over, settings).criteria.find((c) => c.criterion === name);

describe("adviseQuote", () => {
  it("says go when all five criteria are met, with no reasons against", () => {
    const advice = advise({});
    expect(advice.verdict).toBe("go");
    expect(advice.criteria.map((c) => [c.criterion, c.ok, c.code])).toEqual([
      ["solution", true, "solution_yes"],
      ["budget", true, "budget_yes"],
      ["chance", true, "chance_meets_threshold"],
      ["term", true, "decision_within_term"],
      ["dmu", true, "dmu_known"],
    ]);
    expect(advice.reasons).toEqual([]);
  });

  it("says don't when there is no real solution for the wishes and needs", () => {
    expect(advise({ solution: "no" }).verdict).toBe("dont");
  });

  it("says don't when the price cannot meet the budget", () => {
    expect(advise({ budget: "no" }).verdict).toBe("dont");
  });

  it("says don't when the chance on facts is below the threshold, and gives both numbers", () => {
    const advice = advise({ chance: 20 });
    expect(advice.verdict).toBe("dont");
    expect(advice.reasons).toEqual([{ code: "chance_below_threshold", params: { chance: 20, threshold: 35 } }]);
  });

  it("accepts a chance exactly at the threshold, and a configured threshold", () => {
    expect(advise({ chance: 35 }).verdict).toBe("go");
    expect(advise({ chance: 35 }, { chanceThreshold: 40 }).verdict).toBe("dont");
  });

  it("falls back to the default for a setting left undefined", () => {
    expect(advise({ decisionMonth: "2027-06" }, { maxTermMonths: undefined }).verdict).toBe("wait");
  });

  it("refuses a chance outside 0–100 as a programming error", () => {
    expect(() => advise({ chance: 120 })).toThrow(RangeError);
  });

  it("says wait while something is unknown", () => {
    for (const over of [{ solution: "unknown" }, { budget: "unknown" }, { chance: null }, { decisionMonth: null }] as const) {
      expect(advise(over).verdict, JSON.stringify(over)).toBe("wait");
    }
  });

  it("lists the reasons against with don't ones first", () => {
    const advice = advise({ solution: "unknown", budget: "no", chance: 10 });
    expect(advice.verdict).toBe("dont");
    expect(advice.reasons.map((r) => r.code)).toEqual(["budget_no", "chance_below_threshold", "solution_unknown"]);
  });
});

describe("budget criterion", () => {
  it("fits when the expected amount stays within the budget plus the tolerance", () => {
    expect(criterion({ budget: { budgetCents: 1_000_000, expectedAmountCents: 1_100_000 } }, "budget")).toMatchObject({
      ok: true,
      code: "budget_fits",
      params: { budgetCents: 1_000_000, amountCents: 1_100_000, tolerancePercent: 10 },
    });
  });

  it("is exceeded one cent above the tolerance, or above a stricter tolerance", () => {
    expect(criterion({ budget: { budgetCents: 1_000_000, expectedAmountCents: 1_100_001 } }, "budget")).toMatchObject({
      effect: "dont",
      code: "budget_exceeded",
    });
    const strict = { budgetTolerancePercent: 0 };
    expect(criterion({ budget: { budgetCents: 100, expectedAmountCents: 101 } }, "budget", strict)?.ok).toBe(false);
  });
});

describe("term criterion", () => {
  it("counts whole months from this month to the decision month", () => {
    expect(criterion({ decisionMonth: "2027-05" }, "term")).toMatchObject({
      ok: true,
      code: "decision_within_term",
      params: { months: 6, maxMonths: 6 },
    });
  });

  it("says wait for a decision beyond the acceptable term of the segment", () => {
    expect(criterion({ decisionMonth: "2027-06" }, "term")).toMatchObject({ effect: "wait", code: "decision_beyond_term" });
    expect(advise({ decisionMonth: "2027-06" }, { maxTermMonths: 12 }).verdict).toBe("go");
  });

  it("accepts a decision this month and asks again for one in the past", () => {
    expect(criterion({ decisionMonth: "2026-11" }, "term")?.ok).toBe(true);
    expect(criterion({ decisionMonth: "2026-10" }, "term")).toMatchObject({ effect: "wait", code: "decision_month_past" });
  });
});

describe("DMU criterion", () => {
  it("is met once a decider is known, and still names the missing key roles", () => {
    expect(criterion({ dmu: [{ roles: ["decider", "user"] }] }, "dmu")).toMatchObject({
      ok: true,
      code: "dmu_partly_known",
      params: { missing: ["buyer", "influencer"] },
    });
  });

  it("says wait while nobody is known to decide", () => {
    expect(criterion({ dmu: [{ roles: ["buyer"] }] }, "dmu")).toMatchObject({
      effect: "wait",
      code: "dmu_decider_unknown",
      params: { missing: ["decider", "influencer"] },
    });
    expect(advise({ dmu: [] }).verdict).toBe("wait");
  });
});

describe("the rep's decision", () => {
  const by = { decidedBy: 7, decidedOn: "2026-11-27" };

  it("records following the advice without a reason", () => {
    expect(followAdvice(advise({}), by)).toEqual({
      verdict: "go",
      reasons: [],
      overruled: false,
      reason: null,
      decidedBy: 7,
      decidedOn: "2026-11-27",
    });
  });

  it("keeps the reason and the advice when a rep overrules a don't", () => {
    const advice = advise({ chance: 20 });
    const result = overruleAdvice(advice, { ...by, reason: "  Reference customer,   CEO asked us personally " });
    expect(result).toEqual({
      ok: true,
      value: {
        verdict: "dont",
        reasons: advice.reasons,
        overruled: true,
        reason: "Reference customer, CEO asked us personally",
        decidedBy: 7,
        decidedOn: "2026-11-27",
      },
    });
  });

  it("refuses an overrule without a real reason", () => {
    const result = overruleAdvice(advise({ chance: 20 }), { ...by, reason: "  wants it   " });
    expect(result).toEqual({
      ok: false,
      error: `overruling the advice needs a reason of at least ${MIN_OVERRULE_REASON_LENGTH} characters`,
    });
  });

  it("has nothing to overrule when the advice is go", () => {
    expect(overruleAdvice(advise({}), { ...by, reason: "a long enough reason here" }).ok).toBe(false);
  });
});
