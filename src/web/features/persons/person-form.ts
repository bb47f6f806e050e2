// Form values of a person ↔ API bodies. Text inputs hold strings; "" means "no value" (null).
import type { TFunction } from "i18next";
import type { DmuRole } from "../../../domain/dmu.js";
import type { Gender } from "../../../domain/person-name.js";
import type { Person, PersonCreateInput } from "../../api/types.js";

export interface PersonFormValues {
  firstName: string;
  initials: string;
  infix: string;
  lastName: string;
  gender: Gender;
  title: string;
  jobTitle: string;
  department: string;
  phoneDirect: string;
  phoneMobile: string;
  email: string;
  linkedinUrl: string;
  dmuRoles: DmuRole[];
  active: boolean;
  leftOn: string;
  notes: string;
}

/** Maximum lengths, as in the API schema (person.schemas.ts). */
export const PERSON_MAX: Record<keyof PersonFormValues, number | undefined> = {
  firstName: 60,
  initials: 20,
  infix: 20,
  lastName: 80,
  gender: undefined,
  title: 40,
  jobTitle: 100,
  department: 100,
  phoneDirect: 30,
  phoneMobile: 30,
  email: 254,
  linkedinUrl: 200,
  dmuRoles: undefined,
  active: undefined,
  leftOn: undefined,
  notes: 10_000,
};

export const PERSON_FIELDS = Object.keys(PERSON_MAX) as (keyof PersonFormValues)[];

export function personFormValues(p: Person | null): PersonFormValues {
  return {
    firstName: p?.firstName ?? "",
    initials: p?.initials ?? "",
    infix: p?.infix ?? "",
    lastName: p?.lastName ?? "",
    gender: (p?.gender as Gender | undefined) ?? "x",
    title: p?.title ?? "",
    jobTitle: p?.jobTitle ?? "",
    department: p?.department ?? "",
    phoneDirect: p?.phoneDirect ?? "",
    phoneMobile: p?.phoneMobile ?? "",
    email: p?.email ?? "",
    linkedinUrl: p?.linkedinUrl ?? "",
    dmuRoles: (p?.dmuRoles as DmuRole[] | undefined) ?? [],
    active: p?.active ?? true,
    leftOn: p?.leftOn ?? "",
    notes: p?.notes ?? "",
  };
}

const text = (v: string) => (v.trim() === "" ? null : v.trim());

export function personBody(v: PersonFormValues): PersonCreateInput {
  return {
    firstName: text(v.firstName),
    initials: text(v.initials),
    infix: text(v.infix),
    lastName: v.lastName.trim(),
    gender: v.gender,
    title: text(v.title),
    jobTitle: text(v.jobTitle),
    department: text(v.department),
    phoneDirect: text(v.phoneDirect),
    phoneMobile: text(v.phoneMobile),
    email: text(v.email),
    linkedinUrl: text(v.linkedinUrl),
    dmuRoles: v.dmuRoles,
    active: v.active,
    leftOn: v.active ? null : text(v.leftOn),
    notes: text(v.notes),
  };
}

/** Only the fields that differ from the stored person (PATCH sends what changed). */
export function personChanges(before: PersonFormValues, after: PersonFormValues): Partial<PersonCreateInput> {
  const a = personBody(before);
  const b = personBody(after);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(b) as (keyof PersonCreateInput)[]) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changes[key] = b[key];
  }
  return changes as Partial<PersonCreateInput>;
}

export function validatePerson(t: TFunction) {
  const rules: Partial<Record<keyof PersonFormValues, (value: unknown) => string | null>> = {};
  for (const field of PERSON_FIELDS) {
    const max = PERSON_MAX[field];
    if (max === undefined) continue;
    rules[field] = (value) => (typeof value === "string" && value.length > max ? t("fieldErrors.maxLength", { max }) : null);
  }
  rules.lastName = (value) => (typeof value !== "string" || value.trim() === "" ? t("fieldErrors.required") : value.length > 80 ? t("fieldErrors.maxLength", { max: 80 }) : null);
  return rules;
}
