// Contact moments (contactmomenten / bezoekrapporten): what kind of contact it was and which sales
// method was used (DOMAIN.md: need-oriented, problem-solving, process-oriented, relationship-advisory).

export const ACTIVITY_KINDS = ["visit", "phone_call", "email", "demo", "quote_meeting", "after_sales_visit"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const SALES_METHODS = ["need_oriented", "problem_solving", "process_oriented", "relationship_advisory"] as const;
export type SalesMethod = (typeof SALES_METHODS)[number];

/** Kinds that count as a visit for the visit norms (a visit report, not a call or mail). */
export const NORM_VISIT_KINDS: readonly ActivityKind[] = ["visit"];

/** Win chance (vk%) is a whole percentage; 0 % means lost. */
export function isWinChance(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 100;
}
