// Row types of the tables, as both engines return them (see migrations/columns.ts for the shapes).
import type { Generated } from "kysely";
import type { ActivityTables } from "../features/activities/activity.table.js";
import type { AppointmentTables } from "../features/appointments/appointment.table.js";
import type { PreparationTables } from "../features/preparation/preparation.table.js";
import type { CompanyTables } from "../features/company/company.table.js";
import type { ConsentTables } from "../features/consent/consent.table.js";
import type { FollowUpTables } from "../features/followups/follow-up.table.js";
import type { GdprTables } from "../features/gdpr/gdpr.table.js";
import type { ImportTables } from "../features/imports/import.table.js";
import type { JobTables } from "../features/jobs/job.table.js";
import type { MailIntakeTables } from "../features/mail-intake/mail-intake.table.js";
import type { NewsTables } from "../features/news/news.table.js";
import type { CustomerLinkTables } from "../features/customer-links/customer-link.table.js";
import type { SalesTables } from "../features/sales/sales.table.js";
import type { MergeTables } from "../features/merge/merge.table.js";
import type { PlanningTables } from "../features/planning/plan.table.js";
import type { ProductTables } from "../features/products/product.table.js";
import type { QuoteTables } from "../features/quotes/quote.table.js";

import type { Flag, Instant, IsoDate } from "./types.js";

export type { Flag, Instant, IsoDate } from "./types.js";

export interface AppSettingsTable {
  key: string;
  value: string;
}

export interface RayonsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
}

export interface MarketSegmentsTable {
  id: Generated<number>;
  code: string;
  name: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  locale: Generated<string>;
  /** Street and number of the home address (planning starts and ends a day there). */
  home_address: string | null;
  home_postcode: string | null;
  home_city: string | null;
  home_lat: number | null;
  home_lon: number | null;
  home_geo_source: string | null;
  home_geo_precision_m: number | null;
  work_start: Generated<string>;
  work_end: Generated<string>;
  /** Base32 TOTP secret once the second factor is on (migration 0021); null when off. */
  totp_secret: string | null;
  /** A secret being set up, until the user proves it with a code. */
  totp_pending_secret: string | null;
  /** Time step (Unix seconds / 30) of the last accepted code: each code works once. */
  totp_last_step: number | null;
  totp_enabled_at: Instant | null;
  profit_responsible: Generated<Flag>;
  active: Generated<Flag>;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface RayonPostcodeRangesTable {
  rayon_id: number;
  from_pc4: string;
  to_pc4: string;
}

export interface SubAreasTable {
  id: Generated<number>;
  rayon_id: number;
  cycle_weeks: number;
  week: number;
  weekday: number;
  created_at: Instant;
}

/** A province (code = its name) or municipality (code = GMxxxx) drawn into a rayon (migration 0026). */
export interface RayonRegionsTable {
  kind: "province" | "municipality";
  code: string;
  rayon_id: number;
}

/** A relation chosen into a rayon by hand, wherever it lies (migration 0026). */
export interface RayonRelationsTable {
  relation_id: number;
  rayon_id: number;
}

export interface SubAreaRelationsTable {
  relation_id: number;
  sub_area_id: number;
}

export interface UserRayonsTable {
  user_id: number;
  rayon_id: number;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Instant;
  expires_at: Instant;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Instant;
  last_used_at: Instant | null;
  revoked_at: Instant | null;
}

/** A user's calendar feed: the SHA-256 of the secret in its URL. */
export interface CalendarFeedsTable {
  user_id: number;
  token_hash: string;
  created_at: Instant;
  last_read_at: Instant | null;
}

/** A one-time link to choose a password: started by an administrator, valid until expires_at, once. */
export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_by: number | null;
  created_at: Instant;
  expires_at: Instant;
  used_at: Instant | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: Generated<string>;
  at: Instant;
}

export interface SbiCodesTable {
  code: string;
  level: string;
  parent: string | null;
  section: string;
  name_nl: string;
  name_en: string;
}

export interface PostcodeAreasTable {
  pc4: string;
  lat: number;
  lon: number;
  place: string | null;
  /** Province of the area's centroid (migration 0007; filled with the reference data). */
  province: string | null;
}

