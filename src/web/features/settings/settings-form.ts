// Shared bits of the two settings forms: whole-number checks and server field errors by path.
import type { TFunction } from "i18next";
import { ApiError, type FieldError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";

/** A NumberInput value: a number, or "" when empty. */
export type NumberValue = number | string;

/** The message for a value that must be a whole number from min to max (null: fine). */
export function wholeNumberError(t: TFunction, value: NumberValue, min: number, max: number, optional = false): string | null {
  if (value === "" || value === null || value === undefined) return optional ? null : t("settings.errors.required");
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) return t("settings.errors.range", { min, max });
  return null;
}

/**
 * The server's field problems keyed by form path. The API paths ("visitNorms.A",
 * "segments.0.maxDecisionMonths") are the form paths; `alias` moves the rest ("segments.0.id") onto
 * a field the form shows. Problems on no known field are returned in `other`.
 */
export function serverFieldErrors(
  t: TFunction,
  error: unknown,
  known: readonly string[],
  alias: (field: string) => string = (f) => f,
): { byField: Record<string, string>; other: FieldError[] } {
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  if (!(error instanceof ApiError)) return { byField, other };
  for (const problem of error.fields) {
    const field = alias(problem.field);
    if (known.includes(field)) byField[field] ??= fieldMessage(t, problem);
    else other.push(problem);
  }
  return { byField, other };
}
