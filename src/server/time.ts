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

const AMSTERDAM_CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "HH:MM" of `instant` on the Amsterdam clock. */
export function amsterdamTime(instant: Date): string {
  return AMSTERDAM_CLOCK.format(instant);
}

/**
 * The UTC instant of Amsterdam wall-clock `time` ("HH:MM") on `date`; null for a time that does not
 * exist (the hour skipped when summer time starts). In the hour repeated in autumn the first is taken.
 */
export function amsterdamInstant(date: string, time: string): Date | null {
  // Amsterdam is UTC+1 or UTC+2: try both offsets, keep the one whose Amsterdam reading matches.
  for (const offsetHours of [2, 1]) {
    const instant = new Date(`${date}T${time}:00.000Z`);
    if (Number.isNaN(instant.getTime())) return null;
    instant.setUTCHours(instant.getUTCHours() - offsetHours);
    if (amsterdamDate(instant) === date && amsterdamTime(instant) === time) return instant;
  }
  return null;
}
