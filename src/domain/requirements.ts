// What the customer requires (DOMAIN.md, questions of a first visit): requirements on the product or
// service and requirements on the supplier, each hard (a must) or soft (nice to have), with whether
// they will pay for it, and how their current supplier scores on it against us. The quote argues with
// them: the arguments that answer a hard requirement come first. Pure: parsing, cleaning, combining.
import { requirementKey } from "./product-arguments.js";

export const REQUIREMENT_KINDS = ["product", "supplier"] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];
export const WILLING_TO_PAY = ["yes", "no", "unknown"] as const;
export type WillingToPay = (typeof WILLING_TO_PAY)[number];
/** How the current supplier does on the requirement, compared with us. */
export const SUPPLIER_SCORES = ["better", "equal", "worse", "unknown"] as const;
export type SupplierScore = (typeof SUPPLIER_SCORES)[number];

export const REQUIREMENT_LABEL_MAX = 100;
export const SUPPLIER_NOTE_MAX = 200;
/** At most this many requirements are added to a relation's list. */
export const REQUIREMENTS_MAX = 30;
/**
 * What a request may carry at most: a merge of two relations can leave more than REQUIREMENTS_MAX
 * (their lists combined, each requirement once), and that list must stay editable and savable.
 */
export const REQUIREMENTS_CEILING = 200;

/**
 * Whether a new list breaks the limit: more than REQUIREMENTS_MAX and more than the relation held
 * before. A list that a merge left above the limit may be kept, edited and shortened, but not grown
 * until it is back under the limit.
 */
export function requirementsOverLimit(next: number, stored: number): boolean {
  return next > REQUIREMENTS_MAX && next > stored;
}

export interface Requirement {
  label: string;
  kind: RequirementKind;
  hard: boolean;
  willingToPay: WillingToPay;
  supplierScore: SupplierScore;
  supplierNote: string | null;
}

/** A requirement of which only the label is known (soft until the rep says otherwise). */
export function requirementOf(label: string, kind: RequirementKind = "product"): Requirement {
  return { label, kind, hard: false, willingToPay: "unknown", supplierScore: "unknown", supplierNote: null };
}

const oneOf = <T extends string>(list: readonly T[], value: unknown, fallback: T): T => ((list as readonly unknown[]).includes(value) ? (value as T) : fallback);

/**
 * The relation's stored list (a JSON array). Before the details were kept it held bare labels; those
 * read as soft product requirements with nothing else known. Anything unreadable reads as none.
 */
export function parseRequirements(json: string): Requirement[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item): Requirement[] => {
    if (typeof item === "string") return [requirementOf(item)];
    if (item === null || typeof item !== "object" || typeof (item as { label?: unknown }).label !== "string") return [];
    const r = item as Record<string, unknown>;
    return [
      {
        label: r.label as string,
        kind: oneOf(REQUIREMENT_KINDS, r.kind, "product"),
        hard: r.hard === true,
        willingToPay: oneOf(WILLING_TO_PAY, r.willingToPay, "unknown"),
        supplierScore: oneOf(SUPPLIER_SCORES, r.supplierScore, "unknown"),
        supplierNote: typeof r.supplierNote === "string" && r.supplierNote !== "" ? r.supplierNote : null,
      },
    ];
  });
}

/** Labels and notes trimmed with single spaces; empty labels dropped; each requirement once (the first). */
export function cleanRequirements(list: readonly Requirement[]): Requirement[] {
  const seen = new Set<string>();
  const out: Requirement[] = [];
  for (const r of list) {
    const label = r.label.trim().replace(/\s+/g, " ");
    const key = requirementKey(label);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    const note = r.supplierNote?.trim().replace(/\s+/g, " ") ?? "";
    out.push({ ...r, label, supplierNote: note === "" ? null : note });
  }
  return out;
}

/**
 * Two relations merged: the survivor's requirements, then the duplicate's it does not hold. Of one
 * requirement held by both, the survivor's answers count; what it left unknown comes from the
 * duplicate, and hard wins (one of them heard it as a must).
 */
export function combineRequirements(survivor: readonly Requirement[], duplicate: readonly Requirement[]): Requirement[] {
  const theirs = new Map(duplicate.map((r) => [requirementKey(r.label), r]));
  const mine = survivor.map((r) => {
    const d = theirs.get(requirementKey(r.label));
    if (!d) return r;
    return {
      ...r,
      hard: r.hard || d.hard,
      willingToPay: r.willingToPay === "unknown" ? d.willingToPay : r.willingToPay,
      supplierScore: r.supplierScore === "unknown" ? d.supplierScore : r.supplierScore,
      supplierNote: r.supplierNote ?? d.supplierNote,
    };
  });
  return cleanRequirements([...mine, ...duplicate]);
}

/** Hard requirements first, each group in its own order. */
export function hardFirst<R extends { hard: boolean }>(list: readonly R[]): R[] {
  return [...list.filter((r) => r.hard), ...list.filter((r) => !r.hard)];
}

/**
 * The arguments that answer one of the requirements, those answering a hard one first, each with
 * whether its requirement is hard; within a group the product's own order. A requirement that
 * normalises to nothing matches nothing.
 */
export function argumentsFor<A extends { requirement: string }>(args: readonly A[], requirements: readonly Requirement[]): (A & { hard: boolean })[] {
  const hardOf = new Map<string, boolean>();
  for (const r of requirements) {
    const key = requirementKey(r.label);
    if (key !== "") hardOf.set(key, (hardOf.get(key) ?? false) || r.hard);
  }
  const matched = args.flatMap((a) => {
    const hard = hardOf.get(requirementKey(a.requirement));
    return hard === undefined ? [] : [{ ...a, hard }];
  });
  return hardFirst(matched);
}

/** The requirements on which the current supplier's score is known (the comparison shown on the sheet and the quote). */
export function supplierComparison(requirements: readonly Requirement[]): Requirement[] {
  return hardFirst(requirements.filter((r) => r.supplierScore !== "unknown"));
}
