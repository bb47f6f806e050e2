// Months ('YYYY-MM') and today as the company sees them: in Europe/Amsterdam, whatever the
// browser's time zone. Shown as "november 2026" (nl) or "November 2026" (en).
import { currentLanguage } from "../../i18n/index.js";

const AMSTERDAM_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in Amsterdam as 'YYYY-MM-DD' (en-CA formats dates in that order). */
export function todayInAmsterdam(now: Date = new Date()): string {
  return AMSTERDAM_DAY.format(now);
}

export function currentMonth(now: Date = new Date()): string {
  return todayInAmsterdam(now).slice(0, 7);
}

export function isMonthText(value: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** "2026-11" → "november 2026" / "November 2026"; "nov 2026" when short. */
export function formatMonth(month: string | null | undefined, style: "long" | "short" = "long"): string {
  if (!month) return "";
  if (!isMonthText(month)) return month;
  const [y, m] = month.split("-").map(Number) as [number, number];
  const locale = currentLanguage() === "en" ? "en-GB" : "nl-NL";
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: style, year: "numeric" }).format(new Date(Date.UTC(y, m - 1, 1)));
}
