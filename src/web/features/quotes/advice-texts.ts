// The machine codes of the quote advice (src/domain/quote-advice.ts) as sentences in the user's
// language, with their parameters formatted: amounts in euros, months by name, DMU roles translated.
import type { TFunction } from "i18next";
import { formatCents } from "../../i18n/format.js";
import { formatMonth } from "./months.js";

type Params = Readonly<Record<string, number | string | readonly string[]>>;

export function adviceReasonText(t: TFunction, code: string, params: Params): string {
  const missing = Array.isArray(params.missing) ? (params.missing as string[]).map((r) => t(`dmu.${r}`, { defaultValue: r })) : [];
  const values: Record<string, string | number> = {
    ...Object.fromEntries(Object.entries(params).filter((e): e is [string, string | number] => !Array.isArray(e[1]))),
    budget: formatCents(typeof params.budgetCents === "number" ? params.budgetCents : null),
    amount: formatCents(typeof params.amountCents === "number" ? params.amountCents : null),
    month: typeof params.decisionMonth === "string" ? formatMonth(params.decisionMonth) : "",
    missing: missing.join(", "),
  };
  // Plural forms ("1 maand", "3 maanden") only where a number of months is part of the sentence.
  if (typeof params.months === "number") values.count = Math.abs(params.months);
  return t(`quotes.advice.codes.${code}`, { ...values, defaultValue: code.replaceAll("_", " ") });
}

export const VERDICT_COLORS: Record<string, string> = { go: "green", wait: "yellow", dont: "red" };
