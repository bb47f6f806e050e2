// Row types of quotes, their lines, their change history and the quote advice (migration 0004).
import type { Generated } from "kysely";
import type { Flag, Instant, IsoDate } from "../../db/types.js";

export interface QuotesTable {
  id: Generated<number>;
  base_number: number;
  revision: number;
  relation_id: number;
  contact_person_id: number | null;
  rep_id: number;
  title: string | null;
  /** draft | sent | won | lost | withdrawn (domain/quote-status.ts). */
  status: string;
  /** Whole percent 0–100. */
  probability: number;
  /** YYYY-MM. */
  decision_month: string;
  decision_date: IsoDate | null;
  valid_until: IsoDate | null;
  total_cents: number;
  /** Σ line quantities in thousandths of a unit. */
  units_milli: Generated<number>;
  lost_reason: string | null;
  competitor_won: string | null;
  sent_on: IsoDate | null;
  decided_on: IsoDate | null;
  notes: string | null;
  created_by: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface QuoteLinesTable {
  id: Generated<number>;
  quote_id: number;
  position: number;
  product_id: number | null;
  description: string;
  /** Thousandths of the product's unit. */
  quantity_milli: number;
  unit_price_cents: number;
  /** Basis points: 250 = 2.5 %. */
  discount_bp: Generated<number>;
  amount_cents: number;
  /** VAT rate in basis points (2100 = 21 %), fixed when the line was written (migration 0023). */
  vat_bp: number | null;
}

export interface QuoteEventsTable {
  id: Generated<number>;
  quote_id: number;
  kind: "created" | "changed";
  /** Amsterdam date of the change. */
  at: IsoDate;
  recorded_at: Instant;
  user_id: number | null;
  probability: number | null;
  decision_month: string | null;
  status: string | null;
  amount_cents: number | null;
  units_milli: number | null;
  /**
   * JSON [{"unit":"m2","milli":12500}, …]: the volume per unit of measure (thousandths; unit null for
   * a line without a product), written when it changed. null in events from before migration 0037
   * (per unit unknown) and in changes that left it as it was.
   */
  units_by_unit: string | null;
}

export interface QuoteAdviceTable {
  quote_id: number;
  verdict: string;
  /** JSON texts. */
  answers: string;
  criteria: string;
  reasons: string;
  settings: string;
  overruled: Generated<Flag>;
  overrule_reason: string | null;
  decided_by: number | null;
  decided_on: IsoDate;
}

export interface QuoteTables {
  quotes: QuotesTable;
  quote_lines: QuoteLinesTable;
  quote_events: QuoteEventsTable;
  quote_advice: QuoteAdviceTable;
}
