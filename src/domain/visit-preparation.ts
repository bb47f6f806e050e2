// Visit preparation (DOMAIN.md "Preparing a visit"): which sales method fits the phase of the
// relation, and the checks on the rep's objectives — refusals for input that cannot be kept (an empty
// text, an internal objective without its keyword) and SMART warnings that never refuse (an
// objective that does not fit the phase, a missing external objective, letters not confirmed).
// Pure: the caller passes the relation's status, its history counts and the visit type in.
import type { SalesMethod } from "./contact-moment.js";
import type { RelationStatus } from "./lifecycle.js";
import type { VisitType } from "./agenda.js";

export const OBJECTIVE_KINDS = ["internal", "external"] as const;
export type ObjectiveKind = (typeof OBJECTIVE_KINDS)[number];

/** The five letters, in order; an objective stores the ones the rep confirmed. */
export const SMART_LETTERS = ["S", "M", "A", "R", "T"] as const;
export type SmartLetter = (typeof SMART_LETTERS)[number];

export interface Objective {
  kind: ObjectiveKind;
  text: string;
  /** The note keyword ticked during the visit ("lev", "m2 / freq"); required for an internal objective. */
  keyword: string | null;
  /** Letters of SMART the rep confirmed for this objective. */
  smart: readonly SmartLetter[];
}

export interface PhaseFacts {
  visitType: VisitType;
  status: RelationStatus;
  /** Earlier contact moments with the relation. */
  contactMoments: number;
  /** Quotes of the relation that are still open (draft or sent). */
  openQuotes: number;
}

/** Why a method is suggested, as a code the UI says in one line. */
export type MethodReason = "quote_on_table" | "existing_relation" | "solution_offered" | "first_contact" | "needs_known" | "after_sales";

/**
 * The method for the phase (issue 9): first contact → need-oriented; needs known → problem-solving;
 * solution offered → process-oriented (closing); existing relation → relationship-advisory. A visit
 * about a quote or to close is process-oriented whatever the status: the solution is on the table.
 */
export function suggestMethod(facts: PhaseFacts): { method: SalesMethod; reason: MethodReason } {
  if (facts.visitType === "quote_discussion" || facts.visitType === "closing") return { method: "process_oriented", reason: "quote_on_table" };
  if (facts.visitType === "after_sales") return { method: "relationship_advisory", reason: "after_sales" };
  if (facts.status === "customer") return { method: "relationship_advisory", reason: "existing_relation" };
  if (facts.openQuotes > 0) return { method: "process_oriented", reason: "solution_offered" };
  if (facts.visitType === "first_visit" || facts.contactMoments === 0) return { method: "need_oriented", reason: "first_contact" };
  return { method: "problem_solving", reason: "needs_known" };
}

/** Longest objective text and keyword (characters): a keyword is a note, not a sentence. */
export const MAX_OBJECTIVE_TEXT = 300;
export const MAX_KEYWORD = 30;
export const MAX_OBJECTIVES = 20;

export interface ObjectiveProblem {
  /** Index of the objective in the list, or null for the list as a whole. */
  index: number | null;
  field: "text" | "keyword" | "kind" | "objectives";
  code: "objective_text_required" | "keyword_required" | "keyword_duplicate" | "keyword_too_long" | "external_twice" | "too_many_objectives" | "objective_text_too_long";
}

/** Input that cannot be kept: the sheet is refused (400) with these, nothing stored. */
export function objectiveProblems(objectives: readonly Objective[]): ObjectiveProblem[] {
  const problems: ObjectiveProblem[] = [];
  if (objectives.length > MAX_OBJECTIVES) problems.push({ index: null, field: "objectives", code: "too_many_objectives" });
  const seen = new Set<string>();
  let externals = 0;
  objectives.forEach((o, index) => {
    const text = o.text.trim();
    if (text === "") problems.push({ index, field: "text", code: "objective_text_required" });
    else if (text.length > MAX_OBJECTIVE_TEXT) problems.push({ index, field: "text", code: "objective_text_too_long" });
    const keyword = (o.keyword ?? "").trim();
    if (o.kind === "internal" && keyword === "") problems.push({ index, field: "keyword", code: "keyword_required" });
    if (keyword.length > MAX_KEYWORD) problems.push({ index, field: "keyword", code: "keyword_too_long" });
    if (keyword !== "") {
      const key = keyword.toLowerCase();
      if (seen.has(key)) problems.push({ index, field: "keyword", code: "keyword_duplicate" });
      seen.add(key);
    }
    if (o.kind === "external" && ++externals === 2) problems.push({ index, field: "kind", code: "external_twice" });
  });
  return problems;
}

