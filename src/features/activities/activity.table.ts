// Row types of contact moments (activities), their participants and attachments (migration 0002).
import type { Generated } from "kysely";
import type { Instant, IsoDate } from "../../db/types.js";

export interface ActivitiesTable {
  id: Generated<number>;
  relation_id: number;
  kind: string;
  occurred_at: Instant;
  /** Amsterdam date of occurred_at. */
  occurred_on: IsoDate;
  sales_method: string | null;
  notes: string | null;
  internal_notes: string | null;
  outcome: string | null;
  /** Win chance (vk%) 0–100. */
  win_chance: number | null;
  next_step: string | null;
  created_by: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface ActivityUsersTable {
  activity_id: number;
  user_id: number;
  /** Copy of activities.occurred_at (see the migration). */
  occurred_at: Instant;
}

export interface ActivityPersonsTable {
  activity_id: number;
  person_id: number;
}

export interface ActivityAttachmentsTable {
  id: Generated<number>;
  activity_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: Instant;
}

export interface ActivityTables {
  activities: ActivitiesTable;
  activity_users: ActivityUsersTable;
  activity_persons: ActivityPersonsTable;
  activity_attachments: ActivityAttachmentsTable;
}
