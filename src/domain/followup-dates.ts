// Due dates of follow-ups (vervolgacties): "call again in six months" becomes a calendar date. Quick
// choices count from a date in Europe/Amsterdam that the caller passes in (no clock is read here).
import { addDays, type IsoDate } from "./calendar.js";

export const QUICK_CHOICES = ["1w", "2w", "1m", "3m", "6m", "1y"] as const;
export type QuickChoice = (typeof QUICK_CHOICES)[number];

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/**
 * The same day `n` months later, clamped to the end of a shorter month: 31 Jan + 1 month = 28 Feb
 * (29 Feb in a leap year), 31 Aug + 1 month = 30 Sep. Never spills into the month after.
 */
export function addMonthsClamped(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month1 = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month1));
  return `${String(year).padStart(4, "0")}-${String(month1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The due date of a quick choice counted from `from` (normally today or the contact moment's date). */
export function quickDueDate(from: IsoDate, choice: QuickChoice): IsoDate {
  switch (choice) {
    case "1w":
      return addDays(from, 7);
    case "2w":
      return addDays(from, 14);
    case "1m":
      return addMonthsClamped(from, 1);
    case "3m":
      return addMonthsClamped(from, 3);
    case "6m":
      return addMonthsClamped(from, 6);
    case "1y":
      return addMonthsClamped(from, 12);
  }
}

/** All quick choices from `from`, in the order the date picker shows them. */
export function quickDueDates(from: IsoDate): { choice: QuickChoice; date: IsoDate }[] {
  return QUICK_CHOICES.map((choice) => ({ choice, date: quickDueDate(from, choice) }));
}

export type FollowUpTiming = "overdue" | "today" | "upcoming" | "done";

/** Where an open follow-up stands on `today`: overdue before, due on, upcoming after its date. */
export function followUpTiming(dueDate: IsoDate, done: boolean, today: IsoDate): FollowUpTiming {
  if (done) return "done";
  if (dueDate < today) return "overdue";
  return dueDate === today ? "today" : "upcoming";
}
