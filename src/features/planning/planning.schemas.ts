// HTTP shapes of rayon planning: the request for a cycle plan or a day's route, and a cycle plan.
import { type Static, Type } from "typebox";
import { Id, IsoDateString, Nullable, Ref } from "../../server/schema-helpers.js";
import { AppointmentWarning } from "../appointments/appointment.schemas.js";

const Time = Type.String({ pattern: "^\\d{2}:\\d{2}$", description: "HH:MM on the Amsterdam clock" });
const Minutes = (description: string) => Type.Integer({ minimum: 5, maximum: 480, description });

export const CyclePlanRequest = Type.Object(
  {
    userId: Type.Optional(Id({ description: "the rep to plan for; default you (acting-for policy: docs/security.md)" })),
    startDate: Type.Optional({ ...IsoDateString, description: "first day of the plan (default: next Monday)" }),
    weeks: Type.Integer({ description: "weeks to plan, 1 to 12 (a 2- or 3-week cycle once or more)" }),
    lastStart: Type.Optional({ ...Time, description: "latest start of a visit (default 16:00)" }),
    visitMinutes: Type.Optional(
      Type.Object({ first_visit: Type.Optional(Minutes("a first visit (prospects, suspects)")), follow_up: Type.Optional(Minutes("a visit to a customer")) }, { additionalProperties: false }),
    ),
    daysOff: Type.Optional(Type.Array(IsoDateString, { maxItems: 60, description: "dates without visits (leave, training)" })),
  },
  { additionalProperties: false },
);
export type CyclePlanRequestInput = Static<typeof CyclePlanRequest>;

export const RouteRequest = Type.Object(
  {
    userId: Type.Optional(Id({ description: "whose day; default you" })),
    date: IsoDateString,
    lastStart: Type.Optional({ ...Time, description: "latest start of a movable visit (default 16:00)" }),
    planId: Type.Optional(Id({ description: "a draft cycle plan of the same rep: its visits of the date join the route" })),
    replanFrom: Type.Optional({
      ...Time,
      description: "re-plan the rest of the day from this time (a visit was cancelled): visits planned to start before it stay as they were, movable ones after it start no earlier",
    }),
    againstTraffic: Type.Optional(
      Type.Boolean({ description: "travel against the traffic: drives into Amsterdam, Rotterdam, Den Haag or Utrecht in the morning peak (07:00–09:30) and out of them in the evening peak (16:00–18:30) take longer (docs/planning.md)" }),
    ),
  },
  { additionalProperties: false },
);

const PlanVisit = Type.Object({
  relation: Ref,
  city: Nullable(Type.String()),
  accountClass: Nullable(Type.String()),
  kind: Type.Union([Type.Literal("planned"), Type.Literal("fixed")], { description: "planned by this plan, or an appointment already in the agenda" }),
  appointmentId: Nullable(Type.Integer({ description: "fixed: the appointment; planned: the one made on accepting" })),
  visitType: Nullable(Type.String()),
  arrival: Time,
  start: Time,
  end: Time,
  durationMinutes: Type.Integer(),
  travelMinutes: Type.Integer({ description: "minutes driven from the previous stop (home for the first), parking included" }),
  due: Nullable(IsoDateString),
  movedFrom: Nullable({ ...IsoDateString, description: "the earlier sub-area day it should have had (full or a day off): moved a cycle" }),
});

const PlanDay = Type.Object({
  date: IsoDateString,
  slot: Nullable(Type.String({ description: "cycle day: week-weekday, e.g. 2-3 = week 2, Wednesday" })),
  off: Type.Boolean(),
  leaveHome: Nullable(Time),
  returnHome: Nullable(Time),
  travelMinutes: Type.Integer(),
  sellingMinutes: Type.Integer(),
  exact: Type.Boolean({ description: "the order is proven to have least travel" }),
  visits: Type.Array(PlanVisit),
});

const Summary = Type.Object({
  dueVisits: Type.Integer(),
  plannedVisits: Type.Integer(),
  unplaced: Type.Array(
    Type.Object({
      relation: Ref,
      reason: Type.String({ description: "day_full: its sub-area's day had no room in any cycle of the plan; day_off: its day was a day off" }),
      due: IsoDateString,
      tried: Type.Array(IsoDateString),
    }),
  ),
  withoutLocation: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), postcode: Nullable(Type.String()), city: Nullable(Type.String()) })),
  normConflicts: Type.Array(Type.Object({ relation: Ref, norm: Type.Integer(), possible: Type.Integer({ description: "visits a year its sub-area day allows" }) })),
  dayClashes: Type.Array(
    Type.Object(
      {
        date: IsoDateString,
        subAreas: Type.Array(Type.Object({ id: Type.Integer(), rayon: Ref, cycleWeeks: Type.Integer(), week: Type.Integer(), weekday: Type.Integer() })),
      },
      { description: "a date on which sub-areas of different rayons (of different cycle lengths, or the same cycle day) both have their day: their visits share that day's route" },
    ),
  ),
  travelNote: Nullable(Type.String()),
});

export const CyclePlan = Type.Object({
  id: Type.Integer(),
  forUser: Ref,
  createdBy: Nullable(Ref),
  state: Type.Union([Type.Literal("draft"), Type.Literal("accepted"), Type.Literal("discarded")]),
  startDate: IsoDateString,
  endDate: IsoDateString,
  weeks: Type.Integer(),
  cycleWeeks: Type.Integer(),
  lastStart: Time,
  visitMinutes: Type.Object({ first_visit: Type.Integer(), follow_up: Type.Integer() }),
  daysOff: Type.Array(IsoDateString),
  travelModel: Type.String(),
  createdAt: Type.String(),
  acceptedAt: Nullable(Type.String()),
  acceptedBy: Nullable(Ref),
  version: Type.Integer(),
  totals: Type.Object({ travelMinutes: Type.Integer(), sellingMinutes: Type.Integer(), plannedVisits: Type.Integer(), fixedVisits: Type.Integer() }),
  summary: Summary,
  days: Type.Array(PlanDay),
});

export const RouteAcceptRequest = Type.Object(
  {
    userId: Type.Optional(Id({ description: "whose day; default you" })),
    date: IsoDateString,
    stops: Type.Array(
      Type.Object(
        {
          appointmentId: Id(),
          version: Type.Integer({ minimum: 1, description: "the appointment's version the route was made with (appointmentVersion): a change since is 412" }),
          start: { ...Time, description: "its start in the route" },
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

export const RouteAcceptResult = Type.Object({
  date: IsoDateString,
  moved: Type.Array(
    Type.Object({
      appointmentId: Type.Integer(),
      from: Time,
      to: Time,
      version: Type.Integer(),
      warnings: Type.Array(AppointmentWarning, { description: "the agenda's warnings of the appointment at its new time (an overlap is a warning, never a refusal)" }),
    }),
    { description: "the appointments that got a new start" },
  ),
});

export const CyclePlanListItem = Type.Object({
  id: Type.Integer(),
  forUser: Ref,
  state: Type.String(),
  startDate: IsoDateString,
  endDate: IsoDateString,
  weeks: Type.Integer(),
  createdAt: Type.String(),
  version: Type.Integer(),
});

export const PlanningRep = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  hasHome: Type.Boolean(),
  subAreas: Type.Integer({ description: "sub-areas on cycle days in the rep's rayons" }),
  cycleWeeks: Nullable(Type.Integer()),
});
