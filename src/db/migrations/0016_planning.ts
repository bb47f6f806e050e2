// Cycle plans (issue 10): a plan of one rep's coming weeks — its days with travel and selling
// minutes, and its visits (planned ones and the fixed appointments they were planned around). A plan
// is a draft until accepted (its visits then become appointments) or discarded; `version` guards
// accepting and discarding (If-Match).
import { columns, type MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let plans = c.id(db.schema.createTable("planning_plans"));
  plans = plans
    .addColumn("for_user_id", "integer", (col) => col.notNull().references("users.id"))
    .addColumn("created_by", "integer", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("state", "text", (col) => col.notNull().defaultTo("draft"))
    // The planning.cycle job that made it: a job resumed after a crash finds its plan again.
    .addColumn("job_id", "integer");
  plans = c.date(plans, "start_date", (col) => col.notNull());
  plans = c.date(plans, "end_date", (col) => col.notNull());
  plans = plans
    .addColumn("weeks", "integer", (col) => col.notNull())
    .addColumn("cycle_weeks", "integer", (col) => col.notNull())
    // The request as JSON (last start, visit minutes, days off): what the plan was made with.
    .addColumn("settings", "text", (col) => col.notNull())
    // What did not fit and why, relations without a location, norm conflicts: JSON.
    .addColumn("summary", "text", (col) => col.notNull())
    .addColumn("travel_model", "text", (col) => col.notNull());
  plans = c.instant(plans, "created_at", (col) => col.notNull());
  plans = c.instant(plans, "updated_at", (col) => col.notNull());
  plans = c.instant(plans, "accepted_at");
  plans = plans.addColumn("accepted_by", "integer", (col) => col.references("users.id").onDelete("set null")).addColumn("version", "integer", (col) => col.notNull().defaultTo(1));
  await plans.execute();
  await db.schema.createIndex("planning_plans_user").on("planning_plans").columns(["for_user_id", "id"]).execute();

  let days = db.schema.createTable("planning_plan_days").addColumn("plan_id", "integer", (col) => col.notNull().references("planning_plans.id").onDelete("cascade"));
  days = c.date(days, "date", (col) => col.notNull());
  days = days
    .addColumn("slot", "text")
    .addColumn("off", "smallint", (col) => col.notNull().defaultTo(0))
    // Minutes since midnight (Amsterdam) of leaving and coming home; null on a day without visits.
    .addColumn("leave_home", "integer")
    .addColumn("return_home", "integer")
    .addColumn("travel_minutes", "integer", (col) => col.notNull())
    .addColumn("selling_minutes", "integer", (col) => col.notNull())
    .addColumn("exact", "smallint", (col) => col.notNull().defaultTo(1));
  await days.execute();
  await db.schema.createIndex("planning_plan_days_plan_date").on("planning_plan_days").columns(["plan_id", "date"]).unique().execute();

  let visits = c.id(db.schema.createTable("planning_plan_visits"));
  visits = visits.addColumn("plan_id", "integer", (col) => col.notNull().references("planning_plans.id").onDelete("cascade"));
  visits = c.date(visits, "date", (col) => col.notNull());
  visits = visits
    .addColumn("seq", "integer", (col) => col.notNull())
    .addColumn("relation_id", "integer", (col) => col.notNull().references("relations.id").onDelete("cascade"))
    // "planned" (made by the plan) or "fixed" (an appointment that was already in the agenda).
    .addColumn("kind", "text", (col) => col.notNull())
    // fixed: the appointment planned around; planned: the appointment made on accepting.
    .addColumn("appointment_id", "integer", (col) => col.references("appointments.id").onDelete("set null"))
    .addColumn("visit_type", "text")
    // Minutes since midnight (Amsterdam): arrival and start; travel minutes from the previous stop.
    .addColumn("arrival", "integer", (col) => col.notNull())
    .addColumn("start_minute", "integer", (col) => col.notNull())
    .addColumn("duration_minutes", "integer", (col) => col.notNull())
    .addColumn("travel_minutes", "integer", (col) => col.notNull());
  visits = c.date(visits, "due_date");
  visits = c.date(visits, "moved_from");
  await visits.execute();
  await db.schema.createIndex("planning_plan_visits_plan").on("planning_plan_visits").columns(["plan_id", "date", "seq"]).execute();
  await db.schema.createIndex("planning_plan_visits_appointment").on("planning_plan_visits").column("appointment_id").execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable("planning_plan_visits").execute();
  await db.schema.dropTable("planning_plan_days").execute();
  await db.schema.dropTable("planning_plans").execute();
}
