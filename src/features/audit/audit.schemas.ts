// HTTP shape of an audit line, shared by every feature that shows an audit trail.
import { Type } from "typebox";
import { Nullable } from "../../server/schema-helpers.js";

export const AuditLine = Type.Object({
  id: Type.Integer(),
  entity: Type.String(),
  entityId: Type.Integer(),
  field: Type.String(),
  oldValue: Nullable(Type.String()),
  newValue: Nullable(Type.String()),
  at: Type.String(),
  user: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  oldName: Type.Optional(Nullable(Type.String({ description: "Name(s) behind an id-valued old value (owner, rayon, persons …)" }))),
  newName: Type.Optional(Nullable(Type.String({ description: "Name(s) behind an id-valued new value" }))),
});

export const AuditTrail = Type.Object({ items: Type.Array(AuditLine) });
