// The API shapes of contact moments and follow-ups, taken (types only) from the server's schemas.
import type { Static } from "typebox";
import type { ActivityKind, SalesMethod } from "../../../domain/contact-moment.js";
import type { QuickChoice } from "../../../domain/followup-dates.js";
import type { ActivityDto } from "../../../features/activities/activity.schemas.js";
import type { FollowUpDto, QuickDates as QuickDatesSchema } from "../../../features/followups/follow-up.schemas.js";

export type Activity = ActivityDto;
export type Attachment = ActivityDto["attachments"][number];
export type FollowUp = FollowUpDto;
export type QuickDates = Static<typeof QuickDatesSchema>;

export interface ActivityPage {
  items: Activity[];
  nextCursor: string | null;
}

// Bodies are typed here: the server's literal unions come out of TypeBox as never.
export interface FollowUpBody {
  action: string;
  dueDate?: string;
  quickChoice?: QuickChoice;
  assignedTo?: number;
  personId?: number | null;
}

export interface ActivityBody {
  kind?: ActivityKind;
  occurredAt?: string;
  userIds?: number[];
  personIds?: number[];
  salesMethod?: SalesMethod | null;
  notes?: string | null;
  internalNotes?: string | null;
  outcome?: string | null;
  winChance?: number | null;
  nextStep?: string | null;
}

export interface ActivityCreateBody extends ActivityBody {
  kind: ActivityKind;
  followUp?: FollowUpBody;
}

export interface FollowUpPatchBody {
  action?: string;
  dueDate?: string;
  assignedTo?: number;
  status?: "open" | "done";
}
