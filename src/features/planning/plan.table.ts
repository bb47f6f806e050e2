// Row types of cycle plans (migration 0016).
import type { Generated } from "kysely";
import type { Flag, Instant, IsoDate } from "../../db/types.js";

export interface PlanningPlansTable {
  id: Generated<number>;
  for_user_id: number;
  created_by: number | null;
  /** "draft" | "accepted" | "discarded" */
  state: Generated<string>;
  job_id: number | null;
  start_date: IsoDate;
  end_date: IsoDate;
  weeks: number;
  cycle_weeks: number;
  /** JSON: the request the plan was made with. */
  settings: string;
  /** JSON: PlanSummary (what did not fit and why, relations without a location, norm conflicts). */
  summary: string;
  travel_model: string;
  created_at: Instant;
  updated_at: Instant;
  accepted_at: Instant | null;
  accepted_by: number | null;
  version: Generated<number>;
}

export interface PlanningPlanDaysTable {
  plan_id: number;
  date: IsoDate;
  slot: string | null;
  off: Flag;
  /** Minutes since midnight, Amsterdam. */
  leave_home: number | null;
  return_home: number | null;
  travel_minutes: number;
  selling_minutes: number;
  exact: Flag;
}

export interface PlanningPlanVisitsTable {
  id: Generated<number>;
  plan_id: number;
  date: IsoDate;
  seq: number;
  relation_id: number;
  /** "planned" | "fixed" */
  kind: string;
  appointment_id: number | null;
  visit_type: string | null;
  /** Minutes since midnight, Amsterdam. */
  arrival: number;
  start_minute: number;
  duration_minutes: number;
  travel_minutes: number;
  due_date: IsoDate | null;
  moved_from: IsoDate | null;
}

export interface PlanningTables {
  planning_plans: PlanningPlansTable;
  planning_plan_days: PlanningPlanDaysTable;
  planning_plan_visits: PlanningPlanVisitsTable;
}
