// Row type of a relation's own customers (migration 0035), written only by the customer-links feature.
import type { Generated } from "kysely";
import type { Instant } from "../../db/types.js";

export interface RelationCustomersTable {
  id: Generated<number>;
  relation_id: number;
  /** The relation that buys from relation_id. */
  customer_id: number;
  /** A person of customer_id who may be called as a reference; null: none named. */
  reference_person_id: number | null;
  created_by: number | null;
  created_at: Instant;
}

export interface CustomerLinkTables {
  relation_customers: RelationCustomersTable;
}
