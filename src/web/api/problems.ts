// From an API error to words a user reads: a sentence for the page, and one message per form field.
import type { TFunction } from "i18next";
import { ApiError, type FieldError } from "./client.js";

const MESSAGE_BY_CODE: Record<string, string> = {
  network: "errors.network",
  forbidden: "errors.forbidden",
  margin_hidden: "errors.marginHidden",
  rayon_detail_hidden: "errors.rayonDetailHidden",
  team_report_hidden: "errors.teamReportHidden",
  not_found: "errors.notFound",
  csrf_invalid: "errors.csrf",
  validation_failed: "errors.validation",
  version_conflict: "errors.versionConflict",
  precondition_required: "errors.versionConflict",
  rule_violation: "errors.ruleViolation",
  conflict: "errors.conflict",
  rate_limited: "errors.rateLimited",
  totp_setup_required: "errors.totpSetupRequired",
  internal: "errors.server",
  unavailable: "errors.server",
};

export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = MESSAGE_BY_CODE[error.code];
    if (key) return t(key);
    return error.detail || t("errors.generic");
  }
  return t("errors.generic");
}

/** The translated message of one field code; the server's English text when the code is new. */
export function fieldMessage(t: TFunction, problem: Pick<FieldError, "code" | "message">): string {
  return t(`fieldErrors.${problem.code}`, { defaultValue: problem.message });
}

/** "sbiCodes.2" → "sbiCodes": a problem inside a list belongs to the list's field. */
export function baseField(field: string): string {
  return field.split(".")[0] ?? field;
}

export interface MappedFieldErrors {
  /** Errors for fields the form shows, keyed by form field name. */
  byField: Record<string, string>;
  /** Problems with no field on the form (shown above the form). */
  other: FieldError[];
}

/**
 * Splits the field problems of a 400 over the fields of a form. Form fields carry the API property
 * names; `rename` maps the few that differ ("revenuePotentialCents" → "revenuePotential").
 */
export function mapFieldErrors(
  t: TFunction,
  error: unknown,
  formFields: readonly string[],
  rename: Readonly<Record<string, string>> = {},
): MappedFieldErrors {
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  if (!(error instanceof ApiError)) return { byField, other };
  for (const problem of error.fields) {
    const api = baseField(problem.field);
    const field = rename[api] ?? api;
    if (!formFields.includes(field)) {
      other.push(problem);
      continue;
    }
    byField[field] ??= fieldMessage(t, problem);
  }
  return { byField, other };
}
