// The agenda's rules (issue 9): visit types, places, and the checks on a planned appointment.
// Times come in as plain data: instants as epoch milliseconds, Amsterdam wall-clock times as
// minutes since midnight. No clock is read here; the server converts (server/time.ts).

/** DOMAIN.md's kinds of visit; the preparation sheet and its objectives hang off this later. */
export const VISIT_TYPES = [
  "first_visit",
  "follow_up",
  "demo_expert",
  "demo_layman",
  "quote_discussion",
  "closing",
  "after_sales",
] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

/** Where it takes place: the relation's visiting address, its postal address, or a text typed in. */
export const PLACE_KINDS = ["visit_address", "postal_address", "other"] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const APPOINTMENT_STATUSES = ["planned", "cancelled"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Minutes: an appointment lasts at least 5 minutes and at most 12 hours (a full field day). */
export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 12 * 60;
/** How far from today an appointment may lie: a typo in the year is caught, a year ahead is not. */
export const MAX_DAYS_AHEAD = 2 * 366;
export const MAX_DAYS_BACK = 366;

export interface Interval {
  /** Epoch milliseconds, start inclusive, end exclusive. */
  readonly startMs: number;
  readonly endMs: number;
}

/** Two appointments overlap when one starts before the other ends; touching (10:00–11:00, 11:00–12:00) is fine. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startMs < b.endMs && b.startMs < a.endMs;
}

/**
 * The overlap policy of Koers, one for every way an appointment gets its time: planned or moved in
 * the agenda, made by accepting a cycle plan, moved by accepting a day's route. Another planned
 * appointment of the same person that overlaps (see `overlaps`) is a warning that names it, shown
 * with the appointment — never a refusal: a rep may knowingly book two things at once (a colleague
 * takes one, a call during a visit), and the planner's own routes never overlap what they know of.
 * The agenda's service computes the warnings with this function on every read, so whatever wrote
 * the time, the same overlaps are reported. `others` are the planned appointments of the same person.
 */
export function overlappingAppointments<T extends Interval & { readonly id: number }>(self: Interval & { readonly id: number }, others: readonly T[]): T[] {
  return others.filter((o) => o.id !== self.id && overlaps(self, o));
}

/** "08:30" → 510; null when it is not a time of day. */
export function minutesOfDay(time: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * Whether a visit lies (partly) outside the user's working hours. `startMinute` is the Amsterdam
 * wall-clock start in minutes since midnight; a visit running past midnight is outside by definition.
 * Unreadable working hours count as no working hours set (no warning), never as a refusal.
 */
export function outsideWorkingHours(startMinute: number, durationMinutes: number, workStart: string, workEnd: string): boolean {
  const from = minutesOfDay(workStart);
  const to = minutesOfDay(workEnd);
  if (from === null || to === null || to <= from) return false;
  return startMinute < from || startMinute + durationMinutes > to;
}
