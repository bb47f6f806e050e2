// Merging a duplicate relation into a survivor (the user picks the survivor). Pure rules:
// - the survivor keeps every value it has; empty fields are filled from the duplicate;
// - notes of both are kept; product interests are united; requirements are combined, each once
//   (domain/requirements.ts combineRequirements);
// - dead wins: if either is dead the merged relation is dead, because dead means the company must
//   not be approached (DOMAIN.md), and the duplicate is the same company. A dead relation is never
//   deleted as a company: its name, KvK number and postcode stay on the survivor as an alias, so a
//   bought address file still matches it and keeps it dead.
import type { RelationStatus } from "./lifecycle.js";
import { combineRequirements, parseRequirements } from "./requirements.js";

/** Columns filled from the duplicate when the survivor has none. */
export const FILLABLE_COLUMNS = [
  "legal_form", "kvk_number", "debtor_number", "visit_street", "visit_house_number", "visit_postcode", "visit_city", "postal_street",
  "postal_house_number", "postal_postcode", "postal_city", "postal_country", "phone", "website", "email", "parent_id", "owner_id",
  "rayon_id", "segment_id", "revenue_potential_cents", "current_supplier", "contract_end_date", "competitor_price_note", "account_class",
] as const;
export type FillableColumn = (typeof FILLABLE_COLUMNS)[number];

export type MergeSide = Record<FillableColumn, string | number | null> & {
  id: number;
  name: string;
  status: string;
  notes: string | null;
  /** JSON array of strings. */
  product_interests: string;
  /** JSON array of requirements (domain/requirements.ts). */
  requirements: string;
};

export interface MergeOutcome {
  /** Columns of the survivor that change, with their new values. */
  changes: Partial<Record<FillableColumn | "notes" | "product_interests" | "requirements", string | number | null>>;
  /** The survivor's new status when the duplicate was dead and the survivor was not. */
  status: RelationStatus | null;
}

export function mergeOutcome(survivor: MergeSide, duplicate: MergeSide): MergeOutcome {
  const changes: MergeOutcome["changes"] = {};
  for (const column of FILLABLE_COLUMNS) {
    const mine = survivor[column];
    const theirs = duplicate[column];
    // A branch pointing at the duplicate would make the survivor its own parent.
    if (column === "parent_id" && (theirs === survivor.id || mine === duplicate.id)) {
      if (mine === duplicate.id) changes.parent_id = theirs === survivor.id ? null : theirs;
      continue;
    }
    if ((mine === null || mine === "") && theirs !== null && theirs !== "") changes[column] = theirs;
  }
  if (duplicate.notes && duplicate.notes.trim() !== "" && duplicate.notes !== survivor.notes) {
    changes.notes = survivor.notes ? `${survivor.notes}\n\n— ${duplicate.name}:\n${duplicate.notes}` : duplicate.notes;
  }
  const interests = [...new Set([...(JSON.parse(survivor.product_interests) as string[]), ...(JSON.parse(duplicate.product_interests) as string[])])];
  if (interests.length !== (JSON.parse(survivor.product_interests) as string[]).length) changes.product_interests = JSON.stringify(interests);
  const requirements = JSON.stringify(combineRequirements(parseRequirements(survivor.requirements), parseRequirements(duplicate.requirements)));
  if (requirements !== JSON.stringify(parseRequirements(survivor.requirements))) changes.requirements = requirements;
  const status = duplicate.status === "dead" && survivor.status !== "dead" ? "dead" : null;
  return { changes, status };
}
