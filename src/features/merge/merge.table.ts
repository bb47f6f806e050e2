// Row type of relation aliases: what a merged duplicate was called and numbered (migration 0003).
import type { Generated } from "kysely";
import type { Instant } from "../../db/types.js";

export interface RelationAliasesTable {
  id: Generated<number>;
  relation_id: number;
  merged_relation_id: number;
  name: string;
  name_key: string;
  visit_postcode: string | null;
  kvk_number: string | null;
  debtor_number: string | null;
  created_at: Instant;
}

export interface MergeTables {
  relation_aliases: RelationAliasesTable;
}
