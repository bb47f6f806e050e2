// Reading quotes: the detail with lines, revisions, history and advice, and the filtered list.
import { monthOf } from "../../domain/calendar.js";
import { isStale } from "../../domain/hit-ratio.js";
import { formatQuoteNumber } from "../../domain/quote-number.js";
import { allowedTransitions, type QuoteStatus } from "../../domain/quote-status.js";
import type { Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { notFound } from "../../server/errors.js";
import { COUNT_CAP, decodeCursor, encodeCursor } from "../../server/http.js";
import { amsterdamDate } from "../../server/time.js";
import { getPerson } from "../persons/person.service.js";
import { ownersInScope } from "../users/user.service.js";
import { milliToQuantity } from "./quote-line.js";
import {
  findAdviceOfBase,
  findEvents,
  findLines,
  findQuoteRow,
  findRevisions,
  countQuotes,
  listQuotes,
  type QuoteRow,
} from "./quote.repository.js";
import type { QuoteDetailDto, QuoteListQueryInput, QuoteSummaryDto } from "./quote.schemas.js";
import { vatRateOfLines } from "./quote-vat.js";
import { vatTotals } from "../../domain/vat.js";

export interface Warning {
  code: string;
  message: string;
}

export const numberOf = (row: { base_number: number; revision: number }) => formatQuoteNumber({ base: row.base_number, revision: row.revision });

export function toSummary(row: QuoteRow, today: string): QuoteSummaryDto {
  const status = row.status as QuoteStatus;
  return {
    id: row.id,
    number: numberOf(row),
    baseNumber: row.base_number,
    revision: row.revision,
    relation: { id: row.relation_id, name: row.relation_name },
    rep: { id: row.rep_id, name: row.rep_name },
    title: row.title,
    status,
    probability: row.probability,
    decisionMonth: row.decision_month,
    decisionDate: row.decision_date,
    validUntil: row.valid_until,
    totalCents: row.total_cents,
    units: milliToQuantity(row.units_milli),
    stale: isStale({ status, decisionMonth: row.decision_month }, today),
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The warning of an open quote whose decision month lies before the current month. */
export function staleWarnings(summary: Pick<QuoteSummaryDto, "stale" | "decisionMonth">): Warning[] {
  if (!summary.stale) return [];
  return [
    {
      code: "decision_month_past",
      message: `The decision month ${summary.decisionMonth} has passed: the quote is stale until its chance and decision month are brought up to date`,
    },
  ];
}

const parse = (json: string) => JSON.parse(json) as unknown;
type Advice = NonNullable<QuoteDetailDto["advice"]>;

export async function getQuote(db: Db, id: number, now: Date, warnings: Warning[] = []): Promise<QuoteDetailDto> {
  const row = await findQuoteRow(db, id);
  if (!row) throw notFound(`Quote ${id}`);
  const today = amsterdamDate(now);
  const [lines, revisions, events, advice, person] = await Promise.all([
    findLines(db, id),
    findRevisions(db, row.base_number),
    findEvents(db, id),
    findAdviceOfBase(db, row.base_number),
    row.contact_person_id === null ? Promise.resolve(null) : getPerson(db, row.contact_person_id),
  ]);
  const summary = toSummary(row, today);
  // Lines written before rates were kept per line have none: they carry the general rate.
  const rateOf = lines.some((l) => l.vat_bp === null) ? await vatRateOfLines(db, lines.map((l) => l.product_id)) : null;
  const vatOf = (l: (typeof lines)[number]) => l.vat_bp ?? rateOf?.(l.product_id) ?? 0;
  const totals = vatTotals(lines.map((l) => ({ amountCents: l.amount_cents, rateBasisPoints: vatOf(l) })));
  return {
    ...summary,
    contactPerson: person ? { id: person.id, name: person.displayName, formalName: person.formalName } : null,
    allowedNextStatuses: [...allowedTransitions(summary.status)],
    lostReason: row.lost_reason,
    competitorWon: row.competitor_won,
    sentOn: row.sent_on,
    decidedOn: row.decided_on,
    notes: row.notes,
    lines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      product:
        l.product_id !== null && l.product_code !== null && l.product_name !== null
          ? { id: l.product_id, code: l.product_code, name: l.product_name, unit: l.product_unit ?? "stuk" }
          : null,
      description: l.description,
      quantity: milliToQuantity(l.quantity_milli),
      unitPriceCents: l.unit_price_cents,
      discountBasisPoints: l.discount_bp,
      amountCents: l.amount_cents,
      vatBasisPoints: vatOf(l),
    })),
    totals: { subtotalCents: totals.subtotalCents, vat: totals.groups, vatCents: totals.vatCents, totalCents: totals.totalCents },
    advice: advice
      ? {
          verdict: advice.verdict,
          reasons: parse(advice.reasons) as Advice["reasons"],
          criteria: parse(advice.criteria) as Advice["criteria"],
          answers: parse(advice.answers),
          overruled: advice.overruled === 1,
          overruleReason: advice.overrule_reason,
          decidedBy: advice.decided_by !== null && advice.decided_by_name !== null ? { id: advice.decided_by, name: advice.decided_by_name } : null,
          decidedOn: advice.decided_on,
        }
      : null,
    revisions: revisions.map((r) => ({ id: r.id, number: numberOf(r), status: r.status })),
    history: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      probability: e.probability,
      decisionMonth: e.decision_month,
      status: e.status,
      amountCents: e.amount_cents,
      user: e.user_id !== null && e.user_name !== null ? { id: e.user_id, name: e.user_name } : null,
    })),
    warnings,
    createdAt: row.created_at,
  };
}

