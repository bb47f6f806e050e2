// HTTP shapes of follow-ups (vervolgacties) and "My day".
import { type Static, Type } from "typebox";
import { QUICK_CHOICES } from "../../domain/followup-dates.js";
import { IsoDateString, Nullable, Ref, literals, Id } from "../../server/schema-helpers.js";
import { Appointment } from "../appointments/appointment.schemas.js";
import { MyDayNews } from "../news/news.schemas.js";
import { ListScopeParam } from "../users/list-scope.schemas.js";


export const FOLLOW_UP_STATUSES = ["open", "done"] as const;

/** A due date is either a date or a quick choice ("6m") counted from the contact moment's date or today. */
export const FollowUpCreate = Type.Object(
  {
    action: Type.String({ minLength: 1, maxLength: 500 }),
    dueDate: Type.Optional(IsoDateString),
    quickChoice: Type.Optional(literals(QUICK_CHOICES)),
    assignedTo: Type.Optional(Id({ description: "default: the relation's owner, else you" })),
    personId: Type.Optional(Nullable(Id())),
  },
  { additionalProperties: false },
);
export type FollowUpCreateInput = Static<typeof FollowUpCreate>;

export const FollowUpPatch = Type.Object(
  {
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    dueDate: Type.Optional(IsoDateString),
    quickChoice: Type.Optional(literals(QUICK_CHOICES)),
    assignedTo: Type.Optional(Id()),
    personId: Type.Optional(Nullable(Id())),
    status: Type.Optional(literals(FOLLOW_UP_STATUSES)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type FollowUpPatchInput = Static<typeof FollowUpPatch>;

export const FollowUp = Type.Object({
  id: Type.Integer(),
  relation: Ref,
  person: Nullable(Ref),
  activityId: Nullable(Type.Integer()),
  assignedTo: Ref,
  action: Type.String(),
  dueDate: Type.String(),
  status: Type.String(),
  /** overdue · today · upcoming · done, on today's Amsterdam date. */
  timing: Type.String(),
  doneAt: Nullable(Type.String()),
  doneBy: Nullable(Ref),
  createdBy: Nullable(Ref),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type FollowUpDto = Static<typeof FollowUp>;

export const FOLLOW_UP_TIMINGS = ["overdue", "today", "upcoming"] as const;

export const FollowUpListQuery = Type.Object(
  {
    scope: ListScopeParam,
    assignee: Type.Optional(Type.Array(Id())),
    status: Type.Optional(literals([...FOLLOW_UP_STATUSES, "any"])),
    timing: Type.Optional(literals(FOLLOW_UP_TIMINGS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type FollowUpListQueryInput = Static<typeof FollowUpListQuery>;

export const QuickDates = Type.Object({
  from: Type.String(),
  choices: Type.Array(Type.Object({ choice: Type.String(), date: Type.String() })),
});

const Section = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), count: Type.Integer({ description: "all of them; items holds at most 200" }) });

export const PlannedContactMoment = Type.Object({
  activityId: Type.Integer(),
  relation: Ref,
  kind: Type.String(),
  occurredAt: Type.String(),
  occurredOn: Type.String(),
  nextStep: Nullable(Type.String()),
});

export const ContractRenewal = Type.Object({
  relation: Ref,
  city: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  status: Type.String(),
  accountClass: Nullable(Type.String()),
  currentSupplier: Nullable(Type.String()),
  contractEndDate: Type.String(),
  daysLeft: Type.Integer(),
  proposeFrom: Type.String(),
});

export const MyDay = Type.Object({
  date: Type.String({ description: "today in Europe/Amsterdam" }),
  user: Ref,
  overdue: Section(FollowUp),
  dueToday: Section(FollowUp),
  /** Open follow-ups due in the coming days (tomorrow up to `upcomingDays` ahead). */
  upcoming: Type.Object({ days: Type.Integer(), items: Type.Array(FollowUp), count: Type.Integer() }),
  /** Today's planned appointments from the agenda, in time order. */
  agenda: Type.Object({ items: Type.Array(Appointment) }),
  /** New items of the news feeds of the user's own relations since they last marked them read. */
  news: MyDayNews,
  /** The drive before each of today's appointments: from home to the first, then from one to the next. */
  agendaTravel: Type.Array(
    Type.Object({
      appointmentId: Type.Integer(),
      from: Type.Union([Type.Literal("home"), Type.Literal("previous")]),
      minutes: Type.Integer({ description: "driving, with the parking and walking allowance" }),
      km: Type.Number(),
      estimate: Type.Boolean({ description: "true: a straight-line estimate with a detour factor, not a road route" }),
    }),
  ),
  appointments: Type.Object({
    source: Type.Literal("planned_contact_moments", {
      description: "contact moments recorded ahead that you take part in, in the coming 14 days (beside the agenda)",
    }),
    items: Type.Array(PlannedContactMoment),
  }),
  contractRenewals: Type.Object({ windowDays: Type.Integer(), items: Type.Array(ContractRenewal), count: Type.Integer() }),
});

export const OverdueByRep = Type.Object({
  date: Type.String(),
  items: Type.Array(Type.Object({ user: Ref, active: Type.Boolean(), overdue: Type.Integer(), oldestDueDate: Type.String() })),
  total: Type.Integer(),
});
