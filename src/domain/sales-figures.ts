// The shape of one group's figures in a sales report, as the API returns it and the web app reads
// it. Amounts in cents, volume in thousandths of a unit, margin percentage in basis points (null
// where there is no revenue); a field is present only when its measure was asked for and the viewer
// may see it.

export interface Figures {
  volume?: number;
  revenue?: number;
  margin?: number;
  marginPct?: number | null;
  customers?: number;
  invoices?: number;
}

/** "2025-03" (month), "2025-Q1" (quarter), "2025" (year), or an id/code with its name. */
export type DimensionValue = string | { key: string | number; name: string };
