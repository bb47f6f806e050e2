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
