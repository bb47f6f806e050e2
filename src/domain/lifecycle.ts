// Lifecycle status of a relation (DOMAIN.md): suspect → prospect → customer → former customer,
// and dead. Every change needs a reason and is kept; a dead relation is never deleted.
import { type Result, err, ok } from "./result.js";

export const RELATION_STATUSES = ["suspect", "prospect", "customer", "former_customer", "dead"] as const;
export type RelationStatus = (typeof RELATION_STATUSES)[number];

/**
 * Allowed moves. A suspect that orders straight away becomes a customer without passing prospect;
 * a former customer that orders again is a customer again. Leaving dead is a revival: allowed back
 * to suspect or prospect only, and only by a manager (see `needsManager`), because dead means the
 * company decided not to do business with it.
 */
const TRANSITIONS: Record<RelationStatus, readonly RelationStatus[]> = {
  suspect: ["prospect", "customer", "dead"],
  prospect: ["customer", "dead"],
  customer: ["former_customer", "dead"],
  former_customer: ["customer", "dead"],
  dead: ["suspect", "prospect"],
};

export function isRelationStatus(value: string): value is RelationStatus {
  return (RELATION_STATUSES as readonly string[]).includes(value);
}

export function allowedNextStatuses(from: RelationStatus): readonly RelationStatus[] {
  return TRANSITIONS[from];
}

/** Reviving a dead relation is a management decision. */
export function needsManager(from: RelationStatus, to: RelationStatus): boolean {
  return from === "dead" && to !== "dead";
}

export type TransitionError = "status_same" | "status_transition_not_allowed" | "status_reason_required";

export function checkTransition(from: RelationStatus, to: RelationStatus, reason: string): Result<true, TransitionError> {
  if (from === to) return err("status_same");
  if (!TRANSITIONS[from].includes(to)) return err("status_transition_not_allowed");
  if (reason.trim().length === 0) return err("status_reason_required");
  return ok(true);
}

/** Statuses a new relation may start in (a relation enters as what it is now). */
export const INITIAL_STATUSES: readonly RelationStatus[] = ["suspect", "prospect", "customer", "former_customer", "dead"];

/** Lifecycle order, for sorting lists: suspect first, dead last. */
export function statusRank(status: RelationStatus): number {
  return RELATION_STATUSES.indexOf(status);
}
