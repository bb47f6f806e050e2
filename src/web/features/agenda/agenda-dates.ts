// Dates of the agenda as a Dutch user plans them: on the Amsterdam clock whatever the browser's zone,
// weeks from Monday, days and months by their names in the UI language. Instants travel as UTC ISO.
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { currentLanguage } from "../../i18n/index.js";

dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = "Europe/Amsterdam";

/** The UTC instant (ISO) of Amsterdam wall-clock `time` ("HH:MM") on `date` ("YYYY-MM-DD"). */
export function amsterdamToInstant(date: string, time: string): string {
  return dayjs.tz(`${date} ${time}`, "YYYY-MM-DD HH:mm", ZONE).toISOString();
}

/** An instant as the Amsterdam wall clock writes it, in the shape of a date/time field: "2026-11-27T09:30". */
export function amsterdamLocal(instant: Date): string {
  return dayjs(instant).tz(ZONE).format("YYYY-MM-DDTHH:mm");
}

/** Today's date in Amsterdam. */
export function todayInAmsterdam(now = new Date()): string {
  return dayjs(now).tz(ZONE).format("YYYY-MM-DD");
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The Monday of the week of `date` (ISO weeks, as Dutch calendars show them). */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // 0 = Monday
  return addDays(date, -weekday);
}

export function isIsoDate(value: string | null | undefined): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

function locale(): string {
  return currentLanguage() === "en" ? "en-GB" : "nl-NL";
}

function utcDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "woensdag 2 december 2026" */
export function longDay(date: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(utcDate(date));
}

/** "Woensdag 2 december 2026": a heading starts with a capital, Dutch month names stay lower case. */
export function longDayHeading(date: string): string {
  const text = longDay(date);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "wo 2 dec." — a column head of the week view. */
export function shortDay(date: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(utcDate(date));
}

/** "december 2026" */
export function monthName(date: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: "UTC", month: "long", year: "numeric" }).format(utcDate(date));
}

/** "02-12-2026" (nl) — dd-mm-jjjj. */
export function numericDate(date: string): string {
  const [y, m, d] = date.split("-");
  return currentLanguage() === "en" ? `${d}/${m}/${y}` : `${d}-${m}-${y}`;
}
