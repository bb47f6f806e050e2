// Periods of the sales information system. Months are keys yyyymm (202511) in the figures; the API
// speaks 'YYYY-MM'. The standard periods are relative to an "as of" month: the last 12 months up to
// and including it, the 12 before those, the year to date and the same months a year earlier.
import type { Month } from "./calendar.js";

export type MonthKey = number;

export const monthKey = (month: Month): MonthKey => Number(month.slice(0, 4)) * 100 + Number(month.slice(5, 7));
export const monthOfKey = (key: MonthKey): Month => `${Math.floor(key / 100)}-${String(key % 100).padStart(2, "0")}`;
export const monthKeyOfDate = (date: string): MonthKey => Number(date.slice(0, 4)) * 100 + Number(date.slice(5, 7));

/** The month key `n` months after `key` (n may be negative). */
export function addMonthKeys(key: MonthKey, n: number): MonthKey {
  const index = Math.floor(key / 100) * 12 + (key % 100) - 1 + n;
  return Math.floor(index / 12) * 100 + (index % 12) + 1;
}

/** Months from `a` to `b`, both included (0 when b is before a). */
export function monthsBetween(a: MonthKey, b: MonthKey): number {
  const ia = Math.floor(a / 100) * 12 + (a % 100);
  const ib = Math.floor(b / 100) * 12 + (b % 100);
  return Math.max(0, ib - ia + 1);
}

/** 20253 for the third quarter of 2025. */
export const quarterKey = (key: MonthKey): number => Math.floor(key / 100) * 10 + Math.floor(((key % 100) - 1) / 3) + 1;
export const quarterLabel = (q: number): string => `${Math.floor(q / 10)}-Q${q % 10}`;

export const STANDARD_PERIODS = ["last12", "previous12", "ytd", "lastYtd"] as const;
export type StandardPeriod = (typeof STANDARD_PERIODS)[number];

export interface MonthWindow {
  from: MonthKey;
  to: MonthKey;
}

/** The window of each standard period as of month `asOf`. */
export function standardWindow(period: StandardPeriod, asOf: MonthKey): MonthWindow {
  const year = Math.floor(asOf / 100);
  switch (period) {
    case "last12":
      return { from: addMonthKeys(asOf, -11), to: asOf };
    case "previous12":
      return { from: addMonthKeys(asOf, -23), to: addMonthKeys(asOf, -12) };
    case "ytd":
      return { from: year * 100 + 1, to: asOf };
    case "lastYtd":
      return { from: (year - 1) * 100 + 1, to: addMonthKeys(asOf, -12) };
  }
}

/** The standard period a window is, as of `asOf`, if it is one. */
export function standardPeriodOf(window: MonthWindow, asOf: MonthKey): StandardPeriod | null {
  for (const p of STANDARD_PERIODS) {
    const w = standardWindow(p, asOf);
    if (w.from === window.from && w.to === window.to) return p;
  }
  return null;
}

/** The same window a year earlier (for "compared with last year"). */
export const yearBefore = (w: MonthWindow): MonthWindow => ({ from: w.from - 100, to: w.to - 100 });
