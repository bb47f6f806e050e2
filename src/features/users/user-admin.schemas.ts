// The administrator's view of a user account and the bodies that create and change one.
import { Type } from "typebox";
import { ROLES } from "../../domain/roles.js";
import { Id, literals, Nullable, OptionalText, Ref } from "../../server/schema-helpers.js";

const Time = Type.String({ maxLength: 5, description: "HH:MM, Europe/Amsterdam" });

export const UserAccount = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: literals(ROLES),
  rayons: Type.Array(Ref),
  profitResponsible: Type.Boolean(),
  homeAddress: Nullable(Type.String()),
  homePostcode: Nullable(Type.String()),
  homeCity: Nullable(Type.String()),
  workStart: Type.String(),
  workEnd: Type.String(),
  locale: literals(["nl", "en"]),
  active: Type.Boolean(),
  /** Whether the user has a password (a new user gets one through a password link). */
  hasPassword: Type.Boolean(),
  /** Whether the user logs in with a second factor (an authenticator app). */
  totpEnabled: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const fields = {
  name: Type.String({ maxLength: 200 }),
  role: Type.String({ maxLength: 40 }),
  rayonIds: Type.Array(Id(), { maxItems: 50 }),
  profitResponsible: Type.Boolean(),
  homeAddress: OptionalText(200),
  homePostcode: OptionalText(12),
  homeCity: OptionalText(100),
  workStart: Time,
  workEnd: Time,
  locale: literals(["nl", "en"]),
};

export const UserAccountCreate = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    name: fields.name,
    role: fields.role,
    rayonIds: Type.Optional(fields.rayonIds),
    profitResponsible: Type.Optional(fields.profitResponsible),
    homeAddress: fields.homeAddress,
    homePostcode: fields.homePostcode,
    homeCity: fields.homeCity,
    workStart: Type.Optional(fields.workStart),
    workEnd: Type.Optional(fields.workEnd),
    locale: Type.Optional(fields.locale),
  },
  { additionalProperties: false },
);

export const UserAccountPatch = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 254 })),
    name: Type.Optional(fields.name),
    role: Type.Optional(fields.role),
    rayonIds: Type.Optional(fields.rayonIds),
    profitResponsible: Type.Optional(fields.profitResponsible),
    homeAddress: fields.homeAddress,
    homePostcode: fields.homePostcode,
    homeCity: fields.homeCity,
    workStart: Type.Optional(fields.workStart),
    workEnd: Type.Optional(fields.workEnd),
    locale: Type.Optional(fields.locale),
    /** false deactivates (ends the user's sessions), true reactivates. */
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PasswordLink = Type.Object({
  /** "sent": mailed to the user; "shown": no mail server, pass `url` on yourself. */
  delivery: literals(["sent", "shown"]),
  /** The link itself, only when it was not mailed. */
  url: Nullable(Type.String()),
  email: Type.String(),
  expiresAt: Type.String(),
});

export const ApiToken = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});
