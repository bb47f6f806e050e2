// Form values of a relation ↔ API bodies. Inputs hold strings ("" = no value), ids as strings for
// the selects, the revenue potential in euros (the API takes integer cents).
import type { TFunction } from "i18next";
import type { AccountClass } from "../../../domain/account-class.js";
import type { Requirement } from "../../../domain/requirements.js";
import type { RelationStatus } from "../../../domain/lifecycle.js";
import type { RelationCreateInput, RelationDetail, RelationPatchInput } from "../../api/types.js";
import { eurosToCents } from "../../components/money.js";
import type { LEGAL_FORMS, RELATION_KINDS } from "./options.js";

export interface RelationFormValues {
  name: string;
  legalForm: string | null;
  kvkNumber: string;
  debtorNumber: string;
  kind: string;
  /** Only when creating: later changes go through the status dialog (with a reason). */
  status: string;
  accountClass: string | null;
  classOverride: boolean;
  classOverrideReason: string;
  classReason: string;
  sbiCodes: string[];
  visitStreet: string;
  visitHouseNumber: string;
  visitPostcode: string;
  visitCity: string;
  visitCountry: string;
  postalStreet: string;
  postalHouseNumber: string;
  postalPostcode: string;
  postalCity: string;
  postalCountry: string;
  phone: string;
  website: string;
  email: string;
  parentId: string | null;
  ownerId: string | null;
  rayonId: string | null;
  /** Euros, as typed (NumberInput gives a number, or a string while incomplete). */
  revenuePotential: number | string;
  currentSupplier: string;
  contractEndDate: string;
  competitorPriceNote: string;
  productInterests: string[];
  /** What the customer requires; the quote shows the product arguments that answer these. */
  requirements: Requirement[];
  notes: string;
}

/** Maximum text lengths, as in relation.schemas.ts. */
export const RELATION_MAX: Partial<Record<keyof RelationFormValues, number>> = {
  name: 200,
  kvkNumber: 20,
  debtorNumber: 30,
  classOverrideReason: 500,
  classReason: 500,
  visitStreet: 120,
  visitHouseNumber: 20,
  visitPostcode: 12,
  visitCity: 80,
  visitCountry: 2,
  postalStreet: 120,
  postalHouseNumber: 20,
  postalPostcode: 12,
  postalCity: 80,
  postalCountry: 2,
  phone: 30,
  website: 200,
  email: 254,
  currentSupplier: 200,
  competitorPriceNote: 1000,
  notes: 10_000,
};

/** The API names that differ from form names. */
export const RELATION_RENAMES = { revenuePotentialCents: "revenuePotential" } as const;

export function relationFormValues(r: RelationDetail | null): RelationFormValues {
  return {
    name: r?.name ?? "",
    legalForm: r?.legalForm ?? null,
    kvkNumber: r?.kvkNumber ?? "",
    debtorNumber: r?.debtorNumber ?? "",
    kind: r?.kind ?? "customer_side",
    status: r?.status ?? "suspect",
    accountClass: r?.accountClass ?? null,
    classOverride: r?.classOverride ?? false,
    classOverrideReason: r?.classOverrideReason ?? "",
    classReason: "",
    sbiCodes: r?.sbiCodes.map((s) => s.code) ?? [],
    visitStreet: r?.visitStreet ?? "",
    visitHouseNumber: r?.visitHouseNumber ?? "",
    visitPostcode: r?.visitPostcode ?? "",
    visitCity: r?.visitCity ?? "",
    visitCountry: r?.visitCountry ?? "NL",
    postalStreet: r?.postalStreet ?? "",
    postalHouseNumber: r?.postalHouseNumber ?? "",
    postalPostcode: r?.postalPostcode ?? "",
    postalCity: r?.postalCity ?? "",
    postalCountry: r?.postalCountry ?? "",
    phone: r?.phone ?? "",
    website: r?.website ?? "",
    email: r?.email ?? "",
    parentId: r?.parent ? String(r.parent.id) : null,
    ownerId: r?.owner ? String(r.owner.id) : null,
    rayonId: r?.rayon ? String(r.rayon.id) : null,
    // Display only: cents / 100 round-trips exactly through eurosToCents for any safe integer.
    revenuePotential: r?.revenuePotentialCents == null ? "" : r.revenuePotentialCents / 100,
    currentSupplier: r?.currentSupplier ?? "",
    contractEndDate: r?.contractEndDate ?? "",
    competitorPriceNote: r?.competitorPriceNote ?? "",
    productInterests: r?.productInterests ?? [],
    requirements: r?.requirements ?? [],
    notes: r?.notes ?? "",
  };
}

