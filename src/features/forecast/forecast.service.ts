// The forecast of open quotes per month (and per rep, rayon or product), now or as it stood on a
// past date, rebuilt from quote_events. The weighting and rounding are the domain's (forecast.ts).
//
// History covers what the forecast of a month depends on: probability, decision month, status,
// amount and the volume per unit of measure. Events written before migration 0037 kept one volume
// across all units: for a quote whose last such event counts, units per unit are unknown — the
// answer counts those quotes (unitsUnknown) and leaves their units out; their revenue counts. Rep and rayon are taken as they are now when a past forecast is split by them, and a past
// forecast is not split per product (lines of a draft may have changed since): asOf with by=product
// is refused rather than answered wrongly.
import { addMonths, isIsoDate, isMonth, type Month, monthOf, monthRange } from "../../domain/calendar.js";
import {
  type ForecastFigures,
  type ForecastQuote,
  type ForecastReport,
  type ForecastRow,
  forecastBy,
  forecastByMonth,
  forecastReport,
  type QuoteEvent,
  quotesAsOf,
  shownUnits,
  type UnitQuantity,
} from "../../domain/forecast.js";
import type { QuoteStatus } from "../../domain/quote-status.js";
import type { Db } from "../../db/kysely.js";
import { type FieldProblem, fieldProblem, invalid } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { productLabels } from "../products/product.service.js";
import { type ForecastBy, eventsUpTo, groupsOfQuotes, parseUnitsByUnit, sumOpenQuotes, sumOpenUnits } from "../quotes/quote-forecast.service.js";
import { listRayons } from "../reference/reference.service.js";
import { userNames } from "../users/user.service.js";

/** Names of the groups a forecast is split by, from the features that own them. */
async function groupNames(db: Db, by: ForecastBy, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0 || by === "month") return new Map();
  if (by === "product") return productLabels(db, ids);
  if (by === "rep") return userNames(db, ids);
  return new Map((await listRayons(db)).map((r) => [r.id, r.name]));
}

/** Months are capped: a forecast is for planning the coming months, not for decades. */
export const MAX_MONTHS = 120;

export interface ForecastQuery {
  from?: string | undefined;
  to?: string | undefined;
  by?: ForecastBy | undefined;
  asOf?: string | undefined;
}

/** Weighted figures: volume per unit of measure (2 decimals), revenue in integer cents, each rounded once. */
export interface ForecastFiguresDto {
  /** One entry per unit of measure present (product unit code, null for lines without a product). */
  units: UnitQuantity[];
  /** Counting quotes whose units per unit are unknown (history before 0037); their revenue counts. */
  unitsUnknown: number;
  /** Weighted revenue, rounded once, in integer cents. */
  revenueCents: number;
}

export interface ForecastMonth extends ForecastFiguresDto {
  month: Month;
}

export interface ForecastResult {
  from: Month;
  to: Month;
  by: ForecastBy;
  asOf: string | null;
  months: ForecastMonth[];
  total: ForecastFiguresDto;
  groups: { key: number | null; name: string | null; months: ForecastMonth[]; total: ForecastFiguresDto }[];
}

/** from defaults to the current month, to to from + 11 months (a year ahead). */
export function forecastRange(query: { from?: string | undefined; to?: string | undefined }, today: string): { from: Month; to: Month } {
  const problems: FieldProblem[] = [];
  const from = query.from ?? monthOf(today);
  if (!isMonth(from)) problems.push(fieldProblem("from", "month_invalid"));
  const to = query.to ?? (isMonth(from) ? addMonths(from, 11) : from);
  if (!isMonth(to)) problems.push(fieldProblem("to", "month_invalid"));
  if (problems.length === 0 && to < from) problems.push(fieldProblem("to", "period_reversed"));
  if (problems.length === 0 && monthRange(from, to).length > MAX_MONTHS) problems.push(fieldProblem("to", "period_too_long"));
  if (problems.length > 0) throw invalid(...problems);
  return { from, to };
}

/**
 * The open quotes that count, pre-summed per month, probability and group (see the repository):
 * revenue and volume per unit arrive as separate rows, which the weighting adds up the same.
 */
async function currentQuotes(db: Db, from: Month, to: Month, by: ForecastBy, repIds: readonly number[] | null): Promise<ForecastQuote[]> {
  const [revenue, volume] = await Promise.all([sumOpenQuotes(db, from, to, by, repIds), sumOpenUnits(db, from, to, by, repIds)]);
  const common = (r: { probability: number; decision_month: string; group_id: number | null }) => ({
    probability: r.probability,
    decisionMonth: r.decision_month,
    status: "sent" as const,
    repId: r.group_id,
    rayonId: r.group_id,
    productId: r.group_id,
  });
  return [
    ...revenue.map((r) => ({ ...common(r), amountCents: r.cents, units: [] })),
    ...volume.map((r) => ({ ...common(r), amountCents: 0, units: [{ unit: r.unit, units: r.milli / 1000 }] })),
  ];
}

