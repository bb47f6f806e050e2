// HTTP shapes of relations: validation in, serialisation out, and the OpenAPI entries.
import { type Static, Type } from "typebox";
import { ACCOUNT_CLASSES } from "../../domain/account-class.js";
import { RELATION_STATUSES } from "../../domain/lifecycle.js";
import { REQUIREMENT_KINDS, REQUIREMENT_LABEL_MAX, REQUIREMENTS_CEILING, REQUIREMENTS_MAX, SUPPLIER_NOTE_MAX, SUPPLIER_SCORES, WILLING_TO_PAY } from "../../domain/requirements.js";
import { LEGAL_FORMS, RELATION_KINDS } from "../../domain/relation-types.js";
import { IsoDateString, Nullable, OptionalText, Ref, literals, Id } from "../../server/schema-helpers.js";
import { PersonSummary } from "../persons/person.schemas.js";
import { ListScopeParam } from "../users/list-scope.schemas.js";

export { LEGAL_FORMS, RELATION_KINDS };


export const StatusSchema = literals(RELATION_STATUSES);

/** A customer requirement as shown (domain/requirements.ts). */
export const RequirementSchema = Type.Object({
  label: Type.String({ minLength: 1, maxLength: REQUIREMENT_LABEL_MAX }),
  kind: literals(REQUIREMENT_KINDS),
  /** product: on the product or service; supplier: on us as supplier. hard: a must; willingToPay: will they pay for it; supplierScore: the current supplier against us. */
  hard: Type.Boolean(),
  willingToPay: literals(WILLING_TO_PAY),
  supplierScore: literals(SUPPLIER_SCORES),
  supplierNote: Nullable(Type.String({ maxLength: SUPPLIER_NOTE_MAX })),
});
/** In: a bare label (a soft product requirement, nothing else known) or the requirement with what is known. */
export const RequirementInput = Type.Union([
  Type.String({ minLength: 1, maxLength: REQUIREMENT_LABEL_MAX }),
  Type.Object(
    {
      label: Type.String({ minLength: 1, maxLength: REQUIREMENT_LABEL_MAX }),
      kind: Type.Optional(literals(REQUIREMENT_KINDS)),
      hard: Type.Optional(Type.Boolean()),
      willingToPay: Type.Optional(literals(WILLING_TO_PAY)),
      supplierScore: Type.Optional(literals(SUPPLIER_SCORES)),
      supplierNote: OptionalText(SUPPLIER_NOTE_MAX),
    },
    { additionalProperties: false },
  ),
]);
export const RequirementsInput = Type.Array(RequirementInput, {
  maxItems: REQUIREMENTS_CEILING,
  description: `What the customer requires (milieuvriendelijk, flexibele planning …), the whole list; the quote shows the product arguments that answer these, those for hard requirements first. At most ${REQUIREMENTS_MAX} (400 requirements_too_many); a list a merge left longer may be kept or shortened, not grown`,
});
export const ClassSchema = literals(ACCOUNT_CLASSES);

/** Every editable field of a relation; all optional so the same shape serves create and patch. */
const editable = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  legalForm: Type.Optional(Nullable(literals(LEGAL_FORMS))),
  kvkNumber: OptionalText(20),
  debtorNumber: OptionalText(30),
  kind: Type.Optional(literals(RELATION_KINDS)),
  accountClass: Type.Optional(Nullable(ClassSchema)),
  classOverride: Type.Optional(Type.Boolean()),
  classOverrideReason: OptionalText(500),
  classReason: OptionalText(500),
  sbiCodes: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 10 })),
  visitStreet: OptionalText(120),
  visitHouseNumber: OptionalText(20),
  visitPostcode: OptionalText(12),
  visitCity: OptionalText(80),
  visitCountry: Type.Optional(Type.String({ pattern: "^[A-Za-z]{2}$" })),
  postalStreet: OptionalText(120),
  postalHouseNumber: OptionalText(20),
  postalPostcode: OptionalText(12),
  postalCity: OptionalText(80),
  postalCountry: Type.Optional(Nullable(Type.String({ pattern: "^[A-Za-z]{2}$" }))),
  phone: OptionalText(30),
  website: OptionalText(200),
  email: OptionalText(254),
  parentId: Type.Optional(Nullable(Id())),
  ownerId: Type.Optional(Nullable(Id())),
  rayonId: Type.Optional(Nullable(Id())),
  segmentId: Type.Optional(Nullable(Id())),
  revenuePotentialCents: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1e14 }))),
  currentSupplier: OptionalText(200),
  contractEndDate: Type.Optional(Nullable(IsoDateString)),
  competitorPriceNote: OptionalText(1000),
  productInterests: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 30 })),
  requirements: Type.Optional(RequirementsInput),
  notes: OptionalText(10_000),
  /** A status change needs a reason (kept in the status history). */
  status: Type.Optional(StatusSchema),
  statusReason: OptionalText(500),
};

