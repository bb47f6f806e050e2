// The forecast (DOMAIN.md): for every open quote amount × probability and units × probability,
// placed in its expected decision month and summed per month. Purchasing plans buying with it.
// Units are summed per unit of measure only (120 m² and 8 uur stay two figures, never "128").
//
// Exactness: sums are kept exact in bigint — revenue as cents × percent, units as millionths of a
// unit × percent — and each shown number is rounded once, half away from zero. A total is the
// rounded exact total, never the sum of rounded rows (those may differ by a cent per row).

import { isMonth, monthRange, type IsoDate, type Month } from "./calendar.js";
import { roundHalfAwayFromZero, type Cents } from "./money.js";
import { isOpen, type QuoteStatus } from "./quote-status.js";

export type GroupId = string | number;

/**
 * A unit of measure as the product names it ("m2", "uur", "stuk", free text of at most 20
 * characters); null for a quote line without a product. Units of different codes are never added.
 */
export type UnitCode = string | null;

/** A volume in one unit of measure; may be fractional (12.5 m²). Kept to 6 decimals. */
export interface UnitQuantity {
  readonly unit: UnitCode;
  readonly units: number;
}

/** One quote line, for the per-product forecast. */
export interface ForecastLine {
  readonly productId: GroupId | null;
  readonly amountCents: Cents;
  readonly unit: UnitCode;
  readonly units: number;
}

export interface ForecastQuote {
  /** Quote total in cents; negative for a credit. */
  readonly amountCents: Cents;
  /**
   * Volume per unit of measure (at most one entry per unit). null = not known per unit (history
   * written before units were kept per unit): the quote's revenue counts, its units do not.
   */
  readonly units: readonly UnitQuantity[] | null;
  /** Win probability, whole percent 0–100 (validated at the boundary, see validateProbability). */
  readonly probability: number;
  readonly decisionMonth: Month;
  readonly status: QuoteStatus;
  readonly repId?: GroupId | null;
  readonly rayonId?: GroupId | null;
  /** For a single-product quote without lines. */
  readonly productId?: GroupId | null;
  /** When present, the per-product forecast splits the quote by these lines. */
  readonly lines?: readonly ForecastLine[];
}

export interface ForecastUnits {
  readonly unit: UnitCode;
  /** Σ units × probability / 100 of this unit, unrounded (for charts and further arithmetic). */
  readonly unitsWeighted: number;
  /** The same rounded once to 2 decimals, half away from zero. */
  readonly units: number;
}

export interface ForecastFigures {
  /**
   * Weighted volume per unit of measure present among the counting quotes, by unit code (null
   * last); never one sum across units (m² and hours do not add up).
   */
  readonly units: readonly ForecastUnits[];
  /** Counting quotes whose units per unit are unknown (left out of `units`; their revenue counts). */
  readonly unitsUnknown: number;
  /** Σ cents × probability / 100, unrounded: may hold fractions of a cent. */
  readonly revenueCentsWeighted: number;
  /** Weighted revenue in euros rounded once to cents, half away from zero. */
  readonly revenue: number;
  /** The same rounded revenue in integer cents (what the API answers). */
  readonly revenueCents: number;
}

export interface ForecastRow extends ForecastFigures {
  readonly month: Month;
}

export interface ForecastTable {
  /** One row per requested month, in the requested order, zero where nothing is expected. */
  readonly rows: readonly ForecastRow[];
  readonly total: ForecastFigures;
}

export type ForecastGroupKey = "rep" | "rayon" | "product";

export interface ForecastGroup extends ForecastTable {
  /** The rep, rayon or product id; null for quotes (or lines) without one. */
  readonly key: GroupId | null;
}

export interface GroupedForecast {
  /** Groups with at least one counting quote in the range, by key; null last. */
  readonly groups: readonly ForecastGroup[];
  /** Sum of the groups (for products: of the lines). */
  readonly total: ForecastFigures;
}

/** Exactly the JSON of `koers report forecast`. */
export interface ForecastReport {
  readonly months: readonly { readonly month: Month; readonly units: readonly UnitQuantity[]; readonly revenue: number }[];
  readonly total: { readonly units: readonly UnitQuantity[]; readonly revenue: number };
}

// Units are scaled to integers of a millionth; × percent gives this divisor back to whole units.
const UNIT_SCALE = 1_000_000;
const UNITS_EXACT_PER_UNIT = 100_000_000n;

