// Row type of follow-ups (vervolgacties, migration 0002).
import type { Generated } from "kysely";
import type { Instant, IsoDate } from "../../db/types.js";

export interface FollowUpsTable {
  id: Generated<number>;
  relation_id: number;
  /** The person to contact, when there is one. */
  person_id: number | null;
  /** The contact moment it was set from. */
  activity_id: number | null;
  assigned_to: number;
  action: string;
  /** "open" | "done" */
  status: Generated<string>;
  due_date: IsoDate;
  done_at: Instant | null;
  done_by: number | null;
  created_by: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface FollowUpTables {
  follow_ups: FollowUpsTable;
}
