// HTTP shapes of a relation's own customers and the references among them.
import { type Static, Type } from "typebox";
import { Id, Nullable, literals } from "../../server/schema-helpers.js";
import { RELATION_STATUSES } from "../../domain/lifecycle.js";

export const CustomerLink = Type.Object({
  customer: Type.Object({ id: Type.Integer(), name: Type.String(), city: Nullable(Type.String()), status: literals(RELATION_STATUSES) }),
  /** Our customer too (lifecycle status customer): a reference for the visit. */
  isReference: Type.Boolean({ description: "The customer is our customer too (status customer): a reference" }),
  referencePerson: Nullable(
    Type.Object(
      { id: Type.Integer(), name: Type.String(), jobTitle: Nullable(Type.String()), phone: Nullable(Type.String({ description: "direct line, else mobile" })) },
      { description: "The person of the customer who may be called as a reference" },
    ),
  ),
});
export type CustomerLinkDto = Static<typeof CustomerLink>;

export const CustomerLinks = Type.Object({ items: Type.Array(CustomerLink) });

export const CustomerLinkInput = Type.Object(
  {
    customerId: Id({ description: "The relation that buys from this relation" }),
    referencePersonId: Type.Optional(Nullable(Id({ description: "A contact person of the customer who may be called as a reference; null: none" }))),
  },
  { additionalProperties: false },
);
export type CustomerLinkInputDto = Static<typeof CustomerLinkInput>;

export const CustomerUnlinkInput = Type.Object({ customerId: Id() }, { additionalProperties: false });
