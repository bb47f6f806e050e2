// From API input to relation columns: trims, normalises (postcode, KvK, e-mail, website) and
// collects every field problem at once, so the form can show each message beside its field.
import { isIsoDate } from "../../domain/calendar.js";
import { normalizeEmail, normalizePhone, normalizeWebUrl } from "../../domain/contact-details.js";
import { normalizeKvkNumber } from "../../domain/kvk.js";
import { normalizePostcode } from "../../domain/postcode.js";
import { cleanRequirements, parseRequirements, type Requirement, requirementOf, requirementsOverLimit } from "../../domain/requirements.js";
import type { Result } from "../../domain/result.js";
import type { Updateable } from "kysely";
import type { RelationsTable } from "../../db/schema.js";
import { type FieldProblem, fieldProblem } from "../../server/errors.js";
import type { RelationPatchInput } from "./relation.schemas.js";

type Columns = Omit<Updateable<RelationsTable>, "id" | "version" | "created_at" | "updated_at">;

/** The requirements as stored: bare labels filled in as soft product requirements, each once. */
export function requirementsFromInput(input: NonNullable<RelationPatchInput["requirements"]>): Requirement[] {
  return cleanRequirements(input.map((r) => (typeof r === "string" ? requirementOf(r) : { ...requirementOf(r.label, r.kind), ...r, supplierNote: r.supplierNote ?? null })));
}

/** "" and whitespace become null; other text is trimmed. */
export function clean(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

function checked(
  field: string,
  value: string | null | undefined,
  rule: (v: string) => Result<string>,
  problems: FieldProblem[],
): string | null | undefined {
  const v = clean(value);
  if (v === undefined || v === null) return v;
  const result = rule(v);
  if (!result.ok) {
    problems.push(fieldProblem(field, result.error));
    return undefined;
  }
  return result.value;
}

/**
 * The columns an input sets (only the fields present), or the problems found. `country` is the
 * visiting country after the change, since a postcode is checked by its country's rules.
 */
export function relationColumns(
  input: RelationPatchInput,
  current: { visit_country: string; postal_country: string | null; requirements?: string } | null,
): { columns: Columns; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const columns: Columns = {};
  const visitCountry = (input.visitCountry ?? current?.visit_country ?? "NL").toUpperCase();
  const postalCountry = (input.postalCountry ?? current?.postal_country ?? visitCountry).toUpperCase();

  const set = <K extends keyof Columns>(key: K, value: Columns[K] | undefined) => {
    if (value !== undefined) columns[key] = value;
  };

  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name === "") problems.push(fieldProblem("name", "required"));
    else set("name", name);
  }
  if (input.legalForm !== undefined) set("legal_form", input.legalForm);
  set("kvk_number", checked("kvkNumber", input.kvkNumber, normalizeKvkNumber, problems));
  set("debtor_number", clean(input.debtorNumber));
  if (input.kind !== undefined) set("kind", input.kind);
  set("visit_street", clean(input.visitStreet));
  set("visit_house_number", clean(input.visitHouseNumber));
  set("visit_postcode", checked("visitPostcode", input.visitPostcode, (v) => normalizePostcode(v, visitCountry), problems));
  set("visit_city", clean(input.visitCity));
  if (input.visitCountry !== undefined) set("visit_country", visitCountry);
  set("postal_street", clean(input.postalStreet));
  set("postal_house_number", clean(input.postalHouseNumber));
  set("postal_postcode", checked("postalPostcode", input.postalPostcode, (v) => normalizePostcode(v, postalCountry), problems));
  set("postal_city", clean(input.postalCity));
  if (input.postalCountry !== undefined) set("postal_country", input.postalCountry === null ? null : postalCountry);
  set("phone", checked("phone", input.phone, normalizePhone, problems));
  set("website", checked("website", input.website, normalizeWebUrl, problems));
  set("email", checked("email", input.email, normalizeEmail, problems));
  if (input.parentId !== undefined) set("parent_id", input.parentId);
  if (input.ownerId !== undefined) set("owner_id", input.ownerId);
  if (input.rayonId !== undefined) set("rayon_id", input.rayonId);
  if (input.segmentId !== undefined) set("segment_id", input.segmentId);
  if (input.revenuePotentialCents !== undefined) set("revenue_potential_cents", input.revenuePotentialCents);
  set("current_supplier", clean(input.currentSupplier));
  if (input.contractEndDate !== undefined) {
    if (input.contractEndDate !== null && !isIsoDate(input.contractEndDate)) problems.push(fieldProblem("contractEndDate", "date_invalid"));
    else set("contract_end_date", input.contractEndDate);
  }
  set("competitor_price_note", clean(input.competitorPriceNote));
  if (input.productInterests !== undefined) {
    const interests = [...new Set(input.productInterests.map((p) => p.trim()).filter((p) => p !== ""))];
    set("product_interests", JSON.stringify(interests));
  }
  if (input.requirements !== undefined) {
    const next = requirementsFromInput(input.requirements);
    // A merge may have left more than the limit: that list is kept and may shrink, not grow.
    const stored = current?.requirements === undefined ? 0 : parseRequirements(current.requirements).length;
    if (requirementsOverLimit(next.length, stored)) problems.push(fieldProblem("requirements", "requirements_too_many"));
    else set("requirements", JSON.stringify(next));
  }
  set("notes", clean(input.notes));
  return { columns, problems };
}
