// The field app's bundle: what a rep's device keeps for the coming working days (docs/architecture.md,
// "The field app"). Each part has the shape of the route it stands in for offline, so the web app
// answers GET /api/visit-preparations/:id, /api/relations/:id … from it unchanged.
import { Type } from "typebox";
import { Activity } from "../activities/activity.schemas.js";
import { Appointment } from "../appointments/appointment.schemas.js";
import { AgendaRoute, TravelTable } from "../planning/agenda-route.schemas.js";
import { ConsentOverview } from "../consent/consent.schemas.js";
import { FollowUp, MyDay } from "../followups/follow-up.schemas.js";
import { PersonSummary } from "../persons/person.schemas.js";
import { PreparationSheet } from "../preparation/preparation.schemas.js";
import { RelationDetail } from "../relations/relation.schemas.js";

export const OfflineBundle = Type.Object({
  generatedAt: Type.String({ description: "ISO instant the bundle was read" }),
  userId: Type.Integer(),
  mayPlan: Type.Boolean({ description: "whether you may plan in your own agenda (as GET /api/appointments/users says): the field app offers a move offline only then" }),
  days: Type.Array(Type.String(), { description: "the Amsterdam dates covered: today and the next working days" }),
  truncated: Type.Boolean({ description: "true: more appointments than the bound (the earliest are kept)" }),
  myDay: MyDay,
  appointments: Type.Array(Appointment),
  routes: Type.Array(AgendaRoute, { description: "the route of each of `days` as the agenda has it (GET /api/my-day/route)" }),
  travel: TravelTable,
  sheets: Type.Array(PreparationSheet),
  relations: Type.Array(Type.Omit(RelationDetail, ["persons"]), { description: "the relation cards without their persons (those are in `persons`, once)" }),
  persons: Type.Array(Type.Object({ relationId: Type.Integer(), items: Type.Array(PersonSummary) })),
  followUps: Type.Array(Type.Object({ relationId: Type.Integer(), items: Type.Array(FollowUp) })),
  consents: Type.Array(ConsentOverview, { description: "the mailing consent of each person of those relations" }),
  activities: Type.Array(Type.Object({ relationId: Type.Integer(), items: Type.Array(Activity) }), { description: "the latest contact moments of each relation (the relation card's timeline)" }),
  templates: Type.Array(Type.Object({ id: Type.String(), name: Type.Object({ nl: Type.String(), en: Type.String() }), visitTypes: Type.Array(Type.String()) })),
  checklist: Type.Array(Type.String()),
});
