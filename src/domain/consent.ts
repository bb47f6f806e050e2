// Mailing consent (AVG/GDPR): an append-only record per person and purpose; the current state is
// derived from it here. Rule: a withdrawal wins over any later import that says "yes" — only an
// explicit, non-import source (a visit, a web form, a call, an e-mail) can grant consent again.
import type { IsoDate } from "./calendar.js";

export const CONSENT_PURPOSES = ["newsletter", "product_mailings"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_STATES = ["given", "withdrawn"] as const;
export type ConsentDecision = (typeof CONSENT_STATES)[number];

/** Where a consent came from. "erasure" is written by the system when a person is erased. */
export const CONSENT_SOURCES = ["visit", "web_form", "import", "phone", "email"] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number] | "erasure";

export interface ConsentRecord {
  /** Recording order (the row id): breaks ties between records of the same date. */
  seq: number;
  state: ConsentDecision;
  /** The date the person gave or withdrew consent. */
  date: IsoDate;
  source: ConsentSource;
  textVersion: string | null;
}

export interface CurrentConsent {
  state: ConsentDecision | "none";
  /** The record the state rests on (null when there is none). */
  since: IsoDate | null;
  source: ConsentSource | null;
  textVersion: string | null;
  seq: number | null;
  /** True when an import said "yes" after a withdrawal and was set aside for it. */
  importOverruled: boolean;
}

export function isConsentPurpose(value: string): value is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(value);
}

function byDateThenSeq(a: ConsentRecord, b: ConsentRecord): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq;
}

/**
 * The current state of one person's consent for one purpose. Records are ordered by date, then by
 * recording order; the latest counts, except a "given" from an import after any withdrawal, which is
 * ignored (the person said no; a bought or merged address file cannot say yes for them).
 */
export function currentConsent(records: readonly ConsentRecord[]): CurrentConsent {
  let current: CurrentConsent = { state: "none", since: null, source: null, textVersion: null, seq: null, importOverruled: false };
  let withdrawnBefore = false;
  let overruled = false;
  for (const r of [...records].sort(byDateThenSeq)) {
    if (r.state === "withdrawn") withdrawnBefore = true;
    else if (r.source === "import" && withdrawnBefore) {
      overruled = true;
      continue;
    }
    current = { state: r.state, since: r.date, source: r.source, textVersion: r.textVersion, seq: r.seq, importOverruled: false };
  }
  return { ...current, importOverruled: overruled && current.state === "withdrawn" };
}

/** A person may be mailed for a purpose only with consent given and not withdrawn since. */
export function mayMail(records: readonly ConsentRecord[]): boolean {
  return currentConsent(records).state === "given";
}

export type ConsentInputError = "consent_text_version_required" | "consent_date_in_future";

/** Checks a new record: a "given" needs the text version agreed to; no dates after today. */
export function checkConsentRecord(input: { state: ConsentDecision; date: IsoDate; textVersion: string | null }, today: IsoDate): ConsentInputError[] {
  const problems: ConsentInputError[] = [];
  if (input.state === "given" && (input.textVersion === null || input.textVersion.trim() === "")) problems.push("consent_text_version_required");
  if (input.date > today) problems.push("consent_date_in_future");
  return problems;
}
