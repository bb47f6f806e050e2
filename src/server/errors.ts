// The one error catalogue: every error the API returns has a code, an HTTP status and a title here.
// Responses are RFC 9457 problem+json: { type, title, status, detail, code, errors? }.

export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, title: "The request contains invalid values" },
  bad_request: { status: 400, title: "The request cannot be read" },
  unauthenticated: { status: 401, title: "Log in first" },
  invalid_credentials: { status: 401, title: "E-mail address or password is wrong" },
  totp_required: { status: 401, title: "Enter the code from your authenticator app" },
  totp_invalid: { status: 401, title: "The code from your authenticator app is wrong or was used already" },
  totp_setup_required: { status: 403, title: "Set up the second factor (authenticator app) first: the company requires it for administrators" },
  forbidden: { status: 403, title: "Your role does not allow this" },
  margin_hidden: { status: 403, title: "Cost and margin are only visible with profit responsibility" },
  rayon_detail_hidden: { status: 403, title: "Detail of other rayons is not visible to you; their totals are" },
  team_report_hidden: { status: 403, title: "Figures per salesperson are a sales manager's report" },
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
  password_link_invalid: { status: 410, title: "This password link has expired or was used already; ask an administrator for a new one" },
  rate_limited: { status: 429, title: "Too many attempts; wait a while and try again" },
  internal: { status: 500, title: "Something went wrong on the server" },
  unavailable: { status: 503, title: "The service is not available right now" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/**
 * Why a read of the IMAP mailbox failed (mail.imap job, GET /api/admin/mail-imap): the code the
 * administrator's status carries and the web app translates (errors.imap.<code>); what the server
 * itself said is kept beside it only as a detail.
 */
export const IMAP_PROBLEMS = {
  imap_unreachable: "Koers cannot reach the IMAP server (refused, unknown host or no answer in time)",
  imap_login_refused: "The IMAP server refused the login: check KOERS_MAIL_IMAP_USER and the password",
  imap_starttls_missing: "The IMAP server offers no STARTTLS, and Koers does not send the password in plain text",
  imap_tls_failed: "The TLS connection to the IMAP server failed: is KOERS_MAIL_IMAP_TLS right for this port?",
  imap_mailbox_missing: "The IMAP server has no such mailbox (KOERS_MAIL_IMAP_MAILBOX or _MOVE_TO)",
  imap_failed: "Reading the IMAP mailbox failed",
} as const satisfies Record<string, string>;

export type ImapProblemCode = keyof typeof IMAP_PROBLEMS;

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
  product_code_taken: "is already the code of another product",
  product_group_unknown: "is not a known product group",
  product_group_taken: "is already used by another product group",
  product_unknown: "is not a known product",
  quantity_invalid: "must be above 0 with at most 3 decimals",
  discount_invalid: "must be a percentage from 0 to 100 with at most 2 decimals",
  discount_given_twice: "give the discount in basis points or in percent, not both",
  decision_month_mismatch: "does not match the month of the decision date",
  person_unknown: "is not a known person",
  person_not_of_relation: "is not a contact person of this relation",
  quote_number_invalid: "is not a quote number like OV87",
  quote_number_taken: "exists already; make a new revision instead",
  quote_revision_via_endpoint: "a later revision is made with POST /api/quotes/{id}/revisions",
  lost_reason_required: "a lost quote needs a lost reason",
  quote_status_transition_not_allowed: "cannot follow the current status of the quote",
  only_with_lost_status: "is only kept when the quote becomes lost",
  overrule_reason_required: "quoting against the advice needs a reason",
  overrule_reason_too_short: "needs at least 15 characters: say why you quote against the advice",
  month_invalid: "is not a month (YYYY-MM)",
  period_reversed: "lies before the start of the period",
  period_too_long: "makes the period too long",
  forecast_as_of_by_product: "a past forecast is shown per month, rep or rayon, not per product",
  import_status_invalid: "is not a status (suspect, prospect, klant, oud-klant, dood)",
  import_class_invalid: "is not a class (key, A, B, C)",
  import_gender_invalid: "is not a gender (m, v, x)",
  import_yes_no_invalid: "is not ja/nee (yes/no)",
  import_country_invalid: "is not a country (Nederland, NL, BE …)",
  import_amount_invalid: "is not an amount such as 4.630,50",
  import_owner_unknown: "names no active user of Koers (use the e-mail address or the full name)",
  import_owner_ambiguous: "is the name of more than one user; use the e-mail address",
  import_rayon_unknown: "is not the name of a rayon in Koers",
  import_relation_not_found: "matches no relation (by KvK number, or name and postcode); import the relation first",
  import_relation_ambiguous: "matches several relations with this name; add a postcode or KvK number column",
  import_name_required: "is empty; every row needs a name",
  import_column_unknown: "is not a column of the file",
  import_field_required: "needs a column",
  import_already_committed: "has already been imported",
  merge_same_relation: "cannot be merged with itself",
  // Territories (rayons drawn from postcode ranges, sub-areas on cycle days)
  pc4_invalid: "is not a four-digit postcode area such as 3511",
  range_reversed: "ends before it starts",
  range_overlap: "overlaps another range of this rayon",
  range_of_other_rayon: "overlaps a range of another rayon",
  cycle_weeks_invalid: "must be a cycle of 2 or 3 weeks",
  days_per_week_invalid: "must be 1 to 5 working days a week",
  sub_area_relation_outside: "holds a relation that is not in this rayon's area",
  sub_area_relation_twice: "holds a relation that is in another sub-area too",
  sub_area_slot_twice: "gives two sub-areas the same day of the cycle",
  region_unknown: "is not a province or municipality (CBS 2023) Koers knows",
  region_twice: "names a region twice, or a municipality of a province already chosen",
  region_of_other_rayon: "lies (partly) in the area of another rayon",
  relation_of_other_rayon: "is chosen into another rayon already",
  relation_in_other_rayon: "lies in the area of another rayon",
  area_holds_chosen_relation: "holds a relation chosen into another rayon",
  sub_area_unknown: "is not a sub-area of this rayon",
  pc4_not_in_rayon: "has no relations of this rayon",
  // Cycle plans and daily routes
  home_missing: "has no home address with a known location: planning starts and ends the day there",
  no_sub_areas: "has no sub-areas on cycle days in their rayons (Instellingen → Rayons en deelgebieden)",
  weeks_invalid: "must be 1 to 12 weeks",
  plan_not_draft: "the plan is no longer a draft",
  plan_other_user: "is a plan of another rep",
  // CRM memory (contact moments, follow-ups, consent, nearby, reports)
  due_date_twice: "give either a due date or a quick choice, not both",
  user_inactive: "is a user who no longer works here",
  date_out_of_range: "lies too far in the past or the future",
  consent_text_version_required: "needs the version of the text the person agreed to",
  consent_date_in_future: "cannot lie after today",
  coordinates_missing: "has no known location, so distances cannot be measured",
  range_too_long: "makes the period longer than 400 days",
  // Clean input, the sales information system
  text_invalid: "contains a NUL character or text that is not valid Unicode",
  file_name_invalid: "holds control or text-direction characters; rename the file",
  filter_time_dimension: "filter the period with from and to, not as a dimension",
  mat_needs_month: "a moving annual total needs the month dimension",
  mat_with_compare: "choose a moving annual total or a comparison with last year, not both",
  mat_not_additive: "customers and invoices cannot be summed over twelve months",
  sort_key_invalid: "is not a dimension or measure of this report",
  target_needs_rayon_or_rep: "a target belongs to a rayon or a rep",
  threshold_order: "must not be above the threshold for A",
  // Users and access
  time_invalid: "is not a time like 08:30",
  work_hours_order: "must lie after the start of the working day",
  last_admin: "Koers needs at least one active administrator",
  password_wrong: "is not your current password",
  totp_code_wrong: "is not the code your authenticator app shows now",
  totp_required_by_company: "the company requires a second factor for administrators",
  totp_own_first: "set up your own second factor before requiring it of every administrator",
  // The agenda
  instant_invalid: "is not a date and time with a time zone (ISO 8601, e.g. 2026-12-02T09:00:00+01:00)",
  relation_dead: "is a dead relation: no appointments are planned with it",
  address_missing: "the relation has no such address; choose another place or type one",
  appointment_cancelled: "the appointment is cancelled",
  // Visit preparation (domain/visit-preparation.ts)
  objective_text_required: "an objective needs a text",
  objective_text_too_long: "is too long for an objective: at most 300 characters",
  keyword_required: "an internal objective needs the keyword you tick during the visit",
  keyword_too_long: "is too long for a keyword: at most 30 characters",
  keyword_duplicate: "is the keyword of another objective already",
  external_twice: "a sheet has one external objective",
  too_many_objectives: "at most 20 objectives",
  objective_unknown: "is not an objective of this sheet",
  visit_reported: "the visit has been reported; its objectives stay as reported",
  // Company settings (the quote letter)
  vat_number_invalid: "is not a Dutch VAT number like NL123456789B01",
  iban_invalid: "is not a valid IBAN (check the digits)",
  logo_type_invalid: "must be a PNG or JPEG image",
  logo_too_large: "may be at most 1 MB",
  // News feeds of relations (domain/feed-address.ts)
  feed_url_invalid: "is not a web address (http or https) of a news feed",
  feed_host_not_allowed: "is on a host the administrator has not allowed for news feeds",
  feed_host_invalid: "is not a host name or IP address",
  feed_missing: "the relation has no news feed address",
  // A relation's own customers (references on the visit sheet)
  requirements_too_many: "at most 30 requirements; a list a merge left longer may be kept or shortened, but not grown — remove some first",
  customer_is_self: "a relation is not its own customer",
  reference_person_not_of_customer: "is not an active contact person of that customer",
};

export function fieldProblem(field: string, code: string): FieldProblem {
  return { field, code, message: FIELD_MESSAGES[code] ?? code.replaceAll("_", " ") };
}