/**
 * Exact weighted sums: revenue in cents × percent, units per unit code in millionths of a unit ×
 * percent, and the count of counting quotes whose units are unknown.
 */
interface Exact {
  revenue: bigint;
  units: Map<UnitCode, bigint>;
  unknown: number;
}

const zero = (): Exact => ({ revenue: 0n, units: new Map(), unknown: 0 });

function addWeighted(sum: Exact, amountCents: Cents, units: readonly UnitQuantity[] | null, probability: number): void {
  const percent = BigInt(probability);
  sum.revenue += BigInt(roundHalfAwayFromZero(amountCents)) * percent;
  if (units === null) {
    sum.unknown += 1;
    return;
  }
  for (const { unit, units: n } of units) {
    sum.units.set(unit, (sum.units.get(unit) ?? 0n) + BigInt(roundHalfAwayFromZero(n * UNIT_SCALE)) * percent);
  }
}

function addExact(sum: Exact, other: Exact): void {
  sum.revenue += other.revenue;
  for (const [unit, n] of other.units) sum.units.set(unit, (sum.units.get(unit) ?? 0n) + n);
  sum.unknown += other.unknown;
}

function divRoundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  const q = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
  return n < 0n ? -q : q;
}

/** Unit codes in natural order, null (lines without a product) last. */
export function compareUnits(a: UnitCode, b: UnitCode): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function figures(sum: Exact): ForecastFigures {
  const units = [...sum.units.entries()]
    .sort(([a], [b]) => compareUnits(a, b))
    .map(([unit, exact]) => ({
      unit,
      unitsWeighted: Number(exact) / Number(UNITS_EXACT_PER_UNIT),
      // 2 decimals of units: exact / 10^8 × 100.
      units: Number(divRoundHalfAwayFromZero(exact, UNITS_EXACT_PER_UNIT / 100n)) / 100,
    }));
  return {
    units,
    unitsUnknown: sum.unknown,
    revenueCentsWeighted: Number(sum.revenue) / 100,
    // Cents: exact / 100, then shown as euros.
    revenue: Number(divRoundHalfAwayFromZero(sum.revenue, 100n)) / 100,
    revenueCents: Number(divRoundHalfAwayFromZero(sum.revenue, 100n)),
  };
}

/** The rounded units of figures in the plain { unit, units } shape of the API and the CLI. */
export const shownUnits = (f: ForecastFigures): UnitQuantity[] => f.units.map(({ unit, units }) => ({ unit, units }));

/** Every unit code present in any of these figures, in order (the columns of an export). */
export function unitsPresent(figures: readonly { readonly units: readonly { readonly unit: UnitCode }[] }[]): UnitCode[] {
  const present = new Set<UnitCode>();
  for (const f of figures) for (const u of f.units) present.add(u.unit);
  return [...present].sort(compareUnits);
}

/** A quote counts while it is open; at 0 % it adds nothing (0 % = lost). */
function counts(quote: ForecastQuote): boolean {
  return isOpen(quote.status) && quote.probability !== 0;
}

/** Expected revenue and volume per decision month; quotes decided outside `months` are left out. */
export function forecastByMonth(quotes: readonly ForecastQuote[], months: readonly Month[]): ForecastTable {
  const [distinct, index] = monthIndex(months);
  const sums = distinct.map(zero);
  for (const quote of quotes) {
    if (!counts(quote)) continue;
    const i = index.get(quote.decisionMonth);
    if (i !== undefined) addWeighted(sums[i] as Exact, quote.amountCents, quote.units, quote.probability);
  }
  return table(distinct, sums);
}

