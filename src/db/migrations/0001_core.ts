// The CRM core: users and their sessions, reference data, relations, persons and their history.
// Later features add tables; they do not rework these (see docs/architecture.md).
import { sql } from "kysely";
import { columns, isSqlite, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  const s = db.schema;

  await s
    .createTable("app_settings")
    .addColumn("key", "text", (col) => col.primaryKey())
    .addColumn("value", "text", (col) => col.notNull())
    .execute();

  await c.id(s.createTable("rayons"))
    .addColumn("name", "text", (col) => col.notNull().unique())
    .addColumn("description", "text")
    .execute();

  await c.id(s.createTable("market_segments"))
    .addColumn("code", "text", (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull())
    .execute();

  let users = c.id(s.createTable("users"))
    .addColumn("email", "text", (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("role", "text", (col) => col.notNull())
    .addColumn("password_hash", "text")
    .addColumn("locale", "text", (col) => col.notNull().defaultTo("nl"))
    // Home and working hours: rayon planning starts and ends a day here.
    .addColumn("home_postcode", "text")
    .addColumn("home_city", "text")
    .addColumn("work_start", "text", (col) => col.notNull().defaultTo("08:30"))
    .addColumn("work_end", "text", (col) => col.notNull().defaultTo("17:00"));
  users = c.bool(users, "profit_responsible", false);
  users = c.bool(users, "active", true);
  users = c.instant(users, "created_at", (col) => col.notNull());
  users = c.instant(users, "updated_at", (col) => col.notNull());
  await users.addColumn("version", "integer", (col) => col.notNull().defaultTo(1)).execute();

  await s
    .createTable("user_rayons")
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("rayon_id", "integer", (col) => col.notNull().references("rayons.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("user_rayons_pk", ["user_id", "rayon_id"])
    .execute();

  // Sessions live in the database so that several server instances share them. The id is the
  // SHA-256 of the cookie token: a leaked table does not give usable cookies.
  let sessions = s
    .createTable("sessions")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (col) => col.notNull());
  sessions = c.instant(sessions, "created_at", (col) => col.notNull());
  sessions = c.instant(sessions, "expires_at", (col) => col.notNull());
  await sessions.execute();
  await s.createIndex("sessions_user").on("sessions").column("user_id").execute();

  let tokens = c.id(s.createTable("api_tokens"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("token_hash", "text", (col) => col.notNull().unique());
  tokens = c.instant(tokens, "created_at", (col) => col.notNull());
  tokens = c.instant(tokens, "last_used_at");
  tokens = c.instant(tokens, "revoked_at");
  await tokens.execute();

  let attempts = c.id(s.createTable("login_attempts"))
    .addColumn("email", "text", (col) => col.notNull())
    .addColumn("ip", "text", (col) => col.notNull().defaultTo(""));
  attempts = c.instant(attempts, "at", (col) => col.notNull());
  await attempts.execute();
  await s.createIndex("login_attempts_email_at").on("login_attempts").columns(["email", "at"]).execute();
  await s.createIndex("login_attempts_ip_at").on("login_attempts").columns(["ip", "at"]).execute();

  await s
    .createTable("sbi_codes")
    .addColumn("code", "text", (col) => col.primaryKey())
    .addColumn("level", "text", (col) => col.notNull())
    .addColumn("parent", "text")
    .addColumn("section", "text", (col) => col.notNull())
    .addColumn("name_nl", "text", (col) => col.notNull())
    .addColumn("name_en", "text", (col) => col.notNull())
    .execute();

  // Four-digit postcode areas with a centroid: offline geocoding of relations.
  await s
    .createTable("postcode_areas")
    .addColumn("pc4", "text", (col) => col.primaryKey())
    .addColumn("lat", "double precision", (col) => col.notNull())
    .addColumn("lon", "double precision", (col) => col.notNull())
    .addColumn("place", "text")
    .execute();

  let rel = c.id(s.createTable("relations"))
    .addColumn("name", "text", (col) => col.notNull());
  // name_key: the name normalised (lower case, no diacritics) for sorting and prefix search.
  rel = c.key(rel, "name_key", (col) => col.notNull());
  rel = rel
    .addColumn("legal_form", "text")
    .addColumn("kvk_number", "text", (col) => col.unique())
    .addColumn("debtor_number", "text", (col) => col.unique())
    .addColumn("kind", "text", (col) => col.notNull().defaultTo("customer_side"))
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("account_class", "text")
    .addColumn("class_override_reason", "text");
  rel = c.bool(rel, "class_override", false);
  rel = rel
    .addColumn("visit_street", "text")
    .addColumn("visit_house_number", "text")
    .addColumn("visit_postcode", "text")
    .addColumn("visit_city", "text");
  rel = c.key(rel, "city_key", (col) => col.notNull().defaultTo(""));
  rel = rel
    .addColumn("visit_country", "text", (col) => col.notNull().defaultTo("NL"))
    .addColumn("postal_street", "text")
    .addColumn("postal_house_number", "text")
    .addColumn("postal_postcode", "text")
    .addColumn("postal_city", "text")
    .addColumn("postal_country", "text")
    .addColumn("phone", "text")
    .addColumn("website", "text")
    .addColumn("email", "text")
    .addColumn("parent_id", "integer", (col) => col.references("relations.id").onDelete("set null"))
    .addColumn("owner_id", "integer", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("rayon_id", "integer", (col) => col.references("rayons.id").onDelete("set null"))
    .addColumn("segment_id", "integer", (col) => col.references("market_segments.id").onDelete("set null"));
  rel = c.cents(rel, "revenue_potential_cents");
  rel = rel.addColumn("current_supplier", "text");
  rel = c.date(rel, "contract_end_date");
  rel = rel
    .addColumn("competitor_price_note", "text")
    .addColumn("product_interests", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("notes", "text")
    // Coordinates for distance and planning, with where they came from (pc4, place, manual).
    .addColumn("lat", "double precision")
    .addColumn("lon", "double precision")
    .addColumn("geo_source", "text");
  rel = c.instant(rel, "created_at", (col) => col.notNull());
  rel = c.instant(rel, "updated_at", (col) => col.notNull());
  await rel.addColumn("version", "integer", (col) => col.notNull().defaultTo(1)).execute();

  for (const [name, cols] of [
    ["relations_name", ["name_key", "id"]],
    ["relations_city", ["city_key", "name_key", "id"]],
    ["relations_status", ["status", "name_key", "id"]],
    ["relations_class", ["account_class", "name_key", "id"]],
    ["relations_owner", ["owner_id", "name_key", "id"]],
    ["relations_rayon", ["rayon_id", "name_key", "id"]],
    ["relations_postcode", ["visit_postcode"]],
    ["relations_parent", ["parent_id"]],
    ["relations_updated", ["updated_at", "id"]],
  ] as const) {
    await s.createIndex(name).on("relations").columns([...cols]).execute();
  }

  await s
    .createTable("relation_sbi_codes")
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    .addColumn("sbi_code", "text", (col) => col.notNull().references("sbi_codes.code"))
    // The section letter (A..V) denormalised so the section filter is one indexed lookup.
    .addColumn("section", "text", (col) => col.notNull())
    .addColumn("position", "integer", (col) => col.notNull())
    .addPrimaryKeyConstraint("relation_sbi_codes_pk", ["relation_id", "sbi_code"])
    .execute();
  await s.createIndex("relation_sbi_section").on("relation_sbi_codes").columns(["section", "relation_id"]).execute();

  // Word-prefix search: one row per normalised word of name, city, postcode, KvK and debtor number.
  let terms = c
    .key(s.createTable("relation_search_terms"), "term", (col) => col.notNull())
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("relation_search_terms_pk", ["term" as never, "relation_id"]);
  if (isSqlite(db)) terms = terms.modifyEnd(sql`without rowid`);
  await terms.execute();
  await s.createIndex("relation_search_terms_relation").on("relation_search_terms").column("relation_id").execute();

  let statusChanges = c.id(s.createTable("relation_status_changes"))
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (col) => col.notNull())
    .addColumn("reason", "text", (col) => col.notNull())
    .addColumn("changed_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  statusChanges = c.instant(statusChanges, "changed_at", (col) => col.notNull());
  await statusChanges.execute();
  await s.createIndex("relation_status_changes_relation").on("relation_status_changes").columns(["relation_id", "id"]).execute();

  let classChanges = c.id(s.createTable("relation_class_changes"))
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    .addColumn("from_class", "text")
    .addColumn("to_class", "text")
    .addColumn("reason", "text")
    .addColumn("changed_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  classChanges = c.bool(classChanges, "override", false);
  classChanges = c.instant(classChanges, "changed_at", (col) => col.notNull());
  await classChanges.execute();
  await s.createIndex("relation_class_changes_relation").on("relation_class_changes").columns(["relation_id", "id"]).execute();

  // Audit trail of the fields that matter, for relations and everything hanging off them.
  let audit = c.id(s.createTable("audit_log"))
    .addColumn("entity", "text", (col) => col.notNull())
    .addColumn("entity_id", "integer", (col) => col.notNull())
    .addColumn("relation_id", "integer")
    .addColumn("field", "text", (col) => col.notNull())
    .addColumn("old_value", "text")
    .addColumn("new_value", "text")
    .addColumn("user_id", "integer", (col) => col.references("users.id").onDelete("set null"));
  audit = c.instant(audit, "at", (col) => col.notNull());
  await audit.execute();
  await s.createIndex("audit_log_relation").on("audit_log").columns(["relation_id", "id"]).execute();
  await s.createIndex("audit_log_entity").on("audit_log").columns(["entity", "entity_id", "id"]).execute();

  let persons = c.id(s.createTable("persons"))
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    .addColumn("first_name", "text")
    .addColumn("initials", "text")
    .addColumn("infix", "text")
    .addColumn("last_name", "text", (col) => col.notNull());
  // Sorted on last name without infix ("van der Berg" sorts under B).
  persons = c.key(persons, "sort_key", (col) => col.notNull());
  persons = persons
    .addColumn("gender", "text", (col) => col.notNull().defaultTo("x"))
    .addColumn("title", "text")
    .addColumn("job_title", "text")
    .addColumn("department", "text")
    .addColumn("phone_direct", "text")
    .addColumn("phone_mobile", "text")
    .addColumn("email", "text")
    .addColumn("linkedin_url", "text")
    .addColumn("notes", "text");
  persons = c.bool(persons, "active", true);
  persons = c.date(persons, "left_on");
  persons = c.instant(persons, "created_at", (col) => col.notNull());
  persons = c.instant(persons, "updated_at", (col) => col.notNull());
  await persons.addColumn("version", "integer", (col) => col.notNull().defaultTo(1)).execute();
  await s.createIndex("persons_relation").on("persons").columns(["relation_id", "sort_key"]).execute();
  await s.createIndex("persons_sort").on("persons").columns(["sort_key", "id"]).execute();
  await s.createIndex("persons_email").on("persons").column("email").execute();

  await s
    .createTable("person_dmu_roles")
    .addColumn("person_id", "integer", (col) => col.notNull().references("persons.id").onDelete("cascade"))
    .addColumn("role", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("person_dmu_roles_pk", ["person_id", "role"])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    "person_dmu_roles",
    "persons",
    "audit_log",
    "relation_class_changes",
    "relation_status_changes",
    "relation_search_terms",
    "relation_sbi_codes",
    "relations",
    "postcode_areas",
    "sbi_codes",
    "login_attempts",
    "api_tokens",
    "sessions",
    "user_rayons",
    "users",
    "market_segments",
    "rayons",
    "app_settings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
