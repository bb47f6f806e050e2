// Calendar dates (YYYY-MM-DD) for the report filters, computed without time zones.
/** Today in Amsterdam. */
export function amsterdamToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The Monday of the ISO week `weeksBack` weeks before the week of `iso`. */
export function mondayWeeksBack(iso: string, weeksBack: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  return addDays(iso, -weekday - 7 * weeksBack);
}

export const isIsoDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