/** The volume of an event: per unit when it says so; unknown for a pre-0037 event that named only the total. */
function unitsOfEvent(e: { units_milli: number | null; units_by_unit: string | null }): UnitQuantity[] | null | undefined {
  const perUnit = parseUnitsByUnit(e.units_by_unit);
  if (perUnit !== null) return perUnit.map((u) => ({ unit: u.unit, units: u.milli / 1000 }));
  return e.units_milli === null ? undefined : null;
}

/** Every quote as it stood at the end of `asOf`, from the change log. */
async function quotesOn(db: Db, asOf: string, by: ForecastBy, repIds: readonly number[] | null): Promise<ForecastQuote[]> {
  const rows = await eventsUpTo(db, asOf, repIds);
  const events: QuoteEvent[] = rows.map((e) => {
    const units = unitsOfEvent(e);
    if (e.kind === "created") {
      return {
        kind: "created",
        quoteId: e.quote_id,
        at: e.at,
        quote: {
          amountCents: e.amount_cents ?? 0,
          // A created event without units per unit predates 0037: unknown, not zero.
          units: units ?? null,
          probability: e.probability ?? 0,
          decisionMonth: e.decision_month ?? "",
          status: (e.status ?? "draft") as QuoteStatus,
        },
      };
    }
    const changes: Partial<ForecastQuote> = {
      ...(e.amount_cents !== null ? { amountCents: e.amount_cents } : {}),
      ...(units !== undefined ? { units } : {}),
      ...(e.probability !== null ? { probability: e.probability } : {}),
      ...(e.decision_month !== null ? { decisionMonth: e.decision_month } : {}),
      ...(e.status !== null ? { status: e.status as QuoteStatus } : {}),
    };
    return { kind: "changed", quoteId: e.quote_id, at: e.at, changes };
  });
  const quotes = quotesAsOf(events, asOf);
  if (by !== "rep" && by !== "rayon") return quotes;
  const groups = new Map((await groupsOfQuotes(db)).map((g) => [g.id, g]));
  return quotes.map((q) => ({ ...q, repId: groups.get(Number(q.quoteId))?.rep_id ?? null, rayonId: groups.get(Number(q.quoteId))?.rayon_id ?? null }));
}

const shownTotal = (t: ForecastFigures): ForecastFiguresDto => ({ units: shownUnits(t), unitsUnknown: t.unitsUnknown, revenueCents: t.revenueCents });
const shown = (rows: readonly ForecastRow[]): ForecastMonth[] => rows.map((r) => ({ month: r.month, ...shownTotal(r) }));

/**
 * `repIds` is the viewer scope of a per-rep split (null = all reps): a rep who splits the forecast
 * by rep sees only their own quotes (domain/access.ts, TEAM_REPORTS).
 */
export async function forecast(db: Db, query: ForecastQuery, now: Date, repIds: readonly number[] | null = null): Promise<ForecastResult> {
  const today = amsterdamDate(now);
  const { from, to } = forecastRange(query, today);
  const by = query.by ?? "month";
  const asOf = query.asOf ?? null;
  if (asOf !== null) {
    if (!isIsoDate(asOf)) throw invalid(fieldProblem("asOf", "date_invalid"));
    if (by === "product") throw invalid(fieldProblem("asOf", "forecast_as_of_by_product"));
  }
  const months = monthRange(from, to);
  const quotes = asOf !== null ? await quotesOn(db, asOf, by, repIds) : await currentQuotes(db, from, to, by, repIds);
  const overall = forecastByMonth(quotes, months);
  const result: ForecastResult = { from, to, by, asOf, months: shown(overall.rows), total: shownTotal(overall.total), groups: [] };
  if (by === "month") return result;
  const grouped = forecastBy(quotes, months, by);
  const names = await groupNames(db, by, grouped.groups.map((g) => g.key).filter((k): k is number => typeof k === "number"));
  result.groups = grouped.groups.map((g) => ({
    key: g.key === null ? null : Number(g.key),
    name: g.key === null ? null : (names.get(Number(g.key)) ?? null),
    months: shown(g.rows),
    total: shownTotal(g.total),
  }));
  return result;
}

/** Exactly the JSON of `koers report forecast` (domain forecastReport's shape). */
export async function forecastReportOf(db: Db, query: { from?: string | undefined; to?: string | undefined }, now: Date): Promise<ForecastReport> {
  const { from, to } = forecastRange(query, amsterdamDate(now));
  return forecastReport(await currentQuotes(db, from, to, "month", null), from, to);
}
