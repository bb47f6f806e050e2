// Hit ratio per rep for a period (quotes won ÷ quotes decided, in count and value, average days to
// decision), with each rep's open and stale quotes beside it.
import { isIsoDate, monthOf } from "../../domain/calendar.js";
import { type HitRatio, type HitRatioQuote, hitRatio, hitRatioByRep } from "../../domain/hit-ratio.js";
import type { QuoteStatus } from "../../domain/quote-status.js";
import type { Db } from "../../db/kysely.js";
import { fieldProblem, invalid } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { firstEventDays, openCountsByRep, quotesDecidedIn, usersByIds } from "./quote.repository.js";

/**
 * When each quote family (a base number and its revisions) went to the customer, from the quote
 * events: the first day any revision stood as sent, else the first day of its history (a quote
 * imported or made as sent has no separate "sent" step, and sent_on is blank on imports and new
 * revisions). The decision clock runs from there to decided_on of the revision that was decided.
 */
async function familyStarts(db: Db, rows: readonly { id: number; base_number: number }[]): Promise<Map<number, string>> {
  const days = new Map((await firstEventDays(db, rows.map((r) => r.id))).map((d) => [d.quote_id, d]));
  const sent = new Map<number, string>();
  const first = new Map<number, string>();
  const earlier = (map: Map<number, string>, key: number, day: string | null | undefined) => {
    if (!day) return;
    const known = map.get(key);
    if (known === undefined || day < known) map.set(key, String(day).slice(0, 10));
  };
  for (const r of rows) {
    earlier(sent, r.base_number, days.get(r.id)?.sent_on);
    earlier(first, r.base_number, days.get(r.id)?.first_on);
  }
  return new Map([...first, ...sent]);
}

const NOTHING: HitRatio = { won: 0, lost: 0, withdrawn: 0, ratioCount: null, wonCents: 0, lostCents: 0, ratioValue: null, averageDaysToDecision: null };

/**
 * Period defaults: from 1 January of the current year to today (Amsterdam). `repIds` is the viewer
 * scope (null = every rep; a rep reads only their own ratio, and the total is then theirs too).
 */
export async function hitRatioReport(db: Db, query: { from?: string | undefined; to?: string | undefined }, now: Date, scope: readonly number[] | null) {
  const today = amsterdamDate(now);
  const from = query.from ?? `${today.slice(0, 4)}-01-01`;
  const to = query.to ?? today;
  if (!isIsoDate(from)) throw invalid(fieldProblem("from", "date_invalid"));
  if (!isIsoDate(to)) throw invalid(fieldProblem("to", "date_invalid"));
  if (to < from) throw invalid(fieldProblem("to", "period_reversed"));

  const rows = await quotesDecidedIn(db, from, to, scope);
  const starts = await familyStarts(db, rows);
  const quotes: HitRatioQuote[] = rows.map((r) => ({
    repId: r.rep_id,
    status: r.status as QuoteStatus,
    amountCents: r.total_cents,
    sentOn: starts.get(r.base_number) ?? r.sent_on,
    decidedOn: r.decided_on,
    quoteNumber: { base: r.base_number, revision: r.revision },
  }));
  const period = { from, to };
  const byRep = new Map(hitRatioByRep(quotes, period).map((r) => [Number(r.repId), r]));
  const open = new Map((await openCountsByRep(db, monthOf(today), scope)).map((r) => [r.rep_id, { open: Number(r.open), stale: Number(r.stale ?? 0) }]));
  const repIds = [...new Set([...byRep.keys(), ...open.keys()])];
  const names = new Map((await usersByIds(db, repIds)).map((u) => [u.id, u.name]));
  const reps = repIds
    .map((id) => {
      const { repId: _, ...ratio } = byRep.get(id) ?? { repId: id, ...NOTHING };
      return { rep: { id, name: names.get(id) ?? `#${id}` }, ...ratio, openQuotes: open.get(id)?.open ?? 0, staleQuotes: open.get(id)?.stale ?? 0 };
    })
    .sort((a, b) => a.rep.name.localeCompare(b.rep.name, "nl") || a.rep.id - b.rep.id);
  return { from, to, reps, total: hitRatio(quotes, period) };
}
