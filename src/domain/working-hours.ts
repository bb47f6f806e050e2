// A user's working hours: the day planning may fill, from start to end, as "HH:MM" in
// Europe/Amsterdam (a wall-clock time, not an instant). The day must not be empty.
import { type Result, err, ok } from "./result.js";

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "08:30" (510), or null when not a time. */
export function minutesOfDay(value: string): number | null {
  const m = TIME.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export type WorkingHoursProblem = { field: "workStart" | "workEnd"; code: "time_invalid" | "work_hours_order" };

/** Problems of a start and end time; none when both are times and the end lies after the start. */
export function workingHoursProblems(start: string, end: string): WorkingHoursProblem[] {
  const problems: WorkingHoursProblem[] = [];
  const from = minutesOfDay(start);
  const to = minutesOfDay(end);
  if (from === null) problems.push({ field: "workStart", code: "time_invalid" });
  if (to === null) problems.push({ field: "workEnd", code: "time_invalid" });
  if (from !== null && to !== null && to <= from) problems.push({ field: "workEnd", code: "work_hours_order" });
  return problems;
}

export interface AdminChange {
  /** Whether the user is an active administrator now, and would be after the change. */
  wasActiveAdmin: boolean;
  staysActiveAdmin: boolean;
  /** Active administrators other than this user. */
  otherActiveAdmins: number;
}

/** Koers always keeps one active administrator: otherwise nobody can manage users any more. */
export function leavesNoAdministrator(change: AdminChange): Result<true, "last_admin"> {
  if (change.wasActiveAdmin && !change.staysActiveAdmin && change.otherActiveAdmins === 0) return err("last_admin");
  return ok(true);
}
