// The search terms of a relation: every normalised word of its name, city, postcode, KvK and
// debtor number, plus the four-digit postcode area ("3511ab" and "3511"). Shared by the relation
// service (one relation at a time) and bulk writers such as the demo data, so both index alike.
import type { Db } from "../../db/kysely.js";
import { postcodeArea } from "../../domain/postcode.js";
import { normalizeKey, searchTerms } from "../../domain/text.js";
import { writeSearchTerms } from "./relation.repository.js";

export interface TermSource {
  name: string;
  visit_city: string | null;
  visit_postcode: string | null;
  kvk_number: string | null;
  debtor_number: string | null;
}

/** Prefixes of 1–3 characters kept per relation in relation_search_prefixes (migration 0038). */
export const PREFIX_LENGTHS = [1, 2, 3] as const;

/** The distinct first 1, 2 and 3 characters of `terms` (a shorter term is its own prefix). */
export function searchPrefixes(terms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const term of terms) for (const n of PREFIX_LENGTHS) out.add(term.slice(0, n));
  return [...out];
}

export function relationSearchTerms(row: TermSource): string[] {
  const postcode = row.visit_postcode?.replace(/\s/g, "") ?? null;
  const area = postcode ? (postcodeArea(postcode) ?? "") : "";
  return [...new Set([...searchTerms([row.name, row.visit_city, row.kvk_number, row.debtor_number, postcode]), area])].filter(Boolean);
}

/**
 * Rewrites the search terms of one relation: its own words plus those of every relation merged
 * into it (relation_aliases), so it stays findable under a merged duplicate's name after any edit.
 */
export async function refreshRelationTerms(db: Db, relationId: number, row: TermSource): Promise<void> {
  const aliases = await db.selectFrom("relation_aliases").select(["name", "kvk_number", "debtor_number"]).where("relation_id", "=", relationId).execute();
  const aliasTerms = searchTerms(aliases.flatMap((a) => [a.name, a.kvk_number, a.debtor_number]));
  await writeSearchTerms(db, relationId, normalizeKey(row.name), [...new Set([...relationSearchTerms(row), ...aliasTerms])]);
}
