// HTTP shapes of persons (contactpersonen).
import { type Static, Type } from "typebox";
import { DMU_ROLES } from "../../domain/dmu.js";
import { GENDERS } from "../../domain/person-name.js";
import { IsoDateString, Nullable, OptionalText, literals } from "../../server/schema-helpers.js";


const editable = {
  firstName: OptionalText(60),
  initials: OptionalText(20),
  infix: OptionalText(20),
  lastName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  gender: Type.Optional(literals(GENDERS)),
  title: OptionalText(40),
  jobTitle: OptionalText(100),
  department: OptionalText(100),
  phoneDirect: OptionalText(30),
  phoneMobile: OptionalText(30),
  email: OptionalText(254),
  linkedinUrl: OptionalText(200),
  dmuRoles: Type.Optional(Type.Array(literals(DMU_ROLES), { maxItems: 6, uniqueItems: true })),
  active: Type.Optional(Type.Boolean()),
  leftOn: Type.Optional(Nullable(IsoDateString)),
  notes: OptionalText(10_000),
};

export const PersonCreate = Type.Object(
  { ...editable, lastName: Type.String({ minLength: 1, maxLength: 80 }) },
  { additionalProperties: false },
);
export const PersonPatch = Type.Object(editable, { additionalProperties: false, minProperties: 1 });
export type PersonCreateInput = Static<typeof PersonCreate>;
export type PersonPatchInput = Static<typeof PersonPatch>;

export const PersonSummary = Type.Object({
  id: Type.Integer(),
  relationId: Type.Integer(),
  firstName: Nullable(Type.String()),
  initials: Nullable(Type.String()),
  infix: Nullable(Type.String()),
  lastName: Type.String(),
  gender: Type.String(),
  title: Nullable(Type.String()),
  displayName: Type.String(),
  formalName: Type.String(),
  salutation: Type.String(),
  jobTitle: Nullable(Type.String()),
  department: Nullable(Type.String()),
  phoneDirect: Nullable(Type.String()),
  phoneMobile: Nullable(Type.String()),
  email: Nullable(Type.String()),
  linkedinUrl: Nullable(Type.String()),
  dmuRoles: Type.Array(Type.String()),
  active: Type.Boolean(),
  /** Erased on request (GDPR): the record stays as "Verwijderd" and takes no new data. */
  erased: Type.Boolean(),
  leftOn: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  version: Type.Integer(),
});
export type PersonDto = Static<typeof PersonSummary>;
