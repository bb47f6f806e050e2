// HTTP shapes of mailing consent and the mailing-list export.
import { type Static, Type } from "typebox";
import { CONSENT_PURPOSES, CONSENT_SOURCES, CONSENT_STATES } from "../../domain/consent.js";
import { IsoDateString, Nullable, OptionalText, Ref, literals } from "../../server/schema-helpers.js";


export const PurposeSchema = literals(CONSENT_PURPOSES);

export const ConsentCreate = Type.Object(
  {
    purpose: PurposeSchema,
    state: literals(CONSENT_STATES),
    date: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD when the person decided; default today" })),
    source: literals(CONSENT_SOURCES),
    textVersion: OptionalText(100),
    proof: OptionalText(2_000),
  },
  { additionalProperties: false },
);
export type ConsentCreateInput = Static<typeof ConsentCreate>;

export const ConsentWithdraw = Type.Object(
  {
    purpose: Type.Optional(PurposeSchema),
    source: Type.Optional(literals(CONSENT_SOURCES)),
    date: Type.Optional(IsoDateString),
    proof: OptionalText(2_000),
  },
  { additionalProperties: false, description: "Without purpose: every purpose. Source defaults to email." },
);
export type ConsentWithdrawInput = Static<typeof ConsentWithdraw>;

export const ConsentRecordDto = Type.Object({
  id: Type.Integer(),
  purpose: Type.String(),
  state: Type.String(),
  date: Type.String(),
  source: Type.String(),
  textVersion: Nullable(Type.String()),
  proof: Nullable(Type.String()),
  recordedBy: Nullable(Ref),
  recordedAt: Type.String(),
});

export const CurrentConsentDto = Type.Object({
  purpose: Type.String(),
  state: Type.String({ description: "given · withdrawn · none" }),
  since: Nullable(Type.String()),
  source: Nullable(Type.String()),
  textVersion: Nullable(Type.String()),
  mayMail: Type.Boolean(),
  importOverruled: Type.Boolean({ description: "an import said yes after a withdrawal and was set aside" }),
});

export const ConsentOverview = Type.Object({
  personId: Type.Integer(),
  current: Type.Array(CurrentConsentDto),
  history: Type.Array(ConsentRecordDto),
});
export type ConsentOverviewDto = Static<typeof ConsentOverview>;

export const MailingListQuery = Type.Object(
  { purpose: PurposeSchema, format: Type.Optional(literals(["csv", "xlsx"] as const)) },
  { additionalProperties: false },
);
