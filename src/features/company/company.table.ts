// Row type of the company's own details (migration 0012): exactly one row, id 1.
import type { Generated } from "kysely";
import type { Instant } from "../../db/types.js";

export interface CompanySettingsTable {
  id: number;
  legal_name: Generated<string>;
  visit_street: Generated<string>;
  visit_postcode: Generated<string>;
  visit_city: Generated<string>;
  postal_street: Generated<string>;
  postal_postcode: Generated<string>;
  postal_city: Generated<string>;
  /** 8 digits; "" when not filled in (as for every text column here). */
  kvk_number: Generated<string>;
  /** NL123456789B01. */
  vat_number: Generated<string>;
  /** Electronic form, no spaces. */
  iban: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  website: Generated<string>;
  closing_text: Generated<string>;
  logo: Buffer | null;
  /** image/png | image/jpeg. */
  logo_content_type: string | null;
  payment_term_days: Generated<number>;
  quote_validity_days: Generated<number>;
  /** Basis points (2100 = 21 %). */
  vat_high_bp: Generated<number>;
  vat_low_bp: Generated<number>;
  vat_zero_bp: Generated<number>;
  /** 1: administrators must use the TOTP second factor (migration 0021). */
  totp_required_for_admins: Generated<number>;
  updated_at: Instant;
  version: Generated<number>;
}

export interface CompanyTables {
  company_settings: CompanySettingsTable;
}
