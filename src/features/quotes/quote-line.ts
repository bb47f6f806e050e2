// Arithmetic of a quote line, exact in integers: quantity in thousandths of a unit, prices in cents,
// discount in basis points. amount = quantity × unit price × (1 − discount), rounded once to a cent,
// half away from zero.
import type { Cents } from "../../domain/money.js";
import { err, ok, type Result } from "../../domain/result.js";

/** Quantities are kept to 3 decimals (12.5 m², 0.25 uur). */
export const QUANTITY_SCALE = 1000;
const MAX_QUANTITY = 1e9;
const FULL_DISCOUNT_BP = 10_000;

/** A quantity as thousandths; more than 3 decimals or not positive is an error. */
export function quantityToMilli(quantity: number): Result<number> {
  if (!Number.isFinite(quantity) || quantity <= 0 || quantity > MAX_QUANTITY) {
    return err(`expected a quantity above 0 and at most ${MAX_QUANTITY}, got ${quantity}`);
  }
  const milli = Math.round(quantity * QUANTITY_SCALE);
  // 12.345 × 1000 is 12344.999…: allow binary noise, not a fourth decimal.
  if (Math.abs(milli - quantity * QUANTITY_SCALE) > 1e-6 * Math.max(1, quantity)) return err(`expected at most 3 decimals, got ${quantity}`);
  return ok(milli);
}

export function milliToQuantity(milli: number): number {
  return milli / QUANTITY_SCALE;
}

/** A discount percentage (0–100, at most 2 decimals) as basis points: 2.5 → 250. */
export function percentToBasisPoints(percent: number): Result<number> {
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent < 0 || percent > 100 || Math.abs(bp - percent * 100) > 1e-6) {
    return err(`expected a discount from 0 to 100 % with at most 2 decimals, got ${percent}`);
  }
  return ok(bp);
}

function divRoundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  const q = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
  return n < 0n ? -q : q;
}

/** quantity × unit price × (1 − discount), in cents, rounded half away from zero. */
export function lineAmountCents(quantityMilli: number, unitPriceCents: Cents, discountBp: number): Cents {
  if (discountBp < 0 || discountBp > FULL_DISCOUNT_BP) throw new RangeError(`discount must be 0–10000 basis points, got ${discountBp}`);
  const exact = BigInt(quantityMilli) * BigInt(unitPriceCents) * BigInt(FULL_DISCOUNT_BP - discountBp);
  return Number(divRoundHalfAwayFromZero(exact, BigInt(QUANTITY_SCALE * FULL_DISCOUNT_BP)));
}

/** The unit price that makes `quantity × price ≈ amount` for imported lines that give only an amount. */
export function unitPriceOf(amountCents: Cents, quantityMilli: number): Cents {
  return Number(divRoundHalfAwayFromZero(BigInt(amountCents) * BigInt(QUANTITY_SCALE), BigInt(quantityMilli)));
}
