// HTTP shapes of products and product groups.
import { type Static, Type } from "typebox";
import { IsoDateString, Nullable, Ref, Id, literals } from "../../server/schema-helpers.js";

const VatCategory = literals(["high", "low", "zero"]);

const MAX_CENTS = 1e12;

const editable = {
  code: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "Unique article code (case-insensitive)" })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: "stuk, m2, uur, kg …" })),
  vatCategory: Type.Optional({ ...VatCategory, description: "VAT rate: high (21 %), low (9 %) or zero; default high" }),
  groupId: Type.Optional(Nullable(Id())),
  segmentId: Type.Optional(Nullable(Id())),
  listPriceCents: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_CENTS })),
  costPriceCents: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: MAX_CENTS }))),
  launchDate: Type.Optional(Nullable(IsoDateString)),
  active: Type.Optional(Type.Boolean()),
};

export const ProductCreate = Type.Object(
  { ...editable, code: Type.String({ minLength: 1, maxLength: 50 }), name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const ProductPatch = Type.Object(editable, { additionalProperties: false, minProperties: 1 });
export type ProductCreateInput = Static<typeof ProductCreate>;
export type ProductPatchInput = Static<typeof ProductPatch>;

export const ProductDetail = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  vatCategory: VatCategory,
  group: Nullable(Ref),
  segment: Nullable(Ref),
  listPriceCents: Type.Integer(),
  /** Absent for users who may not see margins (DOMAIN.md: no gross margin without profit responsibility). */
  costPriceCents: Type.Optional(Nullable(Type.Integer())),
  launchDate: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type ProductDto = Static<typeof ProductDetail>;

export const ProductListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: "Every word matches the start of a word of the code or name" })),
    group: Type.Optional(Type.Array(Id())),
    segment: Type.Optional(Type.Array(Id())),
    active: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Union([Type.Literal("name"), Type.Literal("code")])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ProductListQueryInput = Static<typeof ProductListQuery>;

export const ProductGroup = Type.Object({ id: Type.Integer(), code: Nullable(Type.String()), name: Type.String() });
export const ProductGroupCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 120 }), code: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 30 }))) },
  { additionalProperties: false },
);
export type ProductGroupCreateInput = Static<typeof ProductGroupCreate>;

export const ImportError = Type.Object({
  row: Nullable(Type.Integer()),
  column: Nullable(Type.String()),
  message: Type.String(),
});

export const ProductImportResult = Type.Object({
  /** False when any row has an error: then nothing was imported. */
  ok: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  groupsCreated: Type.Integer(),
  segmentsCreated: Type.Integer(),
  errors: Type.Array(ImportError),
});
export type ProductImportResultDto = Static<typeof ProductImportResult>;

/** An argument (unique selling point) of a product, tagged with the requirement it answers. */
export const ProductArgument = Type.Object({
  requirement: Type.String({ minLength: 1, maxLength: 100, description: "The customer's requirement it answers: milieuvriendelijk, flexibele planning …" }),
  text: Type.String({ minLength: 1, maxLength: 500 }),
});
export const ProductArguments = Type.Object(
  { items: Type.Array(ProductArgument, { maxItems: 50, description: "In the order shown on the product page and the quote" }) },
  { additionalProperties: false },
);
export type ProductArgumentDto = Static<typeof ProductArgument>;
export type ProductArgumentsInput = Static<typeof ProductArguments>;
