// "It pays to prepare" (DOMAIN.md, discount): half a percent less discount over a year's revenue,
// set against the hours of preparation at the salesperson's cost. Integer cents and basis points
// in, integer cents out (rounded half up); pure.

/** Half a percent, in basis points (1 bp = 0.01 %). */
export const DISCOUNT_STEP_BP = 50;

export interface PaybackInput {
  /** Revenue of the relation over a year, cents. */
  yearRevenueCents: number;
  /** Time the rep spends preparing one visit, minutes. */
  preparationMinutes: number;
  /** What an hour of the rep costs the company, cents. */
  hourlyCostCents: number;
}

export interface Payback {
  /** What half a percent less discount on that revenue keeps, cents a year. */
  gainCents: number;
  /** What the preparation costs, cents. */
  preparationCostCents: number;
  /** How many times the preparation pays for itself, rounded down; null when it costs nothing. */
  times: number | null;
}

/** a × b / c in integers, rounded half up (a, b, c ≥ 0; the products stay far below 2^53). */
function mulDiv(a: number, b: number, c: number): number {
  return Math.floor((a * b * 2 + c) / (c * 2));
}

export function preparationPayback(input: PaybackInput): Payback {
  const gainCents = mulDiv(Math.max(0, input.yearRevenueCents), DISCOUNT_STEP_BP, 10_000);
  const preparationCostCents = mulDiv(Math.max(0, input.preparationMinutes), Math.max(0, input.hourlyCostCents), 60);
  return { gainCents, preparationCostCents, times: preparationCostCents === 0 ? null : Math.floor(gainCents / preparationCostCents) };
}

/** Defaults until the company sets its own: an hour of preparation at € 65 an hour. */
export const DEFAULT_PREPARATION_MINUTES = 60;
export const DEFAULT_HOURLY_COST_CENTS = 6_500;
