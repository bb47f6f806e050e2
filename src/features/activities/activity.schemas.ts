// HTTP shapes of contact moments (activities). Notes are plain text: stored and returned as typed,
// never as HTML; the web app shows them as text.
import { type Static, Type } from "typebox";
import { ACTIVITY_KINDS, SALES_METHODS } from "../../domain/contact-moment.js";
import { Nullable, OptionalText, Ref, literals, Id } from "../../server/schema-helpers.js";
import { FollowUp, FollowUpCreate } from "../followups/follow-up.schemas.js";


const ids = (description: string) => Type.Array(Id(), { maxItems: 50, uniqueItems: true, description });

const editable = {
  kind: Type.Optional(literals(ACTIVITY_KINDS)),
  occurredAt: Type.Optional(Type.String({ format: "date-time", description: "ISO 8601 with offset; default now" })),
  userIds: Type.Optional(ids("our users who took part; default: you")),
  personIds: Type.Optional(ids("persons of the relation who took part")),
  salesMethod: Type.Optional(Nullable(literals(SALES_METHODS))),
  notes: OptionalText(20_000),
  internalNotes: OptionalText(20_000),
  outcome: OptionalText(2_000),
  winChance: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100, description: "vk% 0–100" }))),
  nextStep: OptionalText(1_000),
};

export const ActivityCreate = Type.Object(
  {
    ...editable,
    kind: literals(ACTIVITY_KINDS),
    followUp: Type.Optional(FollowUpCreate),
  },
  { additionalProperties: false },
);
export type ActivityCreateInput = Static<typeof ActivityCreate>;

export const ActivityPatch = Type.Object(editable, { additionalProperties: false, minProperties: 1 });
export type ActivityPatchInput = Static<typeof ActivityPatch>;

export const AttachmentInfo = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedBy: Nullable(Ref),
  uploadedAt: Type.String(),
  url: Type.String(),
});

export const Activity = Type.Object({
  id: Type.Integer(),
  relation: Ref,
  kind: Type.String(),
  occurredAt: Type.String(),
  occurredOn: Type.String({ description: "the date in Europe/Amsterdam" }),
  users: Type.Array(Ref),
  persons: Type.Array(Ref),
  salesMethod: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  internalNotes: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  winChance: Nullable(Type.Integer()),
  nextStep: Nullable(Type.String()),
  attachments: Type.Array(AttachmentInfo),
  followUps: Type.Array(FollowUp),
  createdBy: Nullable(Ref),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  mayChange: Type.Optional(
    Type.Boolean({ description: "Whether the viewer may change this contact moment: the very check PATCH makes (absent where no viewer is known)" }),
  ),
});
export type ActivityDto = Static<typeof Activity>;

export const ActivityListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 30 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ActivityPage = Type.Object({ items: Type.Array(Activity), nextCursor: Nullable(Type.String()) });
