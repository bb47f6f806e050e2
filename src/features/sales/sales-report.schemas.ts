// HTTP shapes of the sales report.
import { Type } from "typebox";
import { SALES_DIMENSIONS, SALES_MEASURES } from "../../domain/access.js";
import { literals, Nullable } from "../../server/schema-helpers.js";

const Month = Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$", description: "YYYY-MM" });
const FILTERABLE = SALES_DIMENSIONS.filter((d) => d !== "year" && d !== "quarter" && d !== "month");
const FilterValues = Type.Array(Type.Union([Type.Integer(), Type.String({ maxLength: 40 })]), { minItems: 1, maxItems: 1000 });

export const SalesReportRequest = Type.Object(
  {
    measures: Type.Array(literals(SALES_MEASURES), { minItems: 1, maxItems: 6, uniqueItems: true, description: "volume, revenue (cents), margin (cents), marginPct (basis points), customers, invoices" }),
    dimensions: Type.Array(literals(SALES_DIMENSIONS), { maxItems: 3, uniqueItems: true }),
    from: Month,
    to: Month,
    filters: Type.Optional(
      Type.Object(Object.fromEntries(FILTERABLE.map((d) => [d, Type.Optional(FilterValues)])), {
        additionalProperties: false,
        description: 'A dimension → the values kept, e.g. {"rayon":[3]}; ids for debtor, product, productGroup, segment, rayon, rep; codes for class, sbiSection, province',
      }),
    ),
    compare: Type.Optional(Type.Literal("previousYear", { description: "Beside each row, the same period a year earlier (previous.*); rows that sold only then are included" })),
    mat: Type.Optional(Type.Boolean({ description: "Moving annual total: each month shows the twelve months up to it (needs the month dimension)" })),
    sort: Type.Optional(
      Type.Array(Type.Object({ key: Type.String({ maxLength: 40, description: "a dimension, a measure, previous.<measure> or change.<measure>" }), direction: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])) }, { additionalProperties: false }), {
        maxItems: 3,
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: "Top N (default 1,000)" })),
  },
  { additionalProperties: false },
);

const FiguresSchema = Type.Object(
  {
    volume: Type.Optional(Type.Number({ description: "Units" })),
    revenue: Type.Optional(Type.Integer({ description: "Cents" })),
    margin: Type.Optional(Type.Integer({ description: "Cents" })),
    marginPct: Type.Optional(Nullable(Type.Integer({ description: "Basis points: 2534 = 25,34 %" }))),
    customers: Type.Optional(Type.Integer()),
    invoices: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true },
);

export const SalesReportResponse = Type.Object({
  from: Type.String(),
  to: Type.String(),
  measures: Type.Array(Type.String()),
  dimensions: Type.Array(Type.String()),
  compare: Nullable(Type.String()),
  mat: Type.Boolean(),
  source: Type.String({ description: "periods | group | product | debtor (rollups) or lines (the invoice lines themselves)" }),
  rows: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: "One object per combination of dimension values, with the measures by name (and previous.* when compared)" }),
  totals: FiguresSchema,
  truncated: Type.Boolean(),
});
