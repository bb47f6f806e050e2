// HTTP shapes of the import flow.
import { Type } from "typebox";
import { CsvDialectParam, LanguageParam } from "../exports/export.schemas.js";
import { Nullable, literals } from "../../server/schema-helpers.js";
import { JobDto } from "../jobs/job.schemas.js";


export const ImportKindSchema = literals(["relations", "persons"] as const);

export const UploadQuery = Type.Object({ kind: Type.Optional(ImportKindSchema) }, { additionalProperties: false });

const Counts = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skippedDead: Type.Integer(),
  skippedDuplicate: Type.Integer(),
  consentsRecorded: Type.Integer(),
  rejected: Type.Optional(Type.Integer({ description: "rows set aside with their problems (an import of the good rows only)" })),
});

export const ImportJob = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  fileName: Type.String(),
  format: Type.String(),
  encoding: Nullable(Type.String()),
  delimiter: Nullable(Type.String()),
  headers: Type.Array(Type.String()),
  rowCount: Type.Integer(),
  sample: Type.Array(Type.Object({ row: Type.Integer(), cells: Type.Array(Type.String()) })),
  fields: Type.Array(Type.String(), { description: "the fields a column can be mapped to for this kind" }),
  mapping: Type.Record(Type.String(), Type.Integer(), { description: "field → column index (0-based)" }),
  mappingSource: Type.String({ description: "remembered (same layout as before) | recognised (from the headers) | chosen" }),
  status: Type.String({ description: "reading → uploaded → analysing → analysed | invalid → committing → committed; failed when a job failed" }),
  counts: Nullable(Counts),
  analysisJob: Nullable(JobDto),
  commitJob: Nullable(JobDto),
  createdAt: Type.String(),
  committedAt: Nullable(Type.String()),
});

export const MappingBody = Type.Object(
  { mapping: Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0, maximum: 10_000 })) },
  { additionalProperties: false },
);

export const CommitQuery = Type.Object(
  { skipInvalid: Type.Optional(Type.Boolean({ default: false, description: "import the good rows and keep the rejected ones for download (default: all or nothing)" })) },
  { additionalProperties: false },
);

export const RejectedQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("xlsx")], { default: "xlsx" })), dialect: CsvDialectParam, lang: LanguageParam },
  { additionalProperties: false },
);

export const PreviewQuery = Type.Object(
  { offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
  { additionalProperties: false },
);

const RowProblem = Type.Object({
  row: Type.Integer(),
  column: Type.String(),
  field: Type.String(),
  code: Type.String(),
  message: Type.String(),
  company: Type.Union([Type.String(), Type.Null()], { description: "the company the row names, to find it at a glance" }),
});

export const Preview = Type.Object({
  counts: Counts,
  problemCount: Type.Integer(),
  problems: Type.Array(RowProblem, { description: "the first 500 row problems; any problem blocks the commit" }),
  total: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer(),
      action: Type.String({ description: "create | update | unchanged | skip_dead | skip_duplicate" }),
      name: Type.String(),
      relationId: Nullable(Type.Integer()),
      personId: Nullable(Type.Integer()),
      changes: Type.Array(Type.String()),
      notes: Type.Array(Type.String()),
    }),
  ),
});
