// VAT (btw) on a quote. The Netherlands has three rates: the general rate (hoog, 21 %), the reduced
// rate (laag, 9 %) and zero (0 %). A product carries its category, not a number, so a change of the
// law is one change in the company settings. Rates are basis points: 2100 = 21 %.
//
// Rounding: VAT is computed once per rate over the sum of the line amounts of that rate (the amounts
// excluding VAT, already whole cents), and rounded half away from zero to a whole cent. This is the
// rule of the Dutch tax office for an invoice (rounding per rate on the total, not per line), so the
// VAT shown can be checked as subtotal × rate. The total including VAT is the sum of the rounded parts.
import type { Cents } from "./money.js";
import { err, ok, type Result } from "./result.js";

export type VatCategory = "high" | "low" | "zero";
export const VAT_CATEGORIES: readonly VatCategory[] = ["high", "low", "zero"];

/** The rate of each category, in basis points (0–10000). */
export type VatRates = Readonly<Record<VatCategory, number>>;
export const DEFAULT_VAT_RATES: VatRates = { high: 2100, low: 900, zero: 0 };
export const DEFAULT_VAT_CATEGORY: VatCategory = "high";

export function isVatCategory(value: unknown): value is VatCategory {
  return value === "high" || value === "low" || value === "zero";
}

export interface VatLine {
  /** The line amount excluding VAT, in cents. */
  amountCents: Cents;
  rateBasisPoints: number;
}

export interface VatGroup {
  rateBasisPoints: number;
  /** Σ line amounts excluding VAT at this rate. */
  baseCents: Cents;
  vatCents: Cents;
}

export interface VatTotals {
  /** One group per rate that occurs, highest rate first. */
  groups: VatGroup[];
  subtotalCents: Cents;
  vatCents: Cents;
  totalCents: Cents;
}

const BP = 10_000n;

/** base × rate / 10000, rounded half away from zero, exact in BigInt (amounts up to 10^12 cents). */
export function vatOf(baseCents: Cents, rateBasisPoints: number): Cents {
  if (!Number.isInteger(rateBasisPoints) || rateBasisPoints < 0 || rateBasisPoints > 10_000) {
    throw new RangeError(`a VAT rate is 0–10000 basis points, got ${rateBasisPoints}`);
  }
  const n = BigInt(baseCents) * BigInt(rateBasisPoints);
  const abs = n < 0n ? -n : n;
  const q = (abs * 2n + BP) / (2n * BP);
  return Number(n < 0n ? -q : q);
}

export function vatTotals(lines: readonly VatLine[]): VatTotals {
  const bases = new Map<number, number>();
  for (const l of lines) bases.set(l.rateBasisPoints, (bases.get(l.rateBasisPoints) ?? 0) + l.amountCents);
  const groups = [...bases.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([rateBasisPoints, baseCents]) => ({ rateBasisPoints, baseCents, vatCents: vatOf(baseCents, rateBasisPoints) }));
  const subtotalCents = groups.reduce((s, g) => s + g.baseCents, 0);
  const vatCents = groups.reduce((s, g) => s + g.vatCents, 0);
  return { groups, subtotalCents, vatCents, totalCents: subtotalCents + vatCents };
}

/**
 * A VAT category as people write it in a spreadsheet: "hoog", "laag", "nul" (or high, low, zero), or
 * the rate itself ("21", "21 %", "9%", "0"), matched against the company's rates.
 */
export function parseVatCategory(text: string, rates: VatRates = DEFAULT_VAT_RATES): Result<VatCategory> {
  const t = text.trim().toLowerCase();
  const named: Record<string, VatCategory> = { hoog: "high", high: "high", laag: "low", low: "low", nul: "zero", zero: "zero", vrij: "zero" };
  if (named[t]) return ok(named[t]);
  const m = /^(\d{1,3}(?:[.,]\d{1,2})?)\s*%?$/.exec(t);
  if (m) {
    const bp = Math.round(Number((m[1] as string).replace(",", ".")) * 100);
    const found = VAT_CATEGORIES.find((c) => rates[c] === bp);
    if (found) return ok(found);
  }
  return err(`expected a VAT rate such as hoog, laag, nul or ${VAT_CATEGORIES.map((c) => `${rates[c] / 100}%`).join(", ")}, got "${text}"`);
}