export interface RelationsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  legal_form: string | null;
  kvk_number: string | null;
  debtor_number: string | null;
  kind: Generated<string>;
  status: string;
  account_class: string | null;
  class_override: Generated<Flag>;
  class_override_reason: string | null;
  visit_street: string | null;
  visit_house_number: string | null;
  visit_postcode: string | null;
  visit_city: string | null;
  city_key: Generated<string>;
  visit_country: Generated<string>;
  postal_street: string | null;
  postal_house_number: string | null;
  postal_postcode: string | null;
  postal_city: string | null;
  postal_country: string | null;
  phone: string | null;
  website: string | null;
  email: string | null;
  parent_id: number | null;
  owner_id: number | null;
  rayon_id: number | null;
  segment_id: number | null;
  revenue_potential_cents: number | null;
  current_supplier: string | null;
  contract_end_date: IsoDate | null;
  competitor_price_note: string | null;
  /** JSON array of strings. */
  product_interests: Generated<string>;
  /** JSON array of requirement labels heard from the customer (migration 0031). */
  requirements: Generated<string>;
  notes: string | null;
  lat: number | null;
  lon: number | null;
  /** pc6 | pc4 | place | manual (domain/geocode.ts). */
  geo_source: string | null;
  /** Metres within which the real address most likely lies. */
  geo_precision_m: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface RelationSbiCodesTable {
  relation_id: number;
  sbi_code: string;
  section: string;
  position: number;
}

export interface RelationSearchTermsTable {
  term: string;
  relation_id: number;
}

/** The first 1–3 characters of each search term, once per relation, in list order (migration 0038). */
export interface RelationSearchPrefixesTable {
  prefix: string;
  name_key: string;
  relation_id: number;
}

export interface RelationStatusChangesTable {
  id: Generated<number>;
  /** "user" (default), "import" or "VIS": who or what made the change. */
  source: Generated<string>;
  relation_id: number;
  from_status: string | null;
  to_status: string;
  reason: string;
  changed_by: number | null;
  changed_at: Instant;
}

export interface RelationClassChangesTable {
  id: Generated<number>;
  relation_id: number;
  from_class: string | null;
  to_class: string | null;
  reason: string | null;
  override: Generated<Flag>;
  changed_by: number | null;
  changed_at: Instant;
}

export interface AuditLogTable {
  id: Generated<number>;
  entity: string;
  entity_id: number;
  relation_id: number | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  user_id: number | null;
  at: Instant;
}

export interface PersonsTable {
  id: Generated<number>;
  relation_id: number;
  first_name: string | null;
  initials: string | null;
  infix: string | null;
  last_name: string;
  sort_key: string;
  gender: Generated<string>;
  title: string | null;
  job_title: string | null;
  department: string | null;
  phone_direct: string | null;
  phone_mobile: string | null;
  email: string | null;
  linkedin_url: string | null;
  notes: string | null;
  active: Generated<Flag>;
  left_on: IsoDate | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface PersonDmuRolesTable {
  person_id: number;
  role: string;
}

/**
 * All tables. Each later feature keeps its row types in its own `*.table.ts` and adds its
 * interface to the list below (features/activities, features/imports, features/quotes …).
 */
export interface Database extends CoreTables, ProductTables, QuoteTables, ActivityTables, FollowUpTables, ConsentTables, GdprTables, ImportTables, MergeTables, JobTables, SalesTables, AppointmentTables, CompanyTables, PreparationTables, PlanningTables, MailIntakeTables, NewsTables, CustomerLinkTables {}

export interface CoreTables {
  app_settings: AppSettingsTable;
  rayons: RayonsTable;
  market_segments: MarketSegmentsTable;
  users: UsersTable;
  user_rayons: UserRayonsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  calendar_feeds: CalendarFeedsTable;
  password_resets: PasswordResetsTable;
  login_attempts: LoginAttemptsTable;
  sbi_codes: SbiCodesTable;
  postcode_areas: PostcodeAreasTable;
  rayon_postcode_ranges: RayonPostcodeRangesTable;
  rayon_regions: RayonRegionsTable;
  rayon_relations: RayonRelationsTable;
  sub_areas: SubAreasTable;
  sub_area_relations: SubAreaRelationsTable;
  relations: RelationsTable;
  relation_sbi_codes: RelationSbiCodesTable;
  relation_search_terms: RelationSearchTermsTable;
  relation_search_prefixes: RelationSearchPrefixesTable;
  relation_status_changes: RelationStatusChangesTable;
  relation_class_changes: RelationClassChangesTable;
  audit_log: AuditLogTable;
  persons: PersonsTable;
  person_dmu_roles: PersonDmuRolesTable;
}
