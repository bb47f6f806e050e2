// People plan in Europe/Amsterdam: "today" is the Amsterdam calendar date, whatever the server's zone.
const AMSTERDAM_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** YYYY-MM-DD of `instant` in Amsterdam. */
export function amsterdamDate(instant: Date): string {
  return AMSTERDAM_DATE.format(instant);
}

/** The UTC instant (ISO) at which the Amsterdam day `date` begins (23:00 or 22:00 UTC the day before). */
export function startOfAmsterdamDay(date: string): string {
  // Midnight in Amsterdam is 22:00 or 23:00 UTC the day before; take the later one that still is `date`.
  for (const hours of [-2, -1]) {
    const instant = new Date(`${date}T00:00:00.000Z`);
    instant.setUTCHours(hours);
    if (amsterdamDate(instant) === date) return instant.toISOString();
  }
  return `${date}T00:00:00.000Z`;
}
