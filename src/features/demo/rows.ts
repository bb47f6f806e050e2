// The rows the demo writes, as arrays in the column order below (bulk inserts bind them
// positionally). The column lists are checked against the table types of src/db/schema.ts.
import type { Database } from "../../db/schema.js";

type Columns<T extends keyof Database> = readonly (keyof Database[T] & string)[];

export const RELATION_COLUMNS = [
  "id", "name", "name_key", "legal_form", "kvk_number", "debtor_number", "kind", "status", "account_class",
  "class_override", "class_override_reason", "visit_street", "visit_house_number", "visit_postcode", "visit_city", "city_key", "visit_country",
  "postal_street", "postal_house_number", "postal_postcode",
  "postal_city", "postal_country", "phone", "website", "email",
  "parent_id", "owner_id", "rayon_id", "segment_id", "revenue_potential_cents", "current_supplier", "contract_end_date", "competitor_price_note",
  "product_interests", "notes", "lat", "lon", "geo_source", "geo_precision_m",
  "created_at", "updated_at",
] as const satisfies Columns<"relations">;

export const SBI_COLUMNS = ["relation_id", "sbi_code", "section", "position"] as const satisfies Columns<"relation_sbi_codes">;
export const TERM_COLUMNS = ["term", "relation_id"] as const satisfies Columns<"relation_search_terms">;
export const PREFIX_COLUMNS = ["prefix", "name_key", "relation_id"] as const satisfies Columns<"relation_search_prefixes">;
export const STATUS_COLUMNS = ["relation_id", "from_status", "to_status", "reason", "changed_by", "changed_at"] as const satisfies Columns<"relation_status_changes">;
export const CLASS_COLUMNS = ["relation_id", "from_class", "to_class", "reason", "override", "changed_by", "changed_at"] as const satisfies Columns<"relation_class_changes">;
export const PERSON_COLUMNS = [
  "id", "relation_id", "first_name", "initials", "infix", "last_name", "sort_key", "gender", "title", "job_title", "department",
  "phone_direct", "phone_mobile", "email", "linkedin_url", "active", "left_on", "created_at", "updated_at",
] as const satisfies Columns<"persons">;
export const DMU_COLUMNS = ["person_id", "role"] as const satisfies Columns<"person_dmu_roles">;

export type Row = (string | number | null)[];

export interface Batch {
  relations: Row[];
  sbi: Row[];
  terms: Row[];
  prefixes: Row[];
  statusChanges: Row[];
  classChanges: Row[];
  persons: Row[];
  dmu: Row[];
}

export function emptyBatch(): Batch {
  return { relations: [], sbi: [], terms: [], prefixes: [], statusChanges: [], classChanges: [], persons: [], dmu: [] };
}

/** Rows in a batch, all tables together (for rows-per-second figures). */
export function rowCount(b: Batch): number {
  return b.relations.length + b.sbi.length + b.terms.length + b.prefixes.length + b.statusChanges.length + b.classChanges.length + b.persons.length + b.dmu.length;
}
