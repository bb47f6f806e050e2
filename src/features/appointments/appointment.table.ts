// Row types of the agenda (migration 0010).
import type { Generated } from "kysely";
import type { Instant } from "../../db/types.js";

export interface AppointmentsTable {
  id: Generated<number>;
  relation_id: number;
  for_user_id: number;
  created_by: number | null;
  /** domain/agenda.ts VISIT_TYPES */
  visit_type: string;
  /** domain/agenda.ts PLACE_KINDS */
  place_kind: string;
  place_text: string | null;
  starts_at: Instant;
  ends_at: Instant;
  duration_minutes: number;
  notes: string | null;
  /** "planned" | "cancelled" */
  status: Generated<string>;
  cancel_reason: string | null;
  cancelled_by: number | null;
  cancelled_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface AppointmentPersonsTable {
  appointment_id: number;
  person_id: number;
}

export interface AppointmentTables {
  appointments: AppointmentsTable;
  appointment_persons: AppointmentPersonsTable;
}
