// Numbers, money and dates as a Dutch user expects them. Amounts travel as integer cents; only
// here, at the point of display, are they shown in euros.
import { currentLanguage } from "./index.js";

const money = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });

/** 1234550 → "€ 12.345,50" (always nl-NL: the company's figures are Dutch). */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  // Division is exact enough here: display only, and two decimals are shown.
  return money.format(cents / 100);
}

function dateLocale(): string {
  return currentLanguage() === "en" ? "en-GB" : "nl-NL";
}

/** "2026-11-27" → "27-11-2026" (nl) or "27/11/2026" (en); calendar dates have no time zone. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(dateLocale(), { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
}

/** An instant (ISO string) in Amsterdam time: "27-11-2026 09:00". */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(), {
    timeZone: "Europe/Amsterdam",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** 12000 → "12.000" in the UI language. */
export function formatCount(count: number): string {
  return new Intl.NumberFormat(currentLanguage() === "en" ? "en-GB" : "nl-NL").format(count);
}

/** A distance in metres as a person reads it: 300 → "300 m", 2500 → "2,5 km" (nl). */
export function formatMetres(metres: number): string {
  const locale = currentLanguage() === "en" ? "en-GB" : "nl-NL";
  if (metres < 1000) return `${new Intl.NumberFormat(locale).format(Math.round(metres))} m`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(metres / 1000)} km`;
}