const text = (v: string) => (v.trim() === "" ? null : v.trim());
const id = (v: string | null) => (v === null || v === "" ? null : Number(v));

/** The full body of a create; PATCH bodies are the differences of two of these. */
export function relationBody(v: RelationFormValues): RelationCreateInput {
  return {
    name: v.name.trim(),
    legalForm: v.legalForm as (typeof LEGAL_FORMS)[number] | null,
    kvkNumber: text(v.kvkNumber),
    debtorNumber: text(v.debtorNumber),
    kind: v.kind as (typeof RELATION_KINDS)[number],
    accountClass: v.accountClass as AccountClass | null,
    classOverride: v.classOverride,
    classOverrideReason: v.classOverride ? text(v.classOverrideReason) : null,
    classReason: text(v.classReason),
    sbiCodes: v.sbiCodes,
    visitStreet: text(v.visitStreet),
    visitHouseNumber: text(v.visitHouseNumber),
    visitPostcode: text(v.visitPostcode),
    visitCity: text(v.visitCity),
    visitCountry: v.visitCountry.trim().toUpperCase() || "NL",
    postalStreet: text(v.postalStreet),
    postalHouseNumber: text(v.postalHouseNumber),
    postalPostcode: text(v.postalPostcode),
    postalCity: text(v.postalCity),
    postalCountry: text(v.postalCountry)?.toUpperCase() ?? null,
    phone: text(v.phone),
    website: text(v.website),
    email: text(v.email),
    parentId: id(v.parentId),
    ownerId: id(v.ownerId),
    rayonId: id(v.rayonId),
    revenuePotentialCents: eurosToCents(v.revenuePotential) ?? null,
    currentSupplier: text(v.currentSupplier),
    contractEndDate: text(v.contractEndDate),
    competitorPriceNote: text(v.competitorPriceNote),
    productInterests: v.productInterests.map((p) => p.trim()).filter((p) => p !== ""),
    // Rows left without a label are dropped; the server keeps each requirement once.
    requirements: v.requirements.filter((r) => r.label.trim() !== "").map((r) => ({ ...r, label: r.label.trim(), supplierNote: r.supplierNote?.trim() || null })),
    notes: text(v.notes),
  };
}

export function createBody(v: RelationFormValues): RelationCreateInput {
  const body = relationBody(v);
  if (body.classReason === null) delete body.classReason;
  return { ...body, status: v.status as RelationStatus };
}

/** What changed between the stored relation and the form: the PATCH body (empty when nothing). */
export function patchBody(before: RelationFormValues, after: RelationFormValues): RelationPatchInput {
  const a = relationBody(before);
  const b = relationBody(after);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(b) as (keyof RelationCreateInput)[]) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changes[key] = b[key];
  }
  // A class reason alone changes nothing; it goes with a class change.
  const classTouched = ["accountClass", "classOverride", "classOverrideReason"].some((k) => k in changes);
  if (!classTouched) delete changes.classReason;
  return changes as RelationPatchInput;
}

export function validateRelation(t: TFunction) {
  const rules: Partial<Record<keyof RelationFormValues, (value: unknown, values: RelationFormValues) => string | null>> = {};
  for (const [field, max] of Object.entries(RELATION_MAX) as [keyof RelationFormValues, number][]) {
    rules[field] = (value) => (typeof value === "string" && value.trim().length > max ? t("fieldErrors.maxLength", { max }) : null);
  }
  const maxName = RELATION_MAX.name ?? 200;
  rules.name = (value) =>
    typeof value !== "string" || value.trim() === "" ? t("fieldErrors.required") : value.trim().length > maxName ? t("fieldErrors.maxLength", { max: maxName }) : null;
  rules.revenuePotential = (value) => (eurosToCents(value as number | string) === undefined ? t("fieldErrors.amount_invalid") : null);
  rules.classOverrideReason = (value, values) =>
    values.classOverride && (typeof value !== "string" || value.trim() === "") ? t("fieldErrors.class_override_reason_required") : null;
  return rules;
}
