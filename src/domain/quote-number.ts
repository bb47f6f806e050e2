// Quote numbers with a revision: "OV87-3" is quote 87, third revision. A revision is a new version of
// the same proposal (new price, new lines); the earlier revisions stay as history.

import { err, ok, type Result } from "./result.js";

export interface QuoteNumber {
  /** The quote's own number, the same for all its revisions (≥ 1). */
  readonly base: number;
  /** 1 for the first version, 2 for the first revision, … */
  readonly revision: number;
}

const PREFIX = "OV";
// Both parts are stored in integer columns (PostgreSQL `integer`).
const MAX_PART = 2_147_483_647;
// "OV87-3", "ov 87 - 3", "OV-87", "OV.87", "87", "87-3"; the prefix is optional because spreadsheets
// often keep only the number.
const PATTERN = /^(?:ov[\s.-]*)?(\d+)(?:\s*-\s*(\d+))?$/i;

/** Reads a quote number as written by people; revision 1 when none is given. */
export function parseQuoteNumber(text: string): Result<QuoteNumber> {
  const trimmed = text.trim();
  const match = PATTERN.exec(trimmed);
  if (!match) return err(`expected a quote number like OV87-3, OV87 or 87, got "${trimmed}"`);
  const base = Number(match[1]);
  const revision = match[2] === undefined ? 1 : Number(match[2]);
  if (base < 1 || base > MAX_PART) return err(`quote number must be between 1 and ${MAX_PART}, got ${match[1]}`);
  if (revision < 1 || revision > MAX_PART) {
    return err(`revision must be between 1 and ${MAX_PART}, got ${match[2] ?? ""}`);
  }
  return ok({ base, revision });
}

/** Always writes the revision, so "OV87-1" cannot be mistaken for a number without one. */
export function formatQuoteNumber(number: QuoteNumber): string {
  return `${PREFIX}${number.base}-${number.revision}`;
}

export function nextRevision(number: QuoteNumber): QuoteNumber {
  return { base: number.base, revision: number.revision + 1 };
}

/** Orders by base number, then revision: OV9-2 < OV87-1 < OV87-3. */
export function compareQuoteNumbers(a: QuoteNumber, b: QuoteNumber): number {
  return a.base - b.base || a.revision - b.revision;
}

/** The latest revision of every quote, in order of first appearance of its base number. */
export function latestRevisions<T extends { readonly quoteNumber: QuoteNumber }>(items: readonly T[]): T[] {
  const latest = new Map<number, T>();
  for (const item of items) {
    const seen = latest.get(item.quoteNumber.base);
    if (!seen || item.quoteNumber.revision > seen.quoteNumber.revision) latest.set(item.quoteNumber.base, item);
  }
  return [...latest.values()];
}
