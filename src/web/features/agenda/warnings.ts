// The server's warnings on an appointment, in the user's language.
import type { TFunction } from "i18next";
import { notifications } from "@mantine/notifications";
import type { Appointment, AppointmentWarning } from "./agenda.api.js";
import { numericDate } from "./agenda-dates.js";

const CLOCK = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

export function warningText(t: TFunction, w: AppointmentWarning): string {
  if (w.code === "overlap" && w.other) {
    const start = new Date(w.other.start);
    return t("agenda.warning.overlap", { relation: w.other.relation.name, date: numericDate(DAY.format(start)), time: CLOCK.format(start), end: CLOCK.format(new Date(w.other.end)) });
  }
  if (w.code === "outside_working_hours") return t("agenda.warning.outsideHours", { start: w.workStart, end: w.workEnd });
  return w.message;
}

/** After a save: say it is saved, and what the planner should know. */
export function notifySaved(t: TFunction, saved: Appointment, message: string): void {
  notifications.show({ message, color: "green" });
  for (const w of saved.warnings) notifications.show({ title: t("agenda.warning.title"), message: warningText(t, w), color: "yellow", autoClose: 10_000 });
}