export const RelationCreate = Type.Object(
  { ...editable, name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const RelationPatch = Type.Object(editable, { additionalProperties: false, minProperties: 1 });
export type RelationCreateInput = Static<typeof RelationCreate>;
export type RelationPatchInput = Static<typeof RelationPatch>;

export const RelationSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  city: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  status: Type.String(),
  accountClass: Nullable(Type.String()),
  classOverride: Type.Boolean(),
  kind: Type.String(),
  owner: Nullable(Ref),
  rayon: Nullable(Ref),
  phone: Nullable(Type.String()),
  kvkNumber: Nullable(Type.String()),
  version: Type.Integer(),
});
export type RelationSummaryDto = Static<typeof RelationSummary>;

const StatusChange = Type.Object({
  id: Type.Integer(),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  reason: Type.String(),
  changedBy: Nullable(Ref),
  changedAt: Type.String(),
});

const ClassChange = Type.Object({
  id: Type.Integer(),
  fromClass: Nullable(Type.String()),
  toClass: Nullable(Type.String()),
  override: Type.Boolean(),
  reason: Nullable(Type.String()),
  changedBy: Nullable(Ref),
  changedAt: Type.String(),
});

export const RelationDetail = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  legalForm: Nullable(Type.String()),
  kvkNumber: Nullable(Type.String()),
  debtorNumber: Nullable(Type.String()),
  kind: Type.String(),
  status: Type.String(),
  allowedNextStatuses: Type.Array(Type.String()),
  accountClass: Nullable(Type.String()),
  classOverride: Type.Boolean(),
  classOverrideReason: Nullable(Type.String()),
  sbiCodes: Type.Array(Type.Object({ code: Type.String(), nameNl: Type.String(), nameEn: Type.String() })),
  visitStreet: Nullable(Type.String()),
  visitHouseNumber: Nullable(Type.String()),
  visitPostcode: Nullable(Type.String()),
  visitCity: Nullable(Type.String()),
  visitCountry: Type.String(),
  postalStreet: Nullable(Type.String()),
  postalHouseNumber: Nullable(Type.String()),
  postalPostcode: Nullable(Type.String()),
  postalCity: Nullable(Type.String()),
  postalCountry: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  website: Nullable(Type.String()),
  email: Nullable(Type.String()),
  parent: Nullable(Ref),
  branches: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), city: Nullable(Type.String()) })),
  owner: Nullable(Ref),
  rayon: Nullable(Ref),
  segment: Nullable(Ref),
  revenuePotentialCents: Nullable(Type.Integer()),
  currentSupplier: Nullable(Type.String()),
  contractEndDate: Nullable(Type.String()),
  competitorPriceNote: Nullable(Type.String()),
  productInterests: Type.Array(Type.String()),
  requirements: Type.Array(RequirementSchema),
  notes: Nullable(Type.String()),
  // source: pc6 | pc4 | place | manual (domain/geocode.ts); precisionM: metres the address may lie off.
  coordinates: Nullable(Type.Object({ lat: Type.Number(), lon: Type.Number(), source: Type.String(), precisionM: Nullable(Type.Integer()) })),
  persons: Type.Array(PersonSummary),
  statusHistory: Type.Array(StatusChange),
  classHistory: Type.Array(ClassChange),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type RelationDetailDto = Static<typeof RelationDetail>;

export const SORTS = ["name", "city", "status", "class", "owner", "updated"] as const;

export const RelationListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: "Type-ahead: every word matches the start of a word of name, city, postcode, KvK or debtor number" })),
    status: Type.Optional(Type.Array(StatusSchema)),
    class: Type.Optional(Type.Array(Type.Union([ClassSchema, Type.Literal("none")]))),
    sbi: Type.Optional(Type.Array(Type.String({ pattern: "^[A-Za-z]$|^[0-9]{2,5}$" }), { description: "SBI section letter or code prefix" })),
    city: Type.Optional(Type.String({ maxLength: 80 })),
    postcodeFrom: Type.Optional(Type.String({ maxLength: 7 })),
    postcodeTo: Type.Optional(Type.String({ maxLength: 7 })),
    owner: Type.Optional(Type.Array(Type.String({ pattern: "^([1-9][0-9]{0,9}|none)$" }), { description: "user id, or none" })),
    rayon: Type.Optional(Type.Array(Id())),
    scope: ListScopeParam,
    kind: Type.Optional(literals(RELATION_KINDS)),
    visitNorm: Type.Optional(
      Type.Union([Type.Literal("due"), Type.Literal("met"), Type.Literal("below")], {
        description: "visit-norm report: due = living relations of a class with a norm above 0; met / below = at or below the norm in the twelve months up to normAsOf. A rep sees only their own relations.",
      }),
    ),
    normAsOf: Type.Optional(IsoDateString),
    sort: Type.Optional(literals(SORTS)),
    order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type RelationListQueryInput = Static<typeof RelationListQuery>;
