// What an answer heard in the visit becomes (issue 9, "after the visit"): a template's objective can
// say which field its answer fills — the relation's current supplier, contract end date, competitor
// price or revenue potential, or the contact moment's win chance — so the report proposes those
// values instead of the rep typing them twice. Pure: the caller passes the answers and the mapping.
import { type ClassThresholds, proposeClass } from "./abc.js";
import type { AccountClass } from "./account-class.js";
import { parseAmount, parsePercentage } from "./dutch-input.js";
import { parseDutchDate } from "./import-values.js";
import { requirementKey } from "./product-arguments.js";
import { REQUIREMENT_LABEL_MAX, type Requirement, type RequirementKind, requirementOf } from "./requirements.js";

export const ANSWER_FIELDS = ["currentSupplier", "contractEndDate", "competitorPriceNote", "revenuePotentialCents", "winChance"] as const;
export type AnswerField = (typeof ANSWER_FIELDS)[number];

/** Longest text a relation keeps in these fields (relation.schemas.ts). */
const TEXT_MAX: Partial<Record<AnswerField, number>> = { currentSupplier: 200, competitorPriceNote: 1000 };

export type AnswerProblem = "date_invalid" | "amount_invalid" | "percentage_invalid" | "text_too_long";

export interface AnswerProposal {
  field: AnswerField;
  /** The keyword whose answer it is ("lev"). */
  keyword: string;
  answer: string;
  /** The value for the field: text, an ISO date, cents, or a whole percent; null when it did not parse. */
  value: string | number | null;
  problem: AnswerProblem | null;
}

function readAnswer(field: AnswerField, answer: string): { value: string | number | null; problem: AnswerProblem | null } {
  if (field === "contractEndDate") {
    const date = parseDutchDate(answer);
    return date.ok ? { value: date.value, problem: null } : { value: null, problem: "date_invalid" };
  }
  if (field === "revenuePotentialCents") {
    const cents = parseAmount(answer);
    return cents.ok && cents.value >= 0 ? { value: cents.value, problem: null } : { value: null, problem: "amount_invalid" };
  }
  if (field === "winChance") {
    const percent = parsePercentage(answer);
    return percent.ok ? { value: percent.value, problem: null } : { value: null, problem: "percentage_invalid" };
  }
  const max = TEXT_MAX[field] ?? 1000;
  return answer.length > max ? { value: null, problem: "text_too_long" } : { value: answer, problem: null };
}

/**
 * One proposal per field, from the first answered objective whose keyword maps to it (keywords
 * compared without case); unanswered objectives propose nothing.
 */
export function answerProposals(answers: readonly { keyword: string | null; answer: string | null }[], fieldOf: ReadonlyMap<string, AnswerField>): AnswerProposal[] {
  const out: AnswerProposal[] = [];
  const done = new Set<AnswerField>();
  for (const a of answers) {
    const answer = (a.answer ?? "").trim();
    const field = a.keyword ? fieldOf.get(a.keyword.trim().toLowerCase()) : undefined;
    if (field === undefined || answer === "" || done.has(field)) continue;
    done.add(field);
    out.push({ field, keyword: a.keyword?.trim() ?? "", answer, ...readAnswer(field, answer) });
  }
  return out;
}

/** Keyword (lower case) → field, from the objectives of the templates a sheet applied. */
export function answerFieldsOf(templates: readonly { objectives: readonly { keyword: string | null; field?: AnswerField | null }[] }[]): Map<string, AnswerField> {
  const map = new Map<string, AnswerField>();
  for (const t of templates) {
    for (const o of t.objectives) {
      const key = o.keyword?.trim().toLowerCase();
      if (key && o.field && !map.has(key)) map.set(key, o.field);
    }
  }
  return map;
}

/**
 * The status a visit proposes (DOMAIN.md lifecycle): a suspect that was visited has had contact and
 * now has detail, so it is a prospect; every other status stays as it is (customer and former
 * customer follow invoices, dead is a person's decision).
 */
export function statusAfterVisit(status: string): "prospect" | null {
  return status === "suspect" ? "prospect" : null;
}

/** Keywords whose answers say what the customer requires ("eisen product", "eisen leverancier"). */
const REQUIREMENT_KEYWORD = /^(eisen|eis|requirement)/i;
export const isRequirementKeyword = (keyword: string | null): boolean => keyword !== null && REQUIREMENT_KEYWORD.test(keyword.trim());
/** "eisen leverancier", "eisen lev.", "requirements supplier": requirements on us as supplier; others on the product or service. */
const SUPPLIER_KEYWORD = /(leverancier|\blev\b|supplier)/i;
export const requirementKindOf = (keyword: string): RequirementKind => (SUPPLIER_KEYWORD.test(keyword) ? "supplier" : "product");

/**
 * The requirements heard in the visit that the relation does not hold yet: each answer to a
 * requirement keyword, split at commas and semicolons into short labels (the quote's arguments are
 * matched on them, domain/product-arguments.ts), each once, longer than a label left out; on the
 * supplier when the keyword says so, soft and with nothing else known until the rep says more.
 */
export function requirementsHeard(answers: readonly { keyword: string | null; answer: string | null }[], known: readonly string[]): Requirement[] {
  const seen = new Set(known.map(requirementKey));
  const out: Requirement[] = [];
  for (const a of answers) {
    if (!isRequirementKeyword(a.keyword)) continue;
    for (const part of (a.answer ?? "").split(/[,;]/)) {
      const label = part.trim();
      const key = requirementKey(label);
      if (key === "" || label.length > REQUIREMENT_LABEL_MAX || seen.has(key)) continue;
      seen.add(key);
      out.push(requirementOf(label, requirementKindOf(a.keyword ?? "")));
    }
  }
  return out;
}

export interface ClassAfterVisit {
  from: AccountClass | null;
  to: AccountClass;
  /** The revenue potential per year the proposal rests on, cents. */
  revenuePotentialCents: number;
  /** The threshold of the class proposed (A or B), or of B when C is proposed (revenue below it), cents. */
  thresholdCents: number;
}

/**
 * The account class a visit proposes (DOMAIN.md: class by actual or potential revenue against the
 * thresholds of the segment; the system proposes, a person decides): the class the revenue potential
 * heard points to, when it differs from the relation's. A strategic override and a key account are
 * decisions revenue does not undo, so they get no proposal; nor does an unknown potential.
 */
export function classAfterVisit(current: AccountClass | null, override: boolean, revenuePotentialCents: number | null, thresholds: ClassThresholds): ClassAfterVisit | null {
  if (revenuePotentialCents === null) return null;
  const { proposed, kept } = proposeClass(current, override, revenuePotentialCents, thresholds);
  if (kept !== null || proposed === current) return null;
  return { from: current, to: proposed, revenuePotentialCents, thresholdCents: proposed === "A" ? thresholds.A : thresholds.B };
}