export async function listQuotesPage(db: Db, q: QuoteListQueryInput, now: Date, viewer: Viewer) {
  const today = amsterdamDate(now);
  const { page, nextCursor, total } = await pageOfRows(db, q, now, viewer);
  return { items: page.map((r) => toSummary(r, today)), nextCursor, total };
}

/**
 * The list with why each was decided (lost reason, competitor, decision date) from the same rows:
 * the visit sheet's "why no deal earlier", without reading each quote's detail.
 */
export async function listDecidedQuotesPage(db: Db, q: QuoteListQueryInput, now: Date, viewer: Viewer) {
  const today = amsterdamDate(now);
  const { page, nextCursor } = await pageOfRows(db, q, now, viewer, false);
  return {
    items: page.map((r) => ({ ...toSummary(r, today), lostReason: r.lost_reason, competitorWon: r.competitor_won, decidedOn: r.decided_on })),
    nextCursor,
  };
}

async function pageOfRows(db: Db, q: QuoteListQueryInput, now: Date, viewer: Viewer, counted = true) {
  const today = amsterdamDate(now);
  const limit = q.limit ?? 50;
  const before = q.cursor ? Number(decodeCursor(q.cursor, 1)[0]) : null;
  const filter = {
    statuses: q.status ?? [],
    repIds: q.rep ?? [],
    relationId: q.relation ?? null,
    staleBefore: q.stale ? monthOf(today) : null,
    latestOnly: !q.allRevisions,
    scopeRepIds: await ownersInScope(db, viewer, q.scope),
    forecastOnly: q.forecast === true,
    decisionFrom: q.decisionFrom ?? null,
    decisionTo: q.decisionTo ?? null,
    decidedFrom: q.decidedFrom ?? null,
    decidedTo: q.decidedTo ?? null,
    rayonIds: q.rayon ?? [],
    productId: q.product ?? null,
  };
  const [rows, count] = await Promise.all([
    listQuotes(db, filter, before, limit + 1),
    // The total belongs to the filter, not the page: counted on the first page only.
    before === null && counted ? countQuotes(db, filter, COUNT_CAP + 1) : Promise.resolve(null),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null,
    total: count === null ? { count: -1, exact: false } : { count: Math.min(count, COUNT_CAP), exact: count <= COUNT_CAP },
  };
}
