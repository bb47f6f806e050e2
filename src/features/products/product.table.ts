// Row types of products and product groups (migration 0004). Products are shared by quotes now and
// by the sales information system later.
import type { Generated } from "kysely";
import type { Flag, Instant, IsoDate } from "../../db/types.js";

export interface ProductGroupsTable {
  id: Generated<number>;
  /** The ERP's group code, when there is one. */
  code: string | null;
  name: string;
  name_key: string;
}

export interface ProductsTable {
  id: Generated<number>;
  code: string;
  /** Lower-case code: codes are unique regardless of case. */
  code_key: string;
  name: string;
  name_key: string;
  /** " " + normalised words of code and name, searched with LIKE '% word%'. */
  search_key: string;
  /** The unit of quantities: stuk, m2, uur, kg … */
  unit: Generated<string>;
  /** high | low | zero (domain/vat.ts); the rate of each is in company_settings (migration 0012). */
  vat_category: Generated<string>;
  group_id: number | null;
  segment_id: number | null;
  list_price_cents: Generated<number>;
  cost_price_cents: number | null;
  launch_date: IsoDate | null;
  active: Generated<Flag>;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

/** An argument (unique selling point) of a product and the requirement it answers (migration 0031). */
export interface ProductArgumentsTable {
  id: Generated<number>;
  product_id: number;
  /** 0-based order on the product page and the quote. */
  position: number;
  requirement: string;
  /** normalizeKey(requirement): matched against the relation's requirements. */
  requirement_key: string;
  text: string;
}

export interface ProductTables {
  product_groups: ProductGroupsTable;
  products: ProductsTable;
  product_arguments: ProductArgumentsTable;
}

/** market_segments as extended by migration 0004 (the core row type predates the column). */
export type SegmentTermTables = {
  market_segments: { max_decision_months: number | null };
};
