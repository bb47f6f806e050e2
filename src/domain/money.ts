// Money is integer cents everywhere; rounding happens once, where an amount is shown or exported.

/** An amount in euro cents (integer). */
export type Cents = number & { readonly __unit?: "cents" };

/** Rounds half away from zero (2.5 → 3, -2.5 → -3), the commercial rule for amounts. */
export function roundHalfAwayFromZero(value: number): number {
  const rounded = Math.round(Math.abs(value));
  // Math.round on |x| rounds .5 up, i.e. away from zero once the sign is put back.
  return value < 0 ? -rounded : rounded;
}

/** Cents as euros with two decimals, for exports: 463050 → 4630.5. */
export function centsToEuros(cents: Cents): number {
  return roundHalfAwayFromZero(cents) / 100;
}

/** Whole-cent integer check for amounts coming in from outside. */
export function isCents(value: unknown): value is Cents {
  return typeof value === "number" && Number.isSafeInteger(value);
}