/** The forecast per rep, rayon or product, each with every month of the range. */
export function forecastBy(
  quotes: readonly ForecastQuote[],
  months: readonly Month[],
  key: ForecastGroupKey,
): GroupedForecast {
  const [distinct, index] = monthIndex(months);
  const groups = new Map<GroupId | null, Exact[]>();
  const add = (group: GroupId | null, i: number, amountCents: Cents, units: readonly UnitQuantity[] | null, probability: number) => {
    let sums = groups.get(group);
    if (!sums) {
      sums = distinct.map(zero);
      groups.set(group, sums);
    }
    addWeighted(sums[i] as Exact, amountCents, units, probability);
  };
  for (const quote of quotes) {
    if (!counts(quote)) continue;
    const i = index.get(quote.decisionMonth);
    if (i === undefined) continue;
    if (key === "product" && quote.lines && quote.lines.length > 0) {
      for (const line of quote.lines) add(line.productId, i, line.amountCents, [{ unit: line.unit, units: line.units }], quote.probability);
    } else {
      const group = key === "rep" ? quote.repId : key === "rayon" ? quote.rayonId : quote.productId;
      add(group ?? null, i, quote.amountCents, quote.units, quote.probability);
    }
  }
  const total = zero();
  const result: ForecastGroup[] = [...groups.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([group, sums]) => {
    for (const sum of sums) addExact(total, sum);
    return { key: group, ...table(distinct, sums) };
  });
  return { groups: result, total: figures(total) };
}

/** The forecast from `from` to `to` (months, both included) in the CLI's JSON shape. */
export function forecastReport(quotes: readonly ForecastQuote[], from: Month, to: Month): ForecastReport {
  if (!isMonth(from) || !isMonth(to)) throw new RangeError(`expected months as YYYY-MM, got ${from} and ${to}`);
  const { rows, total } = forecastByMonth(quotes, monthRange(from, to));
  return {
    months: rows.map((row) => ({ month: row.month, units: shownUnits(row), revenue: row.revenue })),
    total: { units: shownUnits(total), revenue: total.revenue },
  };
}

// ---- History: the forecast as it stood on a past date ----

export type QuoteId = string | number;
export type QuoteChanges = Partial<ForecastQuote>;

/**
 * The change log of quotes. A quote exists from its "created" event (carrying its full state); each
 * "changed" event sets only the fields it names (null clears an optional id; units: null makes the
 * units unknown from then on, as events written before units were kept per unit do). `at` is the date the
 * change was recorded; events of one date apply in the order given.
 */
export type QuoteEvent =
  | { readonly kind: "created"; readonly quoteId: QuoteId; readonly at: IsoDate; readonly quote: ForecastQuote }
  | { readonly kind: "changed"; readonly quoteId: QuoteId; readonly at: IsoDate; readonly changes: QuoteChanges };

export type QuoteAsOf = ForecastQuote & { readonly quoteId: QuoteId };

/**
 * Every quote as it stood at the end of `date`, in order of creation. Changes to a quote not yet
 * created on that date are ignored: the quote did not exist then.
 */
export function quotesAsOf(events: readonly QuoteEvent[], date: IsoDate): QuoteAsOf[] {
  // Array.prototype.sort is stable, so same-date events keep their given order.
  const applicable = events.filter((event) => event.at <= date).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const state = new Map<QuoteId, QuoteAsOf>();
  for (const event of applicable) {
    if (event.kind === "created") {
      state.set(event.quoteId, { ...event.quote, quoteId: event.quoteId });
      continue;
    }
    const current = state.get(event.quoteId);
    if (!current) continue;
    const next: Record<string, unknown> = { ...current };
    for (const [field, value] of Object.entries(event.changes)) if (value !== undefined) next[field] = value;
    state.set(event.quoteId, { ...(next as unknown as ForecastQuote), quoteId: event.quoteId });
  }
  return [...state.values()];
}

/** The forecast per month as it stood at the end of `date`, to compare with what really happened. */
export function forecastAsOf(events: readonly QuoteEvent[], date: IsoDate, months: readonly Month[]): ForecastTable {
  return forecastByMonth(quotesAsOf(events, date), months);
}

// ---- helpers ----

function monthIndex(months: readonly Month[]): [Month[], Map<Month, number>] {
  const index = new Map<Month, number>();
  for (const month of months) if (!index.has(month)) index.set(month, index.size);
  return [[...index.keys()], index];
}

function table(months: readonly Month[], sums: readonly Exact[]): ForecastTable {
  const total = zero();
  const rows = months.map((month, i) => {
    const sum = sums[i] as Exact;
    addExact(total, sum);
    return { month, ...figures(sum) };
  });
  return { rows, total: figures(total) };
}

/** Numbers before strings, each in natural order; null (unassigned) last. */
function compareKeys(a: GroupId | null, b: GroupId | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a !== typeof b) return typeof a === "number" ? -1 : 1;
  return a < b ? -1 : 1;
}
