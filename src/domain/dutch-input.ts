// Spreadsheet cells as Dutch (and English) sales people type them, for the quote import. Every parser
// returns a Result whose error names what was expected; the importer adds the row and column.
//
// Number notation. Dutch writes 4.630,50; English writes 4,630.50. The rule:
// - both "." and "," present: the last one is the decimal separator, the other groups thousands
//   ("1.234,56" and "1,234.56"); groups must be 3 digits ("1.234.5,6" is an error);
// - only commas: one comma is the Dutch decimal comma ("4630,5", "12,345" = 12.345); several commas
//   group thousands ("1,234,567");
// - only dots: several dots group thousands ("1.234.567"); a single dot followed by exactly three
//   digits after 1–3 leading digits (not starting with 0) is a Dutch thousands dot ("4.630" = 4630),
//   otherwise it is a decimal point ("4630.50", "12.5", "0.125", "1234.567").
// Numbers are read as digit strings, so no binary fraction ever enters an amount.

import { type IsoDate, type Month, isIsoDate, monthOf } from "./calendar.js";
import type { Cents } from "./money.js";
import { err, ok, type Result } from "./result.js";

interface Decimal {
  readonly negative: boolean;
  /** Integer digits without leading zeros ("0" for none). */
  readonly whole: string;
  /** Digits after the decimal separator; empty when there was none. */
  readonly fraction: string;
}

const GROUPED = (separator: string) => new RegExp(`^[1-9]\\d{0,2}(?:\\${separator}\\d{3})+$`);

function readDecimal(text: string): Result<Decimal> {
  let body = text.replace(/\s/g, "").replace(/[\u2212\u2013]/g, "-");
  let negative = false;
  if (body.startsWith("-") || body.startsWith("+")) {
    negative = body.startsWith("-");
    body = body.slice(1);
  }
  body = body.replace(/,[-\u2013\u2014]+$/, ""); // "25,-" is 25 whole euros
  if (!/^[\d.,]*\d[\d.,]*$/.test(body)) return err("not a number");
  const lastDot = body.lastIndexOf(".");
  const lastComma = body.lastIndexOf(",");
  let integer = body;
  let fraction = "";
  let thousands: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    integer = body.slice(0, decimalAt);
    fraction = body.slice(decimalAt + 1);
    thousands = lastDot > lastComma ? "," : ".";
  } else if (lastComma >= 0 || lastDot >= 0) {
    const separator = lastComma >= 0 ? "," : ".";
    const parts = body.split(separator);
    const dutchThousandsDot = separator === "." && parts.length === 2 && GROUPED(".").test(body);
    if (parts.length > 2 || dutchThousandsDot) thousands = separator;
    else [integer, fraction] = parts as [string, string];
  }
  if (thousands !== null && integer.includes(thousands)) {
    if (!GROUPED(thousands).test(integer)) return err("thousands separators in the wrong place or mixed notation");
    integer = integer.split(thousands).join("");
  }
  if (!/^\d*$/.test(integer) || !/^\d*$/.test(fraction)) return err("mixed notation or more than one decimal separator");
  if (body.endsWith(".") || body.endsWith(",")) return err("nothing after the decimal separator");
  return ok({ negative, whole: integer.replace(/^0+/, "") || "0", fraction });
}

const AMOUNT_EXAMPLES = "such as 4.630,50, 4630,5, € 4.630 or 4630.50";
// 13 integer digits of euros keep cents within Number.MAX_SAFE_INTEGER.
const MAX_EURO_DIGITS = 13;

/** An amount in euros → cents: "4.630,50" → 463050, "€ -12,50" → -1250, "25,-" → 2500. */
export function parseAmount(text: string): Result<Cents> {
  const cleaned = text.trim().replace(/€/g, "").replace(/^eur|eur$/gi, "");
  const decimal = readDecimal(cleaned);
  if (!decimal.ok) return err(`expected an amount ${AMOUNT_EXAMPLES}, got "${text.trim()}": ${decimal.error}`);
  const { negative, whole, fraction } = decimal.value;
  // No trailing-zero leniency: "1,000" is 1 euro in Dutch but 1000 in English, so it is refused.
  if (fraction.length > 2) {
    return err(
      `expected an amount with at most two decimals (cents) ${AMOUNT_EXAMPLES}, got "${text.trim()}" ` +
        "(a lone comma is the decimal separator; write 1.000 for a thousand)",
    );
  }
  if (whole.length > MAX_EURO_DIGITS) return err(`amount too large: "${text.trim()}"`);
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return ok(negative && cents !== 0 ? -cents : cents);
}

