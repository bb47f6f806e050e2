// ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday), as reports group by them:
// "2026-W01". 29 Dec 2025 is in 2026-W01; 1 Jan 2027 is in 2026-W53.
import type { IsoDate } from "./calendar.js";

export type IsoWeek = string;

export function isoWeekOf(date: IsoDate): IsoWeek {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // The Thursday of this week decides the year.
  const thursday = new Date(Date.UTC(y, m - 1, d - weekday + 3));
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  const week1Monday = Date.UTC(year, 0, 4 - firstWeekday);
  const week = Math.floor((thursday.getTime() - week1Monday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Every ISO week touched by the dates from `from` to `to` (both included), in order. */
export function isoWeeksBetween(from: IsoDate, to: IsoDate): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  for (let t = Date.UTC(y, m - 1, d); ; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (date > to) break;
    const w = isoWeekOf(date);
    if (weeks.at(-1) !== w) weeks.push(w);
  }
  return weeks;
}