export type SmartWarning =
  | { code: "external_missing" }
  | { code: "smart_unconfirmed"; index: number; missing: SmartLetter[] }
  | { code: "unfit_for_phase"; index: number; method: SalesMethod };

/**
 * Words of an objective that asks for the order or a quote (Dutch and English), matched on whole
 * words in lower case: on a first, need-oriented visit such an objective is not realistic.
 */
const CLOSING_WORDS = /\b(order|orders|bestelling|opdracht|offerte|offertes|quote|deal|contract tekenen|tekenen|sign|verkopen|sell|sluiten|close)\b/;

/** Warnings on a sheet's objectives for the chosen method; they are shown, never refused. */
export function smartWarnings(objectives: readonly Objective[], method: SalesMethod): SmartWarning[] {
  const warnings: SmartWarning[] = [];
  if (!objectives.some((o) => o.kind === "external")) warnings.push({ code: "external_missing" });
  objectives.forEach((o, index) => {
    if (method === "need_oriented" && CLOSING_WORDS.test(o.text.toLowerCase())) warnings.push({ code: "unfit_for_phase", index, method });
    const missing = SMART_LETTERS.filter((l) => !o.smart.includes(l));
    if (missing.length > 0) warnings.push({ code: "smart_unconfirmed", index, missing });
  });
  return warnings;
}

/** Letters as stored ("SMT"): in SMART order, each once; anything else is dropped. */
export function smartToText(letters: readonly string[]): string {
  return SMART_LETTERS.filter((l) => letters.includes(l)).join("");
}

export function smartFromText(text: string): SmartLetter[] {
  return SMART_LETTERS.filter((l) => text.includes(l));
}

/** What a report says of an objective afterwards. */
export const OBJECTIVE_RESULTS = ["achieved", "partly", "not_achieved"] as const;
export type ObjectiveResult = (typeof OBJECTIVE_RESULTS)[number];

/** The contact moment's kind for a visit type: a demo is a demo, a quote talk a quote meeting. */
export function activityKindOf(visitType: VisitType): "visit" | "demo" | "quote_meeting" | "after_sales_visit" {
  if (visitType === "demo_expert" || visitType === "demo_layman") return "demo";
  if (visitType === "quote_discussion" || visitType === "closing") return "quote_meeting";
  if (visitType === "after_sales") return "after_sales_visit";
  return "visit";
}

/**
 * The contact report's outcome text from the objectives: one line per objective with its keyword,
 * result and answer, so nothing learned is typed twice.
 */
export function reportOutcome(rows: readonly { text: string; keyword: string | null; result: ObjectiveResult | null; answer: string | null }[], resultNames: Readonly<Record<ObjectiveResult, string>>): string {
  return rows
    .filter((r) => r.result !== null || (r.answer ?? "").trim() !== "")
    .map((r) => {
      const head = r.keyword ? `${r.keyword}: ` : "";
      const result = r.result ? ` — ${resultNames[r.result]}` : "";
      const answer = (r.answer ?? "").trim();
      return `${head}${r.text}${result}${answer ? ` (${answer})` : ""}`;
    })
    .join("\n");
}

/**
 * When to leave for a visit: the start minus the drive, rounded down to whole five minutes (a rep
 * leaves at 09:25, not 09:27). Epoch milliseconds in and out.
 */
export function leaveAtMs(startMs: number, travelSeconds: number): number {
  const five = 5 * 60_000;
  return Math.floor((startMs - travelSeconds * 1000) / five) * five;
}