/** Cents in Dutch notation, the inverse of parseAmount: 463050 → "4.630,50". */
export function formatDutchAmount(cents: Cents): string {
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ".");
  return `${cents < 0 ? "-" : ""}${euros},${String(abs % 100).padStart(2, "0")}`;
}

/** A quantity: "12", "12,5", "1.200" (Dutch thousands) → 1200, "0.125". */
export function parseQuantity(text: string): Result<number> {
  const decimal = readDecimal(text);
  if (!decimal.ok) return err(`expected a quantity such as 12, 12,5 or 1.200, got "${text.trim()}": ${decimal.error}`);
  const { negative, whole, fraction } = decimal.value;
  const value = Number(`${whole}.${fraction || "0"}`);
  return ok(negative && value !== 0 ? -value : value);
}

/**
 * A quantity in thousandths of a unit, exactly (from the digit strings, never through a float):
 * "12" → 12000, "12,5" → 12500, "1.200" → 1200000, "-3" → -3000. More than three decimals is refused.
 */
export function parseQuantityMilli(text: string): Result<number> {
  const decimal = readDecimal(text);
  if (!decimal.ok) return err(`expected a quantity such as 12, 12,5 or 1.200, got "${text.trim()}": ${decimal.error}`);
  const { negative, whole, fraction } = decimal.value;
  if (fraction.length > 3 && /[1-9]/.test(fraction.slice(3))) return err(`expected a quantity with at most three decimals, got "${text.trim()}"`);
  if (whole.length > 12) return err(`quantity too large: "${text.trim()}"`);
  const milli = Number(whole) * 1000 + Number(fraction.slice(0, 3).padEnd(3, "0"));
  return ok(negative && milli !== 0 ? -milli : milli);
}

/** Which decimal separator an amount or quantity uses, when its text says so unambiguously. */
export function decimalSeparatorOf(text: string): "," | "." | null {
  const t = text.trim();
  const lastDot = t.lastIndexOf(".");
  const lastComma = t.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? "." : ",";
  // "12,50" is Dutch; "12.50" English; "1.200" or "1,200" could be either (thousands).
  if (lastComma >= 0 && !/^[-+]?\d{1,3}(,\d{3})+$/.test(t)) return ",";
  if (lastDot >= 0 && !/^[-+]?\d{1,3}(\.\d{3})+$/.test(t)) return ".";
  return null;
}

/**
 * A win probability as a whole percent: "35%", "35 %", "35" → 35. A number with decimals that is at
 * most 1 and has no % sign is a fraction, as spreadsheets store percentages: "0,35" → 35, "1,0" → 100;
 * "1" stays 1 %. Decimals of a percent are rounded half away from zero ("33,3%" → 33).
 */
export function parsePercentage(text: string): Result<number> {
  const trimmed = text.trim();
  const expected = `expected a percentage from 0 to 100 such as 35%, 35 or 0,35, got "${trimmed}"`;
  const hasSign = trimmed.endsWith("%");
  const decimal = readDecimal(hasSign ? trimmed.slice(0, -1) : trimmed);
  if (!decimal.ok) return err(expected);
  const { negative, whole, fraction } = decimal.value;
  const isFraction = !hasSign && fraction !== "" && (whole === "0" || (whole === "1" && !/[1-9]/.test(fraction)));
  // Shift the decimal point two places for a fraction, on the digit strings, then round once.
  const digits = isFraction ? `${whole}${fraction.padEnd(2, "0")}` : `${whole}${fraction}`;
  const pointAt = isFraction ? whole.length + 2 : whole.length;
  const percent = Number(digits.slice(0, pointAt)) + (Number(digits[pointAt] ?? "0") >= 5 ? 1 : 0);
  if ((negative && percent !== 0) || percent > 100) return err(expected);
  return ok(percent);
}

// ---- Months and decisions ----

const MONTH_NAMES: ReadonlyMap<string, number> = new Map(
  [
    ["jan", "januari", "january"],
    ["feb", "febr", "februari", "february"],
    ["mrt", "maart", "mar", "march"],
    ["apr", "april"],
    ["mei", "may"],
    ["jun", "juni", "june"],
    ["jul", "juli", "july"],
    ["aug", "augustus", "august"],
    ["sep", "sept", "september"],
    ["okt", "oktober", "oct", "october"],
    ["nov", "november"],
    ["dec", "december"],
  ].flatMap((names, i) => names.map((name): [string, number] => [name, i + 1])),
);

