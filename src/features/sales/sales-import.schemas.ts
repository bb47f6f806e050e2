// HTTP shapes of sales imports.
import { Type } from "typebox";
import { Nullable } from "../../server/schema-helpers.js";
import { JobDto } from "../jobs/job.schemas.js";

export const SalesImportDto = Type.Object({
  id: Type.Integer(),
  kind: Type.Literal("sales"),
  fileName: Type.String(),
  status: Type.String({ description: "mapping (columns missing) → analysing → analysed | invalid → committing → committed; failed when a job failed" }),
  headers: Type.Array(Type.String()),
  fields: Type.Array(Type.String()),
  requiredFields: Type.Array(Type.String()),
  mapping: Type.Record(Type.String(), Type.Integer()),
  mappingSource: Type.String(),
  createMissing: Type.Boolean(),
  analysis: Type.Unknown({ description: "Counts: rows, lines new/changed/unchanged, problems, unknown debtors/products/reps/rayons, dead debtors, and after commit what was written" }),
  analysisJob: Nullable(JobDto),
  commitJob: Nullable(JobDto),
  createdAt: Type.String(),
  committedAt: Nullable(Type.String()),
});

export const SalesUploadQuery = Type.Object(
  { createMissing: Type.Optional(Type.Boolean({ description: "Create unknown debtors (as customers), products, salespeople and rayons when committing" })) },
  { additionalProperties: false },
);

export const SalesMappingBody = Type.Object(
  {
    mapping: Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0, maximum: 500 }), { maxProperties: 30 }),
    createMissing: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ProblemsQuery = Type.Object(
  { offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
  { additionalProperties: false },
);

export const ProblemsPage = Type.Object({
  items: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), code: Type.String(), message: Type.String() })),
});
