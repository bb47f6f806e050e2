// "Quote or not" (DOMAIN.md): quote only when there is a real solution, the price can reasonably
// meet the budget, the chance on facts is above the threshold, the decision falls within an
// acceptable term and it is clear who decides. A quote without a chance costs time, pollutes the
// forecast, hands the buyer a price to press competitors with, and goes stale before the decision.
//
// Mapping, as a sales trainer would put it:
// - "dont" (do not quote): no real solution, the price cannot meet the budget, or the chance on facts
//   is below the threshold. Low chance is a "dont", not a "wait": it is exactly the price request of
//   a buyer who shops for a comparison price. When the facts change, the rep asks again.
// - "wait" (not yet — first find out or plan later): anything still unknown (solution, budget,
//   chance, decision month), no decider known in the DMU, or a decision beyond the acceptable term
//   (quote closer to the decision, so the price is current; or a decision month that already passed
//   and must be asked again).
// - "go": all five criteria met.
// The verdict is the worst of the criteria: dont > wait > go. A person decides; the rep may overrule.

import { type IsoDate, type Month, isMonth, monthOf } from "./calendar.js";
import type { DmuRole } from "./dmu.js";
import type { Cents } from "./money.js";
import { err, ok, type Result } from "./result.js";

export type Verdict = "go" | "wait" | "dont";
export type Answer = "yes" | "no" | "unknown";
export type Criterion = "solution" | "budget" | "chance" | "term" | "dmu";

/** The roles a rep should know before quoting; the others are useful but not asked for. */
export const KEY_DMU_ROLES: readonly DmuRole[] = ["decider", "buyer", "influencer"];

export interface AdviceInput {
  readonly today: IsoDate;
  /** Is there a real solution for the wishes and needs? (the rep's answer) */
  readonly solution: Answer;
  /** The rep's answer, or the customer's budget against the expected quote amount. */
  readonly budget: Answer | { readonly budgetCents: Cents; readonly expectedAmountCents: Cents };
  /** Chance of the order on facts, whole percent 0–100; null when not estimated. */
  readonly chance: number | null;
  readonly decisionMonth: Month | null;
  /** DMU roles of the relation's persons, one entry per person. */
  readonly dmu: readonly { readonly roles: readonly DmuRole[] }[];
}

export interface AdviceSettings {
  /** Minimum chance on facts, percent (DOMAIN.md: 35–40 %). */
  readonly chanceThreshold: number;
  /** Acceptable term in months from this month to the decision month; set per market segment. */
  readonly maxTermMonths: number;
  /** How far, in percent, the price may exceed the budget and still "reasonably meet" it. */
  readonly budgetTolerancePercent: number;
}

export const DEFAULT_ADVICE_SETTINGS: AdviceSettings = {
  chanceThreshold: 35,
  maxTermMonths: 6,
  // Up to 10 % above budget is bridged by arguing value; beyond that the buyer needs another budget.
  budgetTolerancePercent: 10,
};

export type AdviceParams = Readonly<Record<string, number | string | readonly string[]>>;

/** One criterion's outcome; `code` and `params` are for translated texts in the UI. */
export interface CriterionResult {
  readonly criterion: Criterion;
  readonly ok: boolean;
  /** What this criterion alone advises. */
  readonly effect: Verdict;
  readonly code: string;
  readonly params: AdviceParams;
}

export interface QuoteAdvice {
  readonly verdict: Verdict;
  /** Always five, in the order solution, budget, chance, term, dmu. */
  readonly criteria: readonly CriterionResult[];
  /** The criteria that are not met: "dont" ones first; empty for "go". */
  readonly reasons: readonly { readonly code: string; readonly params: AdviceParams }[];
}

/** The advice whether to make a quote, from the five criteria of DOMAIN.md. */
export function adviseQuote(input: AdviceInput, settings: Partial<AdviceSettings> = {}): QuoteAdvice {
  // An undefined setting (a segment without its own term) falls back to the default.
  const s: AdviceSettings = {
    chanceThreshold: settings.chanceThreshold ?? DEFAULT_ADVICE_SETTINGS.chanceThreshold,
    maxTermMonths: settings.maxTermMonths ?? DEFAULT_ADVICE_SETTINGS.maxTermMonths,
    budgetTolerancePercent: settings.budgetTolerancePercent ?? DEFAULT_ADVICE_SETTINGS.budgetTolerancePercent,
  };
  const criteria = [
    judgeSolution(input.solution),
    judgeBudget(input.budget, s.budgetTolerancePercent),
    judgeChance(input.chance, s.chanceThreshold),
    judgeTerm(input.today, input.decisionMonth, s.maxTermMonths),
    judgeDmu(input.dmu),
  ];
  const verdict: Verdict = criteria.some((c) => c.effect === "dont")
    ? "dont"
    : criteria.some((c) => c.effect === "wait")
      ? "wait"
      : "go";
  const reasons = [...criteria.filter((c) => c.effect === "dont"), ...criteria.filter((c) => c.effect === "wait")].map(
    ({ code, params }) => ({ code, params }),
  );
  return { verdict, criteria, reasons };
}

