// The search terms of a relation: every normalised word of its name, city, postcode, KvK and
// debtor number, plus the four-digit postcode area ("3511ab" and "3511"). Shared by the relation
// service (one relation at a time) and bulk writers such as the demo data, so both index alike.
import { postcodeArea } from "../../domain/postcode.js";
import { searchTerms } from "../../domain/text.js";

export interface TermSource {
  name: string;
  visit_city: string | null;
  visit_postcode: string | null;
  kvk_number: string | null;
  debtor_number: string | null;
}

export function relationSearchTerms(row: TermSource): string[] {
  const postcode = row.visit_postcode?.replace(/\s/g, "") ?? null;
  const area = postcode ? (postcodeArea(postcode) ?? "") : "";
  return [...new Set([...searchTerms([row.name, row.visit_city, row.kvk_number, row.debtor_number, postcode]), area])].filter(Boolean);
}
