// The CRM memory (issue 3): contact moments with participants and attachments, follow-ups, mailing
// consent with its proof, GDPR erasures, and the indexes "My day", "nearby" and the reports need.
import { columns, isSqlite, type MigrationDb } from "./columns.js";

/** Binary column: attachments are stored in the database (bytea on PostgreSQL, blob on SQLite). */
export function blobType(db: MigrationDb) {
  return isSqlite(db) ? ("blob" as const) : ("bytea" as const);
}

/** Settings with their defaults, so that an administrator sees what can be configured. */
export const CRM_MEMORY_SETTINGS: Readonly<Record<string, string>> = {
  // A price proposal is due this many days before a relation's contract with its supplier ends.
  "followups.proposal_window_days": "60",
  // Visits per twelve months for each account class.
  "reports.visit_norms": JSON.stringify({ key: 12, A: 6, B: 4, C: 1 }),
  // Persons of relations dead for longer than this many months are erased by `koers gdpr purge`.
  "gdpr.dead_relation_retention_months": "24",
};

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  const s = db.schema;

  let activities = c.id(s.createTable("activities"))
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id"))
    .addColumn("kind", "text", (col) => col.notNull());
  activities = c.instant(activities, "occurred_at", (col) => col.notNull());
  // The Amsterdam calendar date of occurred_at: reports and norms count by the date people plan in.
  activities = c.date(activities, "occurred_on", (col) => col.notNull());
  activities = activities
    .addColumn("sales_method", "text")
    // Plain text, never HTML: the web app renders it as text.
    .addColumn("notes", "text")
    .addColumn("internal_notes", "text")
    .addColumn("outcome", "text")
    .addColumn("win_chance", "smallint")
    .addColumn("next_step", "text")
    .addColumn("created_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  activities = c.instant(activities, "created_at", (col) => col.notNull());
  activities = c.instant(activities, "updated_at", (col) => col.notNull());
  await activities.addColumn("version", "integer", (col) => col.notNull().defaultTo(1)).execute();
  // Timeline of a relation, newest first; visits per relation in a date range; reports by date.
  await s.createIndex("activities_relation").on("activities").columns(["relation_id", "occurred_at", "id"]).execute();
  await s.createIndex("activities_kind_on").on("activities").columns(["kind", "occurred_on", "relation_id"]).execute();
  await s.createIndex("activities_on").on("activities").columns(["occurred_on"]).execute();

  // Our users who took part. occurred_at is copied from the activity (kept in step on every change)
  // so that a user's planned contact moments are one index range, without touching activities.
  let actUsers = s
    .createTable("activity_users")
    .addColumn("activity_id", "integer", (col) => col.notNull().references("activities.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"));
  actUsers = c.instant(actUsers, "occurred_at", (col) => col.notNull());
  await actUsers.addPrimaryKeyConstraint("activity_users_pk", ["activity_id", "user_id"]).execute();
  await s.createIndex("activity_users_user").on("activity_users").columns(["user_id", "occurred_at"]).execute();

  // The relation's persons who took part (kept after a GDPR erasure: the person row is anonymised).
  await s
    .createTable("activity_persons")
    .addColumn("activity_id", "integer", (col) => col.notNull().references("activities.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (col) => col.notNull().references("persons.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("activity_persons_pk", ["activity_id", "person_id"])
    .execute();
  await s.createIndex("activity_persons_person").on("activity_persons").columns(["person_id", "activity_id"]).execute();

  let attachments = c.id(s.createTable("activity_attachments"))
    .addColumn("activity_id", "integer", (col) => col.notNull().references("activities.id").onDelete("cascade"))
    .addColumn("file_name", "text", (col) => col.notNull())
    .addColumn("content_type", "text", (col) => col.notNull())
    .addColumn("size_bytes", "integer", (col) => col.notNull())
    .addColumn("sha256", "text", (col) => col.notNull())
    .addColumn("content", blobType(db), (col) => col.notNull())
    .addColumn("uploaded_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  attachments = c.instant(attachments, "uploaded_at", (col) => col.notNull());
  await attachments.execute();
  await s.createIndex("activity_attachments_activity").on("activity_attachments").columns(["activity_id", "id"]).execute();

  let followUps = c.id(s.createTable("follow_ups"))
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id"))
    .addColumn("person_id", "integer", (col) => col.references("persons.id").onDelete("set null"))
    .addColumn("activity_id", "integer", (col) => col.references("activities.id").onDelete("set null"))
    .addColumn("assigned_to", "integer", (col) => col.notNull().references("users.id"))
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull().defaultTo("open"));
  followUps = c.date(followUps, "due_date", (col) => col.notNull());
  followUps = c.instant(followUps, "done_at");
  followUps = followUps
    .addColumn("done_by", "integer", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("created_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  followUps = c.instant(followUps, "created_at", (col) => col.notNull());
  followUps = c.instant(followUps, "updated_at", (col) => col.notNull());
  await followUps.addColumn("version", "integer", (col) => col.notNull().defaultTo(1)).execute();
  // My day: a user's open follow-ups up to today is one range of this index.
  await s.createIndex("follow_ups_assigned").on("follow_ups").columns(["assigned_to", "status", "due_date"]).execute();
  // The manager's overdue-per-rep view: open ones before today, grouped by assignee.
  await s.createIndex("follow_ups_status_due").on("follow_ups").columns(["status", "due_date", "assigned_to"]).execute();
  await s.createIndex("follow_ups_relation").on("follow_ups").columns(["relation_id", "status", "due_date"]).execute();
  await s.createIndex("follow_ups_person").on("follow_ups").columns(["person_id"]).execute();
  await s.createIndex("follow_ups_activity").on("follow_ups").columns(["activity_id"]).execute();

  // Append-only proof of mailing consent: a row is never changed, except that an erasure clears proof.
  let consents = c.id(s.createTable("consents"))
    .addColumn("person_id", "integer", (col) => col.notNull().references("persons.id").onDelete("cascade"))
    .addColumn("purpose", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull());
  consents = c.date(consents, "decided_on", (col) => col.notNull());
  consents = consents
    .addColumn("source", "text", (col) => col.notNull())
    .addColumn("text_version", "text")
    // Free proof such as "form on example.nl, 2026-03-01 10:12"; cleared when the person is erased.
    .addColumn("proof", "text")
    .addColumn("recorded_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  consents = c.instant(consents, "recorded_at", (col) => col.notNull());
  await consents.execute();
  await s.createIndex("consents_person").on("consents").columns(["person_id", "purpose", "id"]).execute();

  // The current state per person and purpose, derived from consents by domain/consent.ts and kept in
  // step in the same transaction, so the mailing list is one indexed join.
  let states = s
    .createTable("consent_states")
    .addColumn("person_id", "integer", (col) => col.notNull().references("persons.id").onDelete("cascade"))
    .addColumn("purpose", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull());
  states = c.date(states, "since");
  states = states
    .addColumn("source", "text")
    .addColumn("text_version", "text")
    .addColumn("consent_id", "integer");
  await states.addPrimaryKeyConstraint("consent_states_pk", ["person_id", "purpose"]).execute();
  await s.createIndex("consent_states_purpose").on("consent_states").columns(["purpose", "state", "person_id"]).execute();

  let erasures = s
    .createTable("person_erasures")
    .addColumn("person_id", "integer", (col) => col.primaryKey().references("persons.id").onDelete("cascade"))
    .addColumn("erased_by", "integer", (col) => col.references("users.id").onDelete("set null"));
  erasures = c.instant(erasures, "erased_at", (col) => col.notNull());
  await erasures.execute();

  // Alternative addresses: a bounding-box prefilter on coordinates. My day: contract ends per owner.
  await s.createIndex("relations_geo").on("relations").columns(["lat", "lon"]).execute();
  await s.createIndex("relations_owner_contract").on("relations").columns(["owner_id", "contract_end_date"]).execute();

  for (const [key, value] of Object.entries(CRM_MEMORY_SETTINGS)) {
    const exists = await db.selectFrom("app_settings").select("key").where("key", "=", key).executeTakeFirst();
    if (!exists) await db.insertInto("app_settings").values({ key, value }).execute();
  }
}

export async function down(db: MigrationDb): Promise<void> {
  await db.deleteFrom("app_settings").where("key", "in", Object.keys(CRM_MEMORY_SETTINGS)).execute();
  await db.schema.dropIndex("relations_owner_contract").execute();
  await db.schema.dropIndex("relations_geo").execute();
  for (const table of [
    "person_erasures",
    "consent_states",
    "consents",
    "follow_ups",
    "activity_attachments",
    "activity_persons",
    "activity_users",
    "activities",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
