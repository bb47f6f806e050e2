// Where a sales question is answered: the smallest table that holds every dimension, filter and
// measure it asks for (an aggregate navigator). The order below is from smallest to largest; the raw
// lines come last and answer anything. Sizes at 10 million lines (bench/sales.bench.ts): period
// totals ~0.2 M rows, rayon × rep × month ~5,000, × product group ~1 M, rayon × product × month
// ~4 M, rayon × rep × debtor × month ~2 M.
import type { SalesDimension, SalesMeasure } from "../../domain/access.js";

export type SourceName = "periods" | "group" | "product" | "debtor" | "lines";

export interface Source {
  name: SourceName;
  table: string;
  /** Column of the debtor (relation) in this table, if it has one. */
  debtor: string | null;
  dimensions: readonly SalesDimension[];
  measures: readonly SalesMeasure[];
  /** Sums stored per row (rollups), or computed from line columns (lines). */
  rolledUp: boolean;
}

const TIME = ["year", "quarter", "month"] as const;
const ADDITIVE: readonly SalesMeasure[] = ["volume", "revenue", "margin", "marginPct"];
/** Debtor attributes, read through the relation (current class, segment, SBI section, province). */
export const DEBTOR_ATTRIBUTES: readonly SalesDimension[] = ["class", "segment", "sbiSection", "province"];

export const SOURCES: readonly Source[] = [
  { name: "periods", table: "sales_debtor_periods", debtor: "debtor_id", dimensions: ["debtor", "rayon", ...DEBTOR_ATTRIBUTES], measures: [...ADDITIVE, "customers"], rolledUp: true },
  { name: "group", table: "sales_by_group", debtor: null, dimensions: [...TIME, "rayon", "rep", "productGroup"], measures: ADDITIVE, rolledUp: true },
  { name: "product", table: "sales_by_product", debtor: null, dimensions: [...TIME, "rayon", "product", "productGroup"], measures: ADDITIVE, rolledUp: true },
  { name: "debtor", table: "sales_by_debtor", debtor: "debtor_id", dimensions: [...TIME, "rayon", "rep", "debtor", ...DEBTOR_ATTRIBUTES], measures: [...ADDITIVE, "customers"], rolledUp: true },
  {
    name: "lines",
    table: "sales_lines",
    debtor: "relation_id",
    dimensions: [...TIME, "rayon", "rep", "debtor", "product", "productGroup", ...DEBTOR_ATTRIBUTES],
    measures: [...ADDITIVE, "customers", "invoices"],
    rolledUp: false,
  },
];

export interface SourceNeeds {
  dimensions: readonly SalesDimension[];
  filters: readonly SalesDimension[];
  measures: readonly SalesMeasure[];
  /** The period is a standard one and the period totals are fresh for it. */
  standardPeriod: boolean;
}

/**
 * The group rollups come in two sizes: rayon × rep × month, and the same by product group. A
 * question that names no product group reads the small one (it answers as source "group" all the
 * same: the same figures, a thousandth of the rows at ten million lines).
 */
const REP_ROLLUP = { table: "sales_by_rep", dimensions: [...TIME, "rayon", "rep"] as readonly SalesDimension[] };

export function chooseSource(needs: SourceNeeds): Source {
  const asked = [...needs.dimensions, ...needs.filters];
  const fits = (s: Source) => asked.every((d) => s.dimensions.includes(d)) && needs.measures.every((m) => s.measures.includes(m)) && (s.name !== "periods" || needs.standardPeriod);
  const source = SOURCES.find(fits) ?? (SOURCES.at(-1) as Source);
  if (source.name === "group" && asked.every((d) => REP_ROLLUP.dimensions.includes(d))) return { ...source, table: REP_ROLLUP.table, dimensions: REP_ROLLUP.dimensions };
  return source;
}
