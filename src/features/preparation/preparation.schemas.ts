// HTTP shapes of the visit sheet (GET/PATCH /api/visit-preparations/:id, :id = the appointment's id)
// and the report afterwards. Bodies refuse unknown fields; the objective rules beyond length and
// shape (a keyword for every internal objective, no keyword twice, one external objective) are the
// domain's (domain/visit-preparation.ts) and answer 400 with a field per problem.
import { type Static, Type } from "typebox";
import { VISIT_TYPES } from "../../domain/agenda.js";
import { SALES_METHODS } from "../../domain/contact-moment.js";
import { ANSWER_FIELDS } from "../../domain/visit-answers.js";
import { QUICK_CHOICES } from "../../domain/followup-dates.js";
import { MAX_KEYWORD, MAX_OBJECTIVE_TEXT, MAX_OBJECTIVES, OBJECTIVE_KINDS, OBJECTIVE_RESULTS, SMART_LETTERS } from "../../domain/visit-preparation.js";
import { Id, IsoDateString, Nullable, OptionalText, literals } from "../../server/schema-helpers.js";
import { ClassSchema, RequirementsInput } from "../relations/relation.schemas.js";

const Text = (max: number) => Nullable(Type.String({ maxLength: max }));

/** What the rep found on the internet (step 1), beside what the relation record holds. */
export const Research = Type.Object(
  {
    employees: Type.Optional(Text(200)),
    branches: Type.Optional(Text(1000)),
    groupStructure: Type.Optional(Text(1000)),
    csrPolicy: Type.Optional(Text(2000)),
    customers: Type.Optional(Text(2000)),
    internet: Type.Optional(Text(4000)),
  },
  { additionalProperties: false },
);
export type ResearchDto = Static<typeof Research>;

export const ObjectiveInput = Type.Object(
  {
    kind: literals(OBJECTIVE_KINDS),
    // Longer than the domain allows, so an over-long text gets the domain's named problem.
    text: Type.String({ maxLength: MAX_OBJECTIVE_TEXT * 2 }),
    keyword: Nullable(Type.String({ maxLength: MAX_KEYWORD * 2 })),
    smart: Type.Array(literals(SMART_LETTERS), { maxItems: 5, uniqueItems: true }),
    ticked: Type.Optional(Type.Boolean()),
    answer: OptionalText(2000),
  },
  { additionalProperties: false },
);

export const KeywordItem = Type.Object(
  { keyword: Type.String({ minLength: 1, maxLength: MAX_KEYWORD }), ticked: Type.Boolean(), answer: Text(2000) },
  { additionalProperties: false },
);
export const ChecklistItem = Type.Object({ item: Type.String({ minLength: 1, maxLength: 100 }), ticked: Type.Boolean() }, { additionalProperties: false });

export const PreparationPatch = Type.Object(
  {
    method: Type.Optional(Nullable(literals(SALES_METHODS))),
    // Keys of the company's templates (checked against them: 400 template_unknown).
    templates: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10, uniqueItems: true })),
    research: Type.Optional(Research),
    objectives: Type.Optional(Type.Array(ObjectiveInput, { maxItems: MAX_OBJECTIVES * 2 })),
    keywords: Type.Optional(Type.Array(KeywordItem, { maxItems: 60 })),
    checklist: Type.Optional(Type.Array(ChecklistItem, { maxItems: 30 })),
    notes: OptionalText(10_000),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PreparationPatchInput = Static<typeof PreparationPatch>;

export const Objective = Type.Object({
  id: Nullable(Type.Integer()),
  kind: Type.String(),
  text: Type.String(),
  keyword: Nullable(Type.String()),
  smart: Type.Array(Type.String()),
  ticked: Type.Boolean(),
  answer: Nullable(Type.String()),
  result: Nullable(Type.String()),
});

