// Hit ratio (scoringsratio): quotes won ÷ quotes decided, per rep and period, in count and in value.
//
// Decided means won or lost. Withdrawn quotes are left out: the customer never decided on them (we
// pulled the quote, or a new revision replaced it), so counting them as lost would punish revising
// and counting them as won would flatter. They are reported separately so nothing hides.
// Each quote counts once, by its latest revision: when a quote number is given, earlier revisions
// are ignored (a lost quote reopened as a new revision is decided again by the new one).

import { type IsoDate, type Month, daysBetween, monthOf } from "./calendar.js";
import type { Cents } from "./money.js";
import { latestRevisions, type QuoteNumber } from "./quote-number.js";
import { isOpen, type QuoteStatus } from "./quote-status.js";

export type RepId = string | number;

export interface HitRatioQuote {
  readonly repId: RepId;
  readonly status: QuoteStatus;
  readonly amountCents: Cents;
  /** Date the quote was sent to the customer; null for drafts. */
  readonly sentOn: IsoDate | null;
  /** Date the quote became won, lost or withdrawn; null while open. It places the quote in a period. */
  readonly decidedOn: IsoDate | null;
  readonly quoteNumber?: QuoteNumber;
}

/** Both dates included. */
export interface Period {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface HitRatio {
  readonly won: number;
  readonly lost: number;
  readonly withdrawn: number;
  /** won ÷ (won + lost), 0–1; null when nothing was decided. */
  readonly ratioCount: number | null;
  readonly wonCents: Cents;
  readonly lostCents: Cents;
  /** wonCents ÷ (wonCents + lostCents), 0–1; null when the decided value is not positive. */
  readonly ratioValue: number | null;
  /** Mean calendar days from sent to decided over decided quotes with both dates; null when none. */
  readonly averageDaysToDecision: number | null;
}

export interface RepHitRatio extends HitRatio {
  readonly repId: RepId;
}

/** The hit ratio of all quotes decided (or withdrawn) within the period. */
export function hitRatio(quotes: readonly HitRatioQuote[], period: Period): HitRatio {
  let won = 0;
  let lost = 0;
  let withdrawn = 0;
  let wonCents = 0;
  let lostCents = 0;
  let days = 0;
  let timed = 0;
  for (const quote of latestOnly(quotes)) {
    if (quote.decidedOn === null || quote.decidedOn < period.from || quote.decidedOn > period.to) continue;
    if (quote.status === "withdrawn") withdrawn += 1;
    if (quote.status !== "won" && quote.status !== "lost") continue;
    if (quote.status === "won") {
      won += 1;
      wonCents += quote.amountCents;
    } else {
      lost += 1;
      lostCents += quote.amountCents;
    }
    if (quote.sentOn !== null) {
      days += daysBetween(quote.sentOn, quote.decidedOn);
      timed += 1;
    }
  }
  const decidedCents = wonCents + lostCents;
  return {
    won,
    lost,
    withdrawn,
    ratioCount: won + lost === 0 ? null : won / (won + lost),
    wonCents,
    lostCents,
    ratioValue: decidedCents <= 0 ? null : wonCents / decidedCents,
    averageDaysToDecision: timed === 0 ? null : days / timed,
  };
}

/** The hit ratio per rep for the period, by rep id; reps without decided or withdrawn quotes are left out. */
export function hitRatioByRep(quotes: readonly HitRatioQuote[], period: Period): RepHitRatio[] {
  const byRep = new Map<RepId, HitRatioQuote[]>();
  for (const quote of latestOnly(quotes)) {
    const list = byRep.get(quote.repId);
    if (list) list.push(quote);
    else byRep.set(quote.repId, [quote]);
  }
  return [...byRep.entries()]
    .map(([repId, list]) => ({ repId, ...hitRatio(list, period) }))
    .filter((row) => row.won + row.lost + row.withdrawn > 0)
    .sort((a, b) => (a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0));
}

/**
 * Open quotes whose decision month lies before the current month: the rep must update the chance
 * and decision month, or close the quote. A decision expected this month is not stale yet.
 */
export function isStale(quote: { readonly status: QuoteStatus; readonly decisionMonth: Month }, today: IsoDate): boolean {
  return isOpen(quote.status) && quote.decisionMonth < monthOf(today);
}

export function staleQuotes<T extends { readonly status: QuoteStatus; readonly decisionMonth: Month }>(
  quotes: readonly T[],
  today: IsoDate,
): T[] {
  return quotes.filter((quote) => isStale(quote, today));
}

/** Keeps the latest revision per quote number; quotes without a number are kept as they are. */
function latestOnly(quotes: readonly HitRatioQuote[]): HitRatioQuote[] {
  const numbered = quotes.filter((q): q is HitRatioQuote & { quoteNumber: QuoteNumber } => q.quoteNumber !== undefined);
  if (numbered.length === 0) return [...quotes];
  const latest = new Set<HitRatioQuote>(latestRevisions(numbered));
  return quotes.filter((q) => q.quoteNumber === undefined || latest.has(q));
}
