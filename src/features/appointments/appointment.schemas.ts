// HTTP shapes of the agenda: appointments, their warnings, and the list by range.
import { type Static, Type } from "typebox";
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, PLACE_KINDS, VISIT_TYPES } from "../../domain/agenda.js";
import { Id, IsoDateString, Nullable, OptionalText, Ref, literals } from "../../server/schema-helpers.js";

const personIds = Type.Array(Id(), { maxItems: 20, uniqueItems: true, description: "persons of the relation to meet" });

const editable = {
  relationId: Id(),
  forUserId: Type.Optional(Type.Integer({ minimum: 1, description: "whose agenda; default you (acting-for policy: docs/security.md)" })),
  visitType: literals(VISIT_TYPES),
  personIds: Type.Optional(personIds),
  placeKind: Type.Optional(literals(PLACE_KINDS)),
  placeText: OptionalText(500),
  start: Type.String({ format: "date-time", description: "ISO 8601 instant with offset, e.g. 2026-12-02T09:00:00+01:00 (planned in Europe/Amsterdam)" }),
  durationMinutes: Type.Integer({ minimum: MIN_DURATION_MINUTES, maximum: MAX_DURATION_MINUTES, description: "minutes" }),
  notes: OptionalText(5_000),
};

export const AppointmentCreate = Type.Object(editable, { additionalProperties: false });
export type AppointmentCreateInput = Static<typeof AppointmentCreate>;

export const AppointmentPatch = Type.Object(
  {
    relationId: Type.Optional(editable.relationId),
    forUserId: editable.forUserId,
    visitType: Type.Optional(editable.visitType),
    personIds: editable.personIds,
    placeKind: editable.placeKind,
    placeText: editable.placeText,
    start: Type.Optional(editable.start),
    durationMinutes: Type.Optional(editable.durationMinutes),
    notes: editable.notes,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AppointmentPatchInput = Static<typeof AppointmentPatch>;

export const AppointmentCancel = Type.Object({ reason: OptionalText(500) }, { additionalProperties: false });

/** Something the planner should know, but that does not stop the appointment. */
export const AppointmentWarning = Type.Object({
  code: Type.Union([Type.Literal("overlap"), Type.Literal("outside_working_hours")]),
  message: Type.String(),
  /** The other appointment, for an overlap. */
  other: Type.Optional(Type.Object({ id: Type.Integer(), relation: Ref, start: Type.String(), end: Type.String() })),
  /** The user's working day, for outside_working_hours. */
  workStart: Type.Optional(Type.String()),
  workEnd: Type.Optional(Type.String()),
});

export const Appointment = Type.Object({
  id: Type.Integer(),
  relation: Type.Object({ id: Type.Integer(), name: Type.String(), status: Type.String() }),
  forUser: Ref,
  createdBy: Nullable(Ref),
  visitType: Type.String(),
  persons: Type.Array(Ref),
  placeKind: Type.String(),
  placeText: Nullable(Type.String()),
  /** The address to go to, from the relation or the text: one line. */
  address: Nullable(Type.String()),
  start: Type.String({ description: "UTC instant" }),
  end: Type.String({ description: "UTC instant" }),
  /** Date and clock time in Europe/Amsterdam. */
  date: Type.String(),
  startTime: Type.String(),
  endTime: Type.String(),
  durationMinutes: Type.Integer(),
  notes: Nullable(Type.String()),
  status: Type.String(),
  cancelReason: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  cancelledBy: Nullable(Ref),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  warnings: Type.Array(AppointmentWarning, { description: "overlaps and working hours, computed on read" }),
  mayChange: Type.Boolean({ description: "whether you may move, change or cancel it (planned, in an agenda you may act for)" }),
});
export type AppointmentDto = Static<typeof Appointment>;

export const AppointmentQuery = Type.Object(
  {
    from: IsoDateString,
    to: IsoDateString,
    userId: Type.Optional(Type.Integer({ minimum: 1, description: "one user's agenda; default every agenda you may see" })),
    relationId: Type.Optional(Id()),
    includeCancelled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const AppointmentList = Type.Object({ from: Type.String(), to: Type.String(), items: Type.Array(Appointment) });

export const AgendaUsers = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), role: Type.String(), mayPlan: Type.Boolean() })),
});
