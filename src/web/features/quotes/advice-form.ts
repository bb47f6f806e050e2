// The rep's answers to the five questions of "quote or not" ↔ the advice API's answers.
import type { TFunction } from "i18next";
import { KEY_DMU_ROLES } from "../../../domain/quote-advice.js";
import { eurosToCents } from "../../components/money.js";
import { isMonthText } from "./months.js";
import type { AdviceAnswers } from "./quotes.api.js";

export type YesNo = "yes" | "no" | "unknown";

export interface AdviceValues {
  solution: YesNo | null;
  /** "amount": the customer named a budget, compared with the expected quote amount. */
  budget: YesNo | "amount" | null;
  /** Euros, as typed. */
  budgetAmount: number | string;
  expectedAmount: number | string;
  /** Whole percent; "" = not estimated. */
  chance: number | string;
  /** 'YYYY-MM'; "" = not known. */
  decisionMonth: string;
}

export const EMPTY_ADVICE: AdviceValues = { solution: null, budget: null, budgetAmount: "", expectedAmount: "", chance: "", decisionMonth: "" };

export function validateAdvice(t: TFunction) {
  const amount = (value: unknown, values: AdviceValues) => {
    if (values.budget !== "amount") return null;
    const cents = eurosToCents(value as number | string);
    return cents === null ? t("fieldErrors.required") : cents === undefined ? t("fieldErrors.amount_invalid") : null;
  };
  return {
    solution: (v: AdviceValues["solution"]) => (v === null ? t("quotes.advice.chooseAnswer") : null),
    budget: (v: AdviceValues["budget"]) => (v === null ? t("quotes.advice.chooseAnswer") : null),
    budgetAmount: amount,
    expectedAmount: amount,
    chance: (v: number | string) => (v === "" || (Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 100) ? null : t("quotes.form.probabilityRange")),
    decisionMonth: (v: string) => (v === "" || isMonthText(v) ? null : t("fieldErrors.month_invalid")),
  };
}

/**
 * The answers as the API takes them. `expectedAmountCents` is left out on create when `withExpected`
 * is false: the server then compares the budget with the real total of the quote.
 */
export function adviceAnswers(v: AdviceValues, withExpected = true): AdviceAnswers {
  const budget: AdviceAnswers["budget"] =
    v.budget === "amount"
      ? {
          budgetCents: eurosToCents(v.budgetAmount) ?? 0,
          ...(withExpected ? { expectedAmountCents: eurosToCents(v.expectedAmount) ?? 0 } : {}),
        }
      : (v.budget ?? "unknown");
  return {
    solution: v.solution ?? "unknown",
    budget,
    chance: v.chance === "" ? null : Number(v.chance),
    decisionMonth: v.decisionMonth === "" ? null : v.decisionMonth,
  };
}

/** What the relation's persons tell about the DMU: who holds a role, and which key roles nobody holds. */
export function dmuOf(persons: readonly { id: number; displayName: string; dmuRoles: readonly string[]; active: boolean }[]) {
  const found = persons.filter((p) => p.active && p.dmuRoles.length > 0).map((p) => ({ personId: p.id, name: p.displayName, roles: [...p.dmuRoles] }));
  const held = new Set(found.flatMap((p) => p.roles));
  return { found, missing: KEY_DMU_ROLES.filter((r) => !held.has(r)) as string[] };
}
