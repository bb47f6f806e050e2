// HTTP shapes of quotes, the quote advice and the hit ratio.
import { type Static, Type } from "typebox";
import { OPEN_QUOTE_STATUSES, QUOTE_STATUSES } from "../../domain/quote-status.js";
import { IsoDateString, Nullable, OptionalText, Ref, Id } from "../../server/schema-helpers.js";
import { ListScopeParam } from "../users/list-scope.schemas.js";

export const MonthString = Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$", description: "YYYY-MM" });
const Answer = Type.Enum(["yes", "no", "unknown"]);

export const QuoteLineInput = Type.Object(
  {
    productId: Id(),
    description: Type.Optional(Type.String({ maxLength: 500, description: "Defaults to the product name" })),
    quantity: Type.Number({ exclusiveMinimum: 0, description: "In the product's unit, at most 3 decimals" }),
    unitPriceCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e12, description: "Defaults to the product's list price" })),
    discountBasisPoints: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: "250 = 2.5 %" })),
    discountPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: "Alternative to discountBasisPoints" })),
  },
  { additionalProperties: false },
);
export type QuoteLineInputDto = Static<typeof QuoteLineInput>;

export const AdviceAnswers = Type.Object(
  {
    solution: Answer,
    budget: Type.Union([
      Answer,
      Type.Object(
        {
          budgetCents: Type.Integer({ minimum: 0, maximum: 1e12 }),
          expectedAmountCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e12, description: "Defaults to the quote total on create" })),
        },
        { additionalProperties: false },
      ),
    ]),
    chance: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    decisionMonth: Nullable(MonthString),
    segmentId: Type.Optional(Nullable(Id({ description: "Defaults to the relation's market segment" }))),
  },
  { additionalProperties: false },
);
export type AdviceAnswersDto = Static<typeof AdviceAnswers>;

export const QuoteAdviceRequest = Type.Object({ relationId: Id(), ...AdviceAnswers.properties }, { additionalProperties: false });
export type QuoteAdviceRequestDto = Static<typeof QuoteAdviceRequest>;

const Params = Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Array(Type.String())]));
const Reason = Type.Object({ code: Type.String(), params: Params });

export const QuoteAdviceResult = Type.Object({
  verdict: Type.Enum(["go", "wait", "dont"]),
  criteria: Type.Array(
    Type.Object({ criterion: Type.String(), ok: Type.Boolean(), effect: Type.String(), code: Type.String(), params: Params }),
  ),
  reasons: Type.Array(Reason),
  settings: Type.Object({ chanceThreshold: Type.Integer(), maxTermMonths: Type.Integer(), budgetTolerancePercent: Type.Integer() }),
  dmu: Type.Array(Type.Object({ personId: Type.Integer(), name: Type.String(), roles: Type.Array(Type.String()) })),
});
export type QuoteAdviceResultDto = Static<typeof QuoteAdviceResult>;

const editable = {
  contactPersonId: Type.Optional(Nullable(Id())),
  repId: Type.Optional(Id({ description: "Defaults to the current user" })),
  title: OptionalText(200),
  lines: Type.Optional(Type.Array(QuoteLineInput, { minItems: 1, maxItems: 200 })),
  probability: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: "Win probability, whole percent" })),
  decisionMonth: Type.Optional(MonthString),
  decisionDate: Type.Optional(Nullable(IsoDateString)),
  validUntil: Type.Optional(Nullable(IsoDateString)),
  notes: OptionalText(10_000),
};

