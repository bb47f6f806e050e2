// HTTP shape of the day's route as the agenda has it (planning/agenda-route.ts), for GET
// /api/my-day/route and the field app's bundle.
import { Type } from "typebox";
import { IsoDateString, Nullable } from "../../server/schema-helpers.js";

const Hhmm = Type.String({ pattern: "^\\d{2}:\\d{2}$", description: "HH:MM on the Amsterdam clock" });
const RelationRef = Type.Object({ id: Type.Integer(), name: Type.String() });

export const AgendaRoute = Type.Object({
  date: Type.String(),
  travelModel: Type.String({ description: '"osrm" or "haversine" (the straight-line estimate)' }),
  home: Nullable(Type.Object({ lat: Type.Number(), lon: Type.Number() })),
  leaveHome: Nullable(Hhmm),
  returnHome: Nullable(Hhmm),
  travelMinutes: Type.Integer({ description: "minutes of all drives, home to home" }),
  km: Type.Number(),
  stops: Type.Array(
    Type.Object({
      appointmentId: Type.Integer(),
      appointmentVersion: Type.Integer(),
      mayChange: Type.Boolean(),
      relation: RelationRef,
      address: Nullable(Type.String()),
      lat: Type.Number(),
      lon: Type.Number(),
      from: Nullable(Type.Union([Type.Literal("home"), Type.Literal("previous")])),
      travelMinutes: Nullable(Type.Integer({ description: "minutes of the drive before this stop, parking and walking included" })),
      km: Nullable(Type.Number()),
      arrival: Hhmm,
      start: Hhmm,
      departure: Hhmm,
      late: Type.Boolean({ description: "the previous visit ends too late to be here at the start" }),
      pending: Type.Optional(Type.Boolean({ description: "field app offline: moved on the device, waiting to be sent" })),
    }),
  ),
  withoutLocation: Type.Array(Type.Object({ appointmentId: Type.Integer(), relation: RelationRef, start: Hhmm, departure: Hhmm })),
});

export const TravelTable = Type.Object(
  {
    model: Type.String(),
    stopSeconds: Type.Integer({ description: "seconds to park and walk, added per visit" }),
    points: Type.Array(Type.Object({ relationId: Nullable(Type.Integer({ description: "null: the rep's home" })), lat: Type.Number(), lon: Type.Number() })),
    seconds: Type.Array(Type.Number(), { description: "row-major n × n driving seconds between the points" }),
    meters: Type.Array(Type.Number(), { description: "row-major n × n road metres between the points" }),
  },
  { description: "travel between home and the bundle's relations, so the device lays a day's route anew after a move" },
);

export const AgendaRouteQuery = Type.Object({ date: Type.Optional(IsoDateString) }, { additionalProperties: false });