function result(criterion: Criterion, effect: Verdict, code: string, params: AdviceParams = {}): CriterionResult {
  return { criterion, ok: effect === "go", effect, code, params };
}

const ANSWER_EFFECT: Readonly<Record<Answer, Verdict>> = { yes: "go", no: "dont", unknown: "wait" };

function judgeSolution(answer: Answer): CriterionResult {
  return result("solution", ANSWER_EFFECT[answer], `solution_${answer}`);
}

function judgeBudget(budget: AdviceInput["budget"], tolerancePercent: number): CriterionResult {
  if (typeof budget === "string") return result("budget", ANSWER_EFFECT[budget], `budget_${budget}`);
  const { budgetCents, expectedAmountCents } = budget;
  const params = { budgetCents, amountCents: expectedAmountCents, tolerancePercent };
  // Integer comparison: amount ≤ budget × (100 + tolerance) / 100.
  const fits = expectedAmountCents * 100 <= budgetCents * (100 + tolerancePercent);
  return fits ? result("budget", "go", "budget_fits", params) : result("budget", "dont", "budget_exceeded", params);
}

function judgeChance(chance: number | null, threshold: number): CriterionResult {
  if (chance === null) return result("chance", "wait", "chance_unknown", { threshold });
  if (!Number.isInteger(chance) || chance < 0 || chance > 100) {
    throw new RangeError(`chance must be a whole percentage 0–100, got ${chance}`);
  }
  const params = { chance, threshold };
  return chance >= threshold
    ? result("chance", "go", "chance_meets_threshold", params)
    : result("chance", "dont", "chance_below_threshold", params);
}

function judgeTerm(today: IsoDate, decisionMonth: Month | null, maxMonths: number): CriterionResult {
  if (decisionMonth === null) return result("term", "wait", "decision_month_unknown", { maxMonths });
  if (!isMonth(decisionMonth)) throw new RangeError(`decision month must be YYYY-MM, got ${decisionMonth}`);
  const months = monthsFrom(monthOf(today), decisionMonth);
  const params = { months, maxMonths, decisionMonth };
  if (months < 0) return result("term", "wait", "decision_month_past", params);
  return months <= maxMonths
    ? result("term", "go", "decision_within_term", params)
    : result("term", "wait", "decision_beyond_term", params);
}

/** Known enough to quote when at least one decider is known; the missing key roles are listed. */
function judgeDmu(persons: AdviceInput["dmu"]): CriterionResult {
  const known = new Set(persons.flatMap((p) => p.roles));
  const missing = KEY_DMU_ROLES.filter((role) => !known.has(role));
  if (!known.has("decider")) return result("dmu", "wait", "dmu_decider_unknown", { missing });
  return result("dmu", "go", missing.length === 0 ? "dmu_known" : "dmu_partly_known", { missing });
}

/** Whole months from `from` to `to`: 2026-11 → 2027-02 is 3. */
function monthsFrom(from: Month, to: Month): number {
  const index = (m: Month) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return index(to) - index(from);
}

// ---- The rep's decision: follow the advice or overrule it with a reason ----

/** A reason must say something ("klant wil het" is not enough to learn from later). */
export const MIN_OVERRULE_REASON_LENGTH = 15;

export interface AdviceDecision {
  /** What Koers advised at the moment of deciding. */
  readonly verdict: Verdict;
  readonly reasons: QuoteAdvice["reasons"];
  /** True when the rep quotes against a "wait" or "dont". */
  readonly overruled: boolean;
  /** The rep's reason for overruling; null when the advice was followed. */
  readonly reason: string | null;
  readonly decidedBy: string | number;
  readonly decidedOn: IsoDate;
}

export interface Decider {
  readonly decidedBy: string | number;
  readonly decidedOn: IsoDate;
}

/** The record of a rep following the advice. */
export function followAdvice(advice: QuoteAdvice, by: Decider): AdviceDecision {
  return {
    verdict: advice.verdict,
    reasons: advice.reasons,
    overruled: false,
    reason: null,
    decidedBy: by.decidedBy,
    decidedOn: by.decidedOn,
  };
}

/** The record of a rep quoting against a "wait" or "dont"; a reason is required and kept. */
export function overruleAdvice(advice: QuoteAdvice, by: Decider & { readonly reason: string }): Result<AdviceDecision> {
  if (advice.verdict === "go") return err("the advice is go; there is nothing to overrule");
  const reason = by.reason.trim().replace(/\s+/g, " ");
  if (reason.length < MIN_OVERRULE_REASON_LENGTH) {
    return err(`overruling the advice needs a reason of at least ${MIN_OVERRULE_REASON_LENGTH} characters`);
  }
  return ok({
    verdict: advice.verdict,
    reasons: advice.reasons,
    overruled: true,
    reason,
    decidedBy: by.decidedBy,
    decidedOn: by.decidedOn,
  });
}
