// A sales report as a table to download: one row per report row, Dutch headers, amounts as amount
// cells (euros with a decimal comma in CSV, number cells with #,##0.00 in XLSX), margin % as a number.
import type { SalesDimension, SalesMeasure } from "../../domain/access.js";
import type { CellInput } from "../../files/table-writer.js";
import type { SalesReport } from "./sales-report.service.js";

const DIMENSION_HEADERS: Record<SalesDimension, string> = {
  year: "Jaar",
  quarter: "Kwartaal",
  month: "Maand",
  debtor: "Debiteur",
  product: "Artikel",
  productGroup: "Artikelgroep",
  segment: "Marktsegment",
  rayon: "Rayon",
  rep: "Verkoper",
  class: "Klasse",
  sbiSection: "SBI-sectie",
  province: "Provincie",
};
const MEASURE_HEADERS: Record<SalesMeasure, string> = {
  volume: "Afzet",
  revenue: "Omzet (€)",
  margin: "Brutowinst (€)",
  marginPct: "Marge %",
  customers: "Klanten",
  invoices: "Facturen",
};

function measureCell(m: SalesMeasure, value: unknown): CellInput {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  if (m === "revenue" || m === "margin") return { cents: n };
  if (m === "marginPct") return n / 100;
  return n;
}

export function reportTable(report: SalesReport): { headers: string[]; rows: CellInput[][] } {
  const headers = [
    ...report.dimensions.map((d) => DIMENSION_HEADERS[d as SalesDimension]),
    ...report.measures.map((m) => MEASURE_HEADERS[m]),
    ...(report.compare ? report.measures.map((m) => `${MEASURE_HEADERS[m]} vorig jaar`) : []),
  ];
  const rows = report.rows.map((row) => [
    ...report.dimensions.map((d) => {
      const v = row[d];
      return typeof v === "string" ? v : (v as { name: string }).name;
    }),
    ...report.measures.map((m) => measureCell(m, row[m])),
    ...(report.compare ? report.measures.map((m) => measureCell(m, (row.previous as Record<string, unknown> | undefined)?.[m])) : []),
  ]);
  return { headers, rows };
}
