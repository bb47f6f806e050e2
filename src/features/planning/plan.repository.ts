// SQL of cycle plans. Every read is built for a Viewer through agendaScope (domain/access.ts): a plan
// is read by those who read its rep's agenda (the rep, who made it, inside sales for the field reps
// of its rayons, managers); outside that scope it does not exist.
import type { AgendaScope } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { agendaScopeCondition } from "../appointments/appointment.repository.js";

function selectPlans(db: Db) {
  return db
    .selectFrom("planning_plans as p")
    .innerJoin("users as u", "u.id", "p.for_user_id")
    .leftJoin("users as c", "c.id", "p.created_by")
    .leftJoin("users as a", "a.id", "p.accepted_by")
    .select([
      "p.id",
      "p.for_user_id",
      "u.name as for_user_name",
      "p.created_by",
      "c.name as created_by_name",
      "p.state",
      "p.start_date",
      "p.end_date",
      "p.weeks",
      "p.cycle_weeks",
      "p.settings",
      "p.summary",
      "p.travel_model",
      "p.created_at",
      "p.updated_at",
      "p.accepted_at",
      "p.accepted_by",
      "a.name as accepted_by_name",
      "p.version",
    ]);
}

type Select = ReturnType<typeof selectPlans>;
export type PlanRow = Awaited<ReturnType<Select["executeTakeFirstOrThrow"]>>;

function inScope(q: Select, scope: AgendaScope): Select {
  // The same rule as the agenda's: a plan is read where its rep's agenda is.
  return scope.all ? q : q.where(agendaScopeCondition("p", scope));
}

export function findPlan(db: Db, id: number, scope: AgendaScope) {
  return inScope(selectPlans(db).where("p.id", "=", id), scope).executeTakeFirst();
}

export function listPlans(db: Db, scope: AgendaScope, userId: number | undefined, limit: number) {
  let q = inScope(selectPlans(db), scope);
  if (userId !== undefined) q = q.where("p.for_user_id", "=", userId);
  return q.orderBy("p.id", "desc").limit(limit).execute();
}

export function daysOf(db: Db, planId: number) {
  return db.selectFrom("planning_plan_days").selectAll().where("plan_id", "=", planId).orderBy("date").execute();
}

export function visitsOf(db: Db, planId: number) {
  return db
    .selectFrom("planning_plan_visits as v")
    .innerJoin("relations as r", "r.id", "v.relation_id")
    .select([
      "v.id",
      "v.date",
      "v.seq",
      "v.relation_id",
      "r.name as relation_name",
      "r.visit_city",
      "r.account_class",
      "v.kind",
      "v.appointment_id",
      "v.visit_type",
      "v.arrival",
      "v.start_minute",
      "v.duration_minutes",
      "v.travel_minutes",
      "v.due_date",
      "v.moved_from",
    ])
    .where("v.plan_id", "=", planId)
    .orderBy("v.date")
    .orderBy("v.seq")
    .execute();
}

export type PlanVisitRow = Awaited<ReturnType<typeof visitsOf>>[number];
