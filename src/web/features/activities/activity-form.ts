// Form values of a contact moment ↔ API bodies. Inputs hold strings; "" means "no value" (null).
// The date/time input is "YYYY-MM-DDTHH:mm" on the Amsterdam clock, whatever the browser's zone.
import type { TFunction } from "i18next";
import type { ActivityKind, SalesMethod } from "../../../domain/contact-moment.js";
import type { QuickChoice } from "../../../domain/followup-dates.js";
import { ApiError } from "../../api/client.js";
import { type MappedFieldErrors, mapFieldErrors } from "../../api/problems.js";
import { amsterdamLocal, amsterdamToInstant, isIsoDate } from "../agenda/agenda-dates.js";
import type { Activity, ActivityBody, ActivityCreateBody } from "./types.js";

export interface ActivityFormValues {
  kind: ActivityKind;
  occurredAt: string;
  userIds: string[];
  personIds: string[];
  salesMethod: string | null;
  notes: string;
  internalNotes: string;
  outcome: string;
  winChance: number | string;
  nextStep: string;
  followUpAction: string;
  followUpDueDate: string;
  followUpQuickChoice: QuickChoice | null;
  followUpAssignedTo: string | null;
}

export const ACTIVITY_MAX = { notes: 20_000, internalNotes: 20_000, outcome: 2_000, nextStep: 1_000, followUpAction: 500 } as const;

export const ACTIVITY_FIELDS = [
  "kind",
  "occurredAt",
  "userIds",
  "personIds",
  "salesMethod",
  "notes",
  "internalNotes",
  "outcome",
  "winChance",
  "nextStep",
  "followUpAction",
  "followUpDueDate",
  "followUpAssignedTo",
] as const;

/**
 * A Date as the date/time field shows it: on the Amsterdam clock ("2026-11-27T09:30"), whatever the
 * browser's zone — a Dutch team plans and reports in Dutch time, also from a laptop set to another.
 */
export function localDateTime(date: Date): string {
  return amsterdamLocal(date);
}

/** "2026-11-27T09:30" on the Amsterdam clock → ISO instant; undefined when it is not a date and time. */
export function instantOf(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local) || !isIsoDate(local.slice(0, 10))) return undefined;
  const [hours, minutes] = [Number(local.slice(11, 13)), Number(local.slice(14, 16))];
  if (hours > 23 || minutes > 59) return undefined;
  return amsterdamToInstant(local.slice(0, 10), local.slice(11, 16));
}

/** The calendar date of the date/time input (what quick choices count from), or null. */
export function dateOf(local: string): string | null {
  return /^\d{4}-\d{2}-\d{2}/.test(local) ? local.slice(0, 10) : null;
}

export function activityFormValues(a: Activity | null, defaults: { userId: number; now: Date }): ActivityFormValues {
  return {
    kind: (a?.kind as ActivityKind | undefined) ?? "visit",
    occurredAt: localDateTime(a ? new Date(a.occurredAt) : defaults.now),
    userIds: a ? a.users.map((u) => String(u.id)) : [String(defaults.userId)],
    personIds: a ? a.persons.map((p) => String(p.id)) : [],
    salesMethod: a?.salesMethod ?? null,
    notes: a?.notes ?? "",
    internalNotes: a?.internalNotes ?? "",
    outcome: a?.outcome ?? "",
    winChance: a?.winChance ?? "",
    nextStep: a?.nextStep ?? "",
    followUpAction: "",
    followUpDueDate: "",
    followUpQuickChoice: null,
    followUpAssignedTo: String(defaults.userId),
  };
}

const text = (v: string) => (v.trim() === "" ? null : v.trim());
const ids = (v: readonly string[]) => v.map(Number).filter((n) => Number.isInteger(n) && n > 0);
const chance = (v: number | string) => (v === "" || v === null ? null : Number(v));

export function activityBody(v: ActivityFormValues): ActivityBody & { kind: ActivityKind } {
  return {
    kind: v.kind,
    occurredAt: instantOf(v.occurredAt),
    userIds: ids(v.userIds),
    personIds: ids(v.personIds),
    salesMethod: (v.salesMethod as SalesMethod | null) ?? null,
    notes: text(v.notes),
    internalNotes: text(v.internalNotes),
    outcome: text(v.outcome),
    winChance: chance(v.winChance),
    nextStep: text(v.nextStep),
  };
}

export function activityCreateBody(v: ActivityFormValues): ActivityCreateBody {
  const body: ActivityCreateBody = activityBody(v);
  if (v.followUpAction.trim() !== "") {
    body.followUp = {
      action: v.followUpAction.trim(),
      dueDate: v.followUpDueDate,
      ...(v.followUpAssignedTo ? { assignedTo: Number(v.followUpAssignedTo) } : {}),
    };
  }
  return body;
}

const same = (a: unknown, b: unknown) =>
  JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);

/** Only what differs from the stored contact moment (PATCH sends what changed). */
export function activityChanges(before: ActivityFormValues, after: ActivityFormValues): ActivityBody {
  const a = activityBody(before);
  const b = activityBody(after);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(b) as (keyof ActivityBody)[]) {
    if (!same(a[key], b[key])) changes[key] = b[key];
  }
  return changes as ActivityBody;
}

export function validateActivity(t: TFunction) {
  const max = (field: keyof typeof ACTIVITY_MAX) => (value: unknown) =>
    typeof value === "string" && value.length > ACTIVITY_MAX[field] ? t("fieldErrors.maxLength", { max: ACTIVITY_MAX[field] }) : null;
  return {
    occurredAt: (value: string) => (instantOf(value) === undefined ? t("fieldErrors.date_invalid") : null),
    userIds: (value: string[]) => (value.length === 0 ? t("activities.form.atLeastOneUser") : null),
    notes: max("notes"),
    internalNotes: max("internalNotes"),
    outcome: max("outcome"),
    nextStep: max("nextStep"),
    winChance: (value: number | string) => {
      if (value === "") return null;
      const n = Number(value);
      return Number.isInteger(n) && n >= 0 && n <= 100 ? null : t("activities.form.winChanceRange");
    },
    followUpAction: (value: string, values: ActivityFormValues) =>
      value.length > ACTIVITY_MAX.followUpAction
        ? t("fieldErrors.maxLength", { max: ACTIVITY_MAX.followUpAction })
        : value.trim() === "" && values.followUpDueDate !== ""
          ? t("activities.followUp.actionRequired")
          : null,
    followUpDueDate: (value: string, values: ActivityFormValues) =>
      values.followUpAction.trim() !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(value) ? t("activities.followUp.dateRequired") : null,
  };
}

/** "followUp.dueDate" → "followUpDueDate": the follow-up part of the form has flat field names. */
function flatField(field: string): string {
  const m = /^followUp\.(\w)(\w*)/.exec(field);
  return m ? `followUp${(m[1] ?? "").toUpperCase()}${m[2] ?? ""}` : field;
}

export function activityFieldErrors(t: TFunction, error: unknown): MappedFieldErrors {
  if (!(error instanceof ApiError)) return { byField: {}, other: [] };
  const renamed = new ApiError(
    error.status,
    error.code,
    error.detail,
    error.fields.map((f) => ({ ...f, field: flatField(f.field) })),
  );
  return mapFieldErrors(t, renamed, ACTIVITY_FIELDS, { followUpQuickChoice: "followUpDueDate" });
}
