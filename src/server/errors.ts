// The one error catalogue: every error the API returns has a code, an HTTP status and a title here.
// Responses are RFC 9457 problem+json: { type, title, status, detail, code, errors? }.

export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, title: "The request contains invalid values" },
  bad_request: { status: 400, title: "The request cannot be read" },
  unauthenticated: { status: 401, title: "Log in first" },
  invalid_credentials: { status: 401, title: "E-mail address or password is wrong" },
  forbidden: { status: 403, title: "Your role does not allow this" },
  csrf_invalid: { status: 403, title: "The request lacks a valid CSRF token; reload the page" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "This conflicts with existing data" },
  payload_too_large: { status: 413, title: "The upload is too large" },
  unsupported_media_type: { status: 415, title: "This file type is not accepted" },
  version_conflict: {
    status: 412,
    title: "Someone else changed this in the meantime; reload to see the current version",
  },
  precondition_required: { status: 428, title: "Send the version you edited in an If-Match header" },
  rule_violation: { status: 422, title: "This change breaks a business rule" },
  rate_limited: { status: 429, title: "Too many attempts; wait a while and try again" },
  internal: { status: 500, title: "Something went wrong on the server" },
  unavailable: { status: 503, title: "The service is not available right now" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A problem with one field of the input; `code` is a stable machine code the UI translates. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  override name = "AppError";
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly fields: readonly FieldProblem[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? ERROR_CATALOGUE[code].title);
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export function problemBody(code: ErrorCode, detail: string, fields: readonly FieldProblem[], instance?: string) {
  const entry = ERROR_CATALOGUE[code];
  return {
    type: `/problems/${code.replaceAll("_", "-")}`,
    title: entry.title,
    status: entry.status,
    detail,
    code,
    ...(instance ? { instance } : {}),
    ...(fields.length > 0 ? { errors: fields } : {}),
  };
}

/** Shorthand for a validation error on one or more fields. */
export function invalid(...fields: FieldProblem[]): AppError {
  const detail = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
  return new AppError("validation_failed", detail, fields);
}

export const notFound = (what: string) => new AppError("not_found", `${what} does not exist`);
export const forbidden = (detail?: string) => new AppError("forbidden", detail);

/** Field-level codes and their English messages; the web app translates the same codes. */
export const FIELD_MESSAGES: Readonly<Record<string, string>> = {
  required: "is required",
  too_long: "is too long",
  invalid: "is not valid",
  postcode_invalid: "is not a Dutch postcode like 1234 AB",
  kvk_invalid: "must be a KvK number of 8 digits",
  email_invalid: "is not an e-mail address",
  url_invalid: "is not a web address (https://…)",
  phone_invalid: "is not a phone number",
  date_invalid: "is not a date (YYYY-MM-DD)",
  kvk_taken: "is already used by another relation",
  debtor_taken: "is already used by another relation",
  sbi_unknown: "is not an SBI 2025 code",
  user_unknown: "is not a known user",
  rayon_unknown: "is not a known rayon",
  segment_unknown: "is not a known market segment",
  relation_unknown: "is not a known relation",
  parent_cycle: "would make the relation its own parent",
  status_same: "is already the current status",
  status_transition_not_allowed: "cannot follow the current status",
  status_reason_required: "needs a reason",
  status_revive_manager_only: "only a sales manager can bring a dead relation back",
  class_override_reason_required: "needs a reason when the class is set by strategic override",
  class_override_needs_class: "needs a class to override with",
  email_taken: "is already used by another user",
  role_invalid: "is not a role",
};

export function fieldProblem(field: string, code: string): FieldProblem {
  return { field, code, message: FIELD_MESSAGES[code] ?? code.replaceAll("_", " ") };
}