/** The sheet: the appointment, what Koers knows (read live), and what the rep added (versioned). */
export const PreparationSheet = Type.Object({
  appointment: Type.Unknown(),
  prefill: Type.Unknown(),
  templatesAvailable: Type.Array(
    Type.Object({
      id: Type.String({ description: "the template's key, as the sheet's templates name it" }),
      name: Type.Object({ nl: Type.String(), en: Type.String() }),
      visitTypes: Type.Array(literals(VISIT_TYPES)),
      sbiSections: Type.Array(Type.String()),
      objectives: Type.Array(Type.Object({ kind: literals(OBJECTIVE_KINDS), text: Type.String(), keyword: Nullable(Type.String()), field: Type.Optional(Nullable(literals(ANSWER_FIELDS))) })),
      keywords: Type.Array(Type.String()),
    }),
  ),
  saved: Type.Boolean({ description: "false: nothing stored yet; what is shown comes from the proposed templates (version 0)" }),
  method: Nullable(Type.String()),
  templates: Type.Array(Type.String()),
  research: Research,
  objectives: Type.Array(Objective),
  keywords: Type.Array(Type.Object({ keyword: Type.String(), ticked: Type.Boolean(), answer: Nullable(Type.String()) })),
  checklist: Type.Array(Type.Object({ item: Type.String(), ticked: Type.Boolean() })),
  notes: Nullable(Type.String()),
  warnings: Type.Array(Type.Unknown()),
  payback: Nullable(
    Type.Object(
      {
        year: Type.Integer(),
        yearRevenueCents: Type.Integer(),
        preparationMinutes: Type.Integer(),
        hourlyCostCents: Type.Integer(),
        gainCents: Type.Integer({ description: "half a percent of that year's revenue" }),
        preparationCostCents: Type.Integer({ description: "the preparation at the rep's hourly cost" }),
        times: Nullable(Type.Integer()),
      },
      { description: "It pays to prepare: half a percent less discount against the preparation's cost; null without sales figures" },
    ),
  ),
  report: Nullable(
    Type.Object({
      activityId: Nullable(Type.Integer()),
      followUpId: Nullable(Type.Integer()),
      quoteId: Nullable(Type.Integer()),
      reportedAt: Type.String(),
      reportedBy: Nullable(Type.Integer()),
    }),
  ),
  mayEdit: Type.Boolean(),
  updatedAt: Nullable(Type.String()),
  version: Type.Integer(),
});
export type PreparationSheetDto = Static<typeof PreparationSheet>;

export const VisitReportInput = Type.Object(
  {
    objectives: Type.Array(
      Type.Object(
        { id: Id(), result: Nullable(literals(OBJECTIVE_RESULTS)), answer: OptionalText(2000), ticked: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
      { maxItems: MAX_OBJECTIVES },
    ),
    keywords: Type.Optional(Type.Array(KeywordItem, { maxItems: 60 })),
    notes: OptionalText(20_000),
    // What the answers fill in on the relation (domain/visit-answers.ts), at the version the rep read.
    relation: Type.Optional(
      Type.Object(
        {
          version: Type.Integer({ minimum: 1 }),
          changes: Type.Object(
            {
              currentSupplier: OptionalText(200),
              contractEndDate: Type.Optional(Nullable(IsoDateString)),
              competitorPriceNote: OptionalText(1000),
              revenuePotentialCents: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1e14 }))),
              // The relation's requirements with those heard in the visit (the whole list, as on the relation).
              requirements: Type.Optional(RequirementsInput),
              // The class the visit proposes (domain/visit-answers.ts classAfterVisit), with its reason.
              accountClass: Type.Optional(ClassSchema),
              classReason: OptionalText(500),
              // The status the visit proposes (suspect → prospect), with its reason for the history.
              status: Type.Optional(literals(["prospect"])),
              statusReason: OptionalText(500),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
        },
        { additionalProperties: false },
      ),
    ),
    nextStep: OptionalText(1_000),
    winChance: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
    followUp: Type.Optional(
      Type.Object(
        {
          action: Type.String({ minLength: 1, maxLength: 500 }),
          dueDate: Type.Optional(IsoDateString),
          quickChoice: Type.Optional(literals(QUICK_CHOICES)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type VisitReportInputDto = Static<typeof VisitReportInput>;

const settingsFields = {
  checklist: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 30, uniqueItems: true }),
  preparationMinutes: Type.Integer({ minimum: 0, maximum: 600, description: "minutes a rep spends preparing one visit" }),
  hourlyCostCents: Type.Integer({ minimum: 0, maximum: 100_000, description: "what an hour of a rep costs the company, cents" }),
};
export const PreparationSettings = Type.Object(settingsFields, { additionalProperties: false });
export const PreparationSettingsInput = Type.Partial(Type.Object(settingsFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
