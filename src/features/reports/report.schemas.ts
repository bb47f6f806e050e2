// HTTP shapes of the management reports and the CRM settings they use.
import { Type } from "typebox";
import { IsoDateString, Nullable, Ref, Id } from "../../server/schema-helpers.js";

export const ContactMomentsQuery = Type.Object({ from: IsoDateString, to: IsoDateString }, { additionalProperties: false });

const PerClass = Type.Object({ key: Type.Integer(), A: Type.Integer(), B: Type.Integer(), C: Type.Integer(), none: Type.Integer() });

export const ContactMomentsReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  weeks: Type.Array(Type.String({ description: "ISO week, e.g. 2026-W48" })),
  reps: Type.Array(
    Type.Object({
      user: Ref,
      total: Type.Integer(),
      perWeek: Type.Array(Type.Integer(), { description: "counts aligned with weeks" }),
      perClass: PerClass,
    }),
  ),
  classes: Type.Array(Type.Object({ accountClass: Type.String({ description: "key, A, B, C or none" }), total: Type.Integer(), perWeek: Type.Array(Type.Integer()) })),
  cells: Type.Array(Type.Object({ userId: Type.Integer(), week: Type.String(), accountClass: Type.String(), count: Type.Integer() })),
  total: Type.Integer({ description: "contact moments counted once per taking-part rep" }),
});

export const VisitNormsQuery = Type.Object(
  { asOf: Type.Optional(IsoDateString), ownerId: Type.Optional(Id()) },
  { additionalProperties: false },
);

const ClassCompliance = Type.Object({
  relations: Type.Integer(),
  meetingNorm: Type.Integer(),
  norm: Type.Integer(),
  visitsDue: Type.Integer({ description: "relations × norm" }),
  visitsDone: Type.Integer({ description: "visits that count toward the norm (at most the norm per relation)" }),
  visitsOverdue: Type.Integer({ description: "visits missing (due − done)" }),
  belowNorm: Type.Integer({ description: "relations below their norm" }),
});

const Compliance = Type.Object({
  relations: Type.Integer(),
  relationsMeetingNorm: Type.Integer(),
  visitsRequired: Type.Integer(),
  visitsCounted: Type.Integer(),
  compliancePercent: Type.Integer(),
  perClass: Type.Object({ key: ClassCompliance, A: ClassCompliance, B: ClassCompliance, C: ClassCompliance }),
});

export const VisitNormsReport = Type.Object({
  asOf: Type.String(),
  windowFrom: Type.String({ description: "visits after this date count (twelve months back)" }),
  norms: Type.Object({ key: Type.Integer(), A: Type.Integer(), B: Type.Integer(), C: Type.Integer() }),
  overall: Compliance,
  reps: Type.Array(Type.Object({ owner: Nullable(Ref), compliance: Compliance })),
  belowNorm: Type.Array(
    Type.Object({
      relation: Ref,
      city: Nullable(Type.String()),
      accountClass: Type.String(),
      owner: Nullable(Ref),
      visits: Type.Integer(),
      norm: Type.Integer(),
      shortfall: Type.Integer(),
      lastVisitOn: Nullable(Type.String()),
    }),
  ),
  belowNormCount: Type.Integer(),
});

const Norms = Type.Object(
  {
    key: Type.Integer({ minimum: 0, maximum: 365 }),
    A: Type.Integer({ minimum: 0, maximum: 365 }),
    B: Type.Integer({ minimum: 0, maximum: 365 }),
    C: Type.Integer({ minimum: 0, maximum: 365 }),
  },
  { additionalProperties: false },
);

export const CrmSettingsDto = Type.Object({
  proposalWindowDays: Type.Integer({ minimum: 0, maximum: 730 }),
  visitNorms: Norms,
  deadRelationRetentionMonths: Type.Integer({ minimum: 1, maximum: 1200 }),
});

export const CrmSettingsPatch = Type.Partial(CrmSettingsDto, { additionalProperties: false, minProperties: 1 });

export const SellingTimeQuery = Type.Object(
  {
    from: IsoDateString,
    to: IsoDateString,
    daysPerWeek: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: "field days a week for the yearly gain (default 4, as DOMAIN.md's example)" })),
  },
  { additionalProperties: false },
);

const TimeFigures = {
  days: Type.Integer(),
  visits: Type.Integer(),
  sellingMinutes: Type.Integer({ description: "minutes of planned appointments" }),
  travelMinutes: Type.Number({ description: "driving between consecutive visits plus parking per visit (haversine model)" }),
  homeMinutes: Type.Number({ description: "driving from home to the first visit and back from the last" }),
  lateStartMinutes: Type.Integer({ description: "minutes the first visit of each day started after 08:30, summed" }),
  routeSavingMinutes: Type.Number({ description: "driving the best order of each day's visits would have saved" }),
  unlocated: Type.Integer({ description: "visits without a known place (no travel counted)" }),
};

export const SellingTimeReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  travelModel: Type.String(),
  reps: Type.Array(
    Type.Object({
      user: Ref,
      homeKnown: Type.Boolean(),
      weeks: Type.Array(Type.Object({ week: Type.String(), ...TimeFigures })),
      total: Type.Object(TimeFigures),
    }),
  ),
  gain: Type.Object({
    reps: Type.Integer({ description: "reps with visits in the period" }),
    daysPerWeek: Type.Integer(),
    weeksPerYear: Type.Integer(),
    lateStartMinutesPerDay: Type.Number(),
    routeSavingMinutesPerDay: Type.Number(),
    startEarlierHours: Type.Integer({ description: "hours a year gained by starting at 08:30" }),
    withRouteDisciplineHours: Type.Integer({ description: "hours a year gained by starting at 08:30 and driving the best order" }),
  }),
});

export const PreparationPaybackQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: "calendar year of the revenue (default: last year, Amsterdam)" })) },
  { additionalProperties: false },
);

export const PreparationPaybackReport = Type.Object({
  year: Type.Integer(),
  preparationMinutesPerVisit: Type.Integer(),
  hourlyCostCents: Type.Integer(),
  norms: Type.Object({ key: Type.Integer(), A: Type.Integer(), B: Type.Integer(), C: Type.Integer() }),
  reps: Type.Array(
    Type.Object({
      user: Ref,
      yearRevenueCents: Type.Integer({ description: "the rep's revenue in the year, as the viewer may see it" }),
      relations: Type.Integer({ description: "relations of the rep with an account class" }),
      visitsPerYear: Type.Integer({ description: "visits a year the norms ask of those relations" }),
      preparationMinutes: Type.Integer({ description: "visitsPerYear × the preparation time per visit" }),
      gainCents: Type.Integer({ description: "half a percent less discount on yearRevenueCents" }),
      preparationCostCents: Type.Integer(),
      times: Nullable(Type.Integer({ description: "how many times the preparation pays for itself, rounded down; null when it costs nothing" })),
    }),
  ),
});
