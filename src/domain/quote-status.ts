// The life of a quote: draft → sent → won | lost, or withdrawn on the way.
//
// Won, lost and withdrawn are final. A customer who comes back after a loss, or a price that must
// change after sending, gets a NEW REVISION (OV87-4, starting as draft) instead of a step back:
// - the lost revision keeps its reason, competitor and date (the win/loss analysis needs them);
// - the forecast as it stood on a past date must not change afterwards;
// - a new decision gets a new, current price (an old price is stale by the time of the decision).
// When a sent quote is revised, the sent revision is withdrawn (superseded): withdrawn counts neither
// in the forecast nor in the hit ratio, so revising does not punish the rep. A draft is simply edited.

import { err, ok, type Result } from "./result.js";

export const QUOTE_STATUSES = ["draft", "sent", "won", "lost", "withdrawn"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

const TRANSITIONS: Readonly<Record<QuoteStatus, readonly QuoteStatus[]>> = {
  // A draft the customer never saw cannot be won or lost; it is sent first, or dropped.
  draft: ["sent", "withdrawn"],
  sent: ["won", "lost", "withdrawn"],
  won: [],
  lost: [],
  withdrawn: [],
};

export function isQuoteStatus(value: string): value is QuoteStatus {
  return (QUOTE_STATUSES as readonly string[]).includes(value);
}

export function allowedTransitions(from: QuoteStatus): readonly QuoteStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: QuoteStatus, to: QuoteStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Open quotes are still to be decided and count in the forecast: the one definition (SQL uses it too). */
export const OPEN_QUOTE_STATUSES = ["draft", "sent"] as const satisfies readonly QuoteStatus[];

export function isOpen(status: QuoteStatus): boolean {
  return (OPEN_QUOTE_STATUSES as readonly string[]).includes(status);
}

/** Decided by the customer: counts in the hit ratio. Withdrawn is not a customer decision. */
export function isDecided(status: QuoteStatus): boolean {
  return status === "won" || status === "lost";
}

export function isFinal(status: QuoteStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** Win probability is a whole percentage 0–100 (0 % means lost, DOMAIN.md). */
export function validateProbability(value: number): Result<number> {
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    return err(`expected a win probability as a whole percentage from 0 to 100, got ${value}`);
  }
  return ok(value);
}

export interface StatusState {
  readonly status: QuoteStatus;
  /** Percent 0–100. */
  readonly probability: number;
  readonly lostReason: string | null;
  /** Name of the competitor who won the order, when known. */
  readonly competitorWon: string | null;
}

export interface StatusChange {
  readonly to: QuoteStatus;
  readonly lostReason?: string | null;
  readonly competitorWon?: string | null;
}

/**
 * Applies a status change. Won sets the probability to 100 and lost to 0, so a decided quote can
 * never carry a contradicting chance; a loss needs its reason (what the rep learns from it).
 */
export function changeStatus(current: StatusState, change: StatusChange): Result<StatusState> {
  if (!canTransition(current.status, change.to)) {
    const allowed = allowedTransitions(current.status);
    const hint = allowed.length === 0 ? "it is final; make a new revision instead" : `allowed: ${allowed.join(", ")}`;
    return err(`a ${current.status} quote cannot become ${change.to} (${hint})`);
  }
  const lostReason = change.lostReason?.trim() ?? "";
  const competitorWon = change.competitorWon?.trim() || null;
  switch (change.to) {
    case "lost":
      if (lostReason === "") return err("a lost quote needs a lost reason");
      return ok({ status: "lost", probability: 0, lostReason, competitorWon });
    case "won":
      return ok({ status: "won", probability: 100, lostReason: null, competitorWon: null });
    default:
      return ok({ ...current, status: change.to });
  }
}

/**
 * What happens to the current revision when a new one is made: a sent quote is superseded
 * (withdrawn); lost and withdrawn ones stay as they are. A draft is edited instead, and a won quote
 * is an order, not a proposal to revise.
 */
export function revisionEffect(current: QuoteStatus): Result<{ readonly previousBecomes: QuoteStatus }> {
  switch (current) {
    case "sent":
      return ok({ previousBecomes: "withdrawn" });
    case "lost":
    case "withdrawn":
      return ok({ previousBecomes: current });
    case "draft":
      return err("a draft quote is edited, not revised");
    case "won":
      return err("a won quote is an order and cannot be revised");
  }
}