export const QuoteCreate = Type.Object(
  {
    ...editable,
    relationId: Id(),
    lines: Type.Array(QuoteLineInput, { minItems: 1, maxItems: 200 }),
    probability: Type.Integer({ minimum: 0, maximum: 100, description: "Win probability, whole percent" }),
    number: Type.Optional(Type.String({ maxLength: 30, description: "An existing paper number (OV87); allocated when absent" })),
    status: Type.Optional(Type.Enum([...OPEN_QUOTE_STATUSES])),
    advice: Type.Optional(
      Type.Object(
        { answers: AdviceAnswers, overruleReason: Type.Optional(Type.String({ maxLength: 2000, description: "Needed when the advice is not go" })) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type QuoteCreateInput = Static<typeof QuoteCreate>;

export const QuotePatch = Type.Object(
  {
    ...editable,
    status: Type.Optional(Type.Enum(QUOTE_STATUSES)),
    lostReason: OptionalText(1000),
    competitorWon: OptionalText(200),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type QuotePatchInput = Static<typeof QuotePatch>;

export const QuoteRevisionCreate = Type.Object(
  { ...editable, repId: Type.Optional(Id()) },
  { additionalProperties: false },
);
export type QuoteRevisionInput = Static<typeof QuoteRevisionCreate>;

const Warning = Type.Object({ code: Type.String(), message: Type.String() });

const QuoteLine = Type.Object({
  id: Type.Integer(),
  position: Type.Integer(),
  product: Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), unit: Type.String() })),
  description: Type.String(),
  quantity: Type.Number(),
  unitPriceCents: Type.Integer(),
  discountBasisPoints: Type.Integer(),
  amountCents: Type.Integer(),
  vatBasisPoints: Type.Integer({ description: "VAT rate of the line (2100 = 21 %), fixed when it was written" }),
});

/** Amounts excluding VAT, the VAT per rate, and the total including VAT (cents). */
const QuoteTotals = Type.Object({
  subtotalCents: Type.Integer(),
  vat: Type.Array(Type.Object({ rateBasisPoints: Type.Integer(), baseCents: Type.Integer(), vatCents: Type.Integer() })),
  vatCents: Type.Integer(),
  totalCents: Type.Integer({ description: "including VAT" }),
});

export const AdviceDecision = Type.Object({
  verdict: Type.String(),
  reasons: Type.Array(Reason),
  criteria: Type.Array(Type.Object({ criterion: Type.String(), ok: Type.Boolean(), effect: Type.String(), code: Type.String(), params: Params })),
  answers: Type.Unknown(),
  overruled: Type.Boolean(),
  overruleReason: Nullable(Type.String()),
  decidedBy: Nullable(Ref),
  decidedOn: Type.String(),
});

const QuoteEvent = Type.Object({
  at: Type.String(),
  kind: Type.String(),
  probability: Nullable(Type.Integer()),
  decisionMonth: Nullable(Type.String()),
  status: Nullable(Type.String()),
  amountCents: Nullable(Type.Integer()),
  user: Nullable(Ref),
});

const common = {
  id: Type.Integer(),
  number: Type.String({ description: "OV87-3: quote 87, third revision" }),
  baseNumber: Type.Integer(),
  revision: Type.Integer(),
  relation: Ref,
  rep: Ref,
  title: Nullable(Type.String()),
  status: Type.Enum(QUOTE_STATUSES),
  probability: Type.Integer(),
  decisionMonth: Type.String(),
  decisionDate: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  totalCents: Type.Integer(),
  units: Type.Number(),
  /** Open and its decision month has passed: the rep must update chance and month, or close it. */
  stale: Type.Boolean(),
  updatedAt: Type.String(),
  version: Type.Integer(),
};

export const QuoteSummary = Type.Object(common);
export type QuoteSummaryDto = Static<typeof QuoteSummary>;

export const QuoteDetail = Type.Object({
  ...common,
  contactPerson: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), formalName: Type.String() })),
  allowedNextStatuses: Type.Array(Type.String()),
  lostReason: Nullable(Type.String()),
  competitorWon: Nullable(Type.String()),
  sentOn: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  lines: Type.Array(QuoteLine),
  totals: QuoteTotals,
  advice: Nullable(AdviceDecision),
  revisions: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), status: Type.String() })),
  history: Type.Array(QuoteEvent),
  warnings: Type.Array(Warning),
  createdAt: Type.String(),
  mayChange: Type.Optional(
    Type.Boolean({ description: "Whether the viewer may change or revise this quote: the very check PATCH and POST …/revisions make (absent where no viewer is known)" }),
  ),
});
export type QuoteDetailDto = Static<typeof QuoteDetail>;

export const QuoteListQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(Type.Enum(QUOTE_STATUSES))),
    rep: Type.Optional(Type.Array(Id())),
    scope: ListScopeParam,
    relation: Type.Optional(Id()),
    stale: Type.Optional(Type.Boolean({ description: "Only open quotes whose decision month has passed" })),
    forecast: Type.Optional(Type.Boolean({ description: "Only the quotes the forecast counts: open, with a probability above 0" })),
    decisionFrom: Type.Optional(MonthString),
    decisionTo: Type.Optional(MonthString),
    decidedFrom: Type.Optional(IsoDateString),
    decidedTo: Type.Optional(IsoDateString),
    rayon: Type.Optional(Type.Array(Id(), { description: "the relation's (current) rayon" })),
    product: Type.Optional(Id({ description: "quotes with a line of this product" })),
    allRevisions: Type.Optional(Type.Boolean({ description: "Include earlier revisions (default: the latest of each quote)" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type QuoteListQueryInput = Static<typeof QuoteListQuery>;

export const HitRatioQuery = Type.Object(
  { from: Type.Optional(IsoDateString), to: Type.Optional(IsoDateString) },
  { additionalProperties: false },
);

const ratioFields = {
  won: Type.Integer(),
  lost: Type.Integer(),
  withdrawn: Type.Integer(),
  ratioCount: Nullable(Type.Number()),
  wonCents: Type.Integer(),
  lostCents: Type.Integer(),
  ratioValue: Nullable(Type.Number()),
  averageDaysToDecision: Nullable(Type.Number()),
};

export const HitRatioResult = Type.Object({
  from: Type.String(),
  to: Type.String(),
  reps: Type.Array(Type.Object({ rep: Ref, ...ratioFields, openQuotes: Type.Integer(), staleQuotes: Type.Integer() })),
  total: Type.Object(ratioFields),
});