const LOST_MARKERS = new Set(["verloren", "lost"]);

const MONTH_EXAMPLES =
  'such as "mei", "mei 2027", "mrt-27", "05-2027", "2027-05" or a date such as "15-03-2027" or "2027-03-15"';

const month = (year: number, m: number): Month => `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
const fullYear = (digits: string): number => (digits.length === 2 ? 2000 + Number(digits) : Number(digits));

function dateMonth(year: number, m: number, day: number): Month | null {
  const date = `${month(year, m)}-${String(day).padStart(2, "0")}`;
  return isIsoDate(date) ? monthOf(date) : null;
}

/**
 * A month as written in a decision column. A month name without a year is the first such month on
 * or after the reference date `asOf` (asOf 2026-11-27: "nov" → 2026-11, "okt" → 2027-10). Numeric
 * dates are day-month-year (Dutch), or ISO year-month-day. Two-digit years are 20xx.
 */
export function parseMonth(text: string, asOf: IsoDate): Result<Month> {
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a date YYYY-MM-DD, got ${asOf}`);
  const s = text.trim().toLowerCase().replace(/\s+/g, " ");
  for (const [pattern, read] of MONTH_FORMS) {
    const match = pattern.exec(s);
    if (!match) continue;
    const found = read(match.slice(1) as (string | undefined)[], asOf);
    if (found !== null) return ok(found);
    break;
  }
  return err(`expected a month ${MONTH_EXAMPLES}, got "${text.trim()}"`);
}

const num = (digits: string | undefined): number => Number(digits);

/** Each form's captured groups → the month, or null when the values are impossible. */
const MONTH_FORMS: readonly (readonly [RegExp, (g: (string | undefined)[], asOf: IsoDate) => Month | null])[] = [
  // 2027-03-15
  [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, ([y, m, d]) => dateMonth(num(y), num(m), num(d))],
  // 15-03-2027, 15/3/2027, 15.3.27 (day first, never the American month first)
  [/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/, ([d, m, y]) => dateMonth(fullYear(y ?? ""), num(m), num(d))],
  // 2027-05
  [/^(\d{4})[-/.](\d{1,2})$/, ([y, m]) => numericMonth(num(y), num(m))],
  // 05-2027
  [/^(\d{1,2})[-/.](\d{4})$/, ([m, y]) => numericMonth(num(y), num(m))],
  // mei, okt., mei 2027, mrt-27, mar '27, 15 maart 2027
  [/^(?:(\d{1,2}) ?)?([a-z]+)\.?(?:[ \-/']*(\d{4}|\d{2}))?$/, ([day, name, y], asOf) => namedMonth(day, name, y, asOf)],
];

function numericMonth(year: number, m: number): Month | null {
  return m >= 1 && m <= 12 ? month(year, m) : null;
}

function namedMonth(day: string | undefined, name: string | undefined, y: string | undefined, asOf: IsoDate): Month | null {
  const n = MONTH_NAMES.get(name ?? "");
  if (n === undefined) return null;
  if (y !== undefined) return day === undefined ? month(fullYear(y), n) : dateMonth(fullYear(y), n, num(day));
  if (day !== undefined) return null; // "15 mrt" without a year names a day, not a month
  const [year, current] = monthOf(asOf).split("-").map(Number) as [number, number];
  return month(n >= current ? year : year + 1, n);
}

/** "verloren" or "lost" (any case) marks a lost quote in the decision or chance column. */
export function isLostMarker(text: string): boolean {
  return LOST_MARKERS.has(text.trim().toLowerCase());
}

export type Decision =
  | { readonly kind: "lost" }
  /** `inPast`: the month lies before asOf's month — accepted, but the quote is stale. */
  | { readonly kind: "month"; readonly month: Month; readonly inPast: boolean };

/** The decision column: a lost marker or a decision month (see parseMonth). */
export function parseDecision(text: string, asOf: IsoDate): Result<Decision> {
  if (isLostMarker(text)) return ok({ kind: "lost" });
  const parsed = parseMonth(text, asOf);
  if (!parsed.ok) return err(`${parsed.error} or "verloren"/"lost"`);
  return ok({ kind: "month", month: parsed.value, inPast: parsed.value < monthOf(asOf) });
}
