// Actual against target per rayon or rep and month: the revenue the sales report gives (within the
// viewer's scope) beside the targets the viewer may see, with the share of the target reached.
import type { SalesReport } from "./sales-report.service.js";

export interface TargetRow {
  month: string;
  rayon: { id: number; name: string } | null;
  salesperson: { id: number; name: string } | null;
  revenueCents: number;
}

export interface TargetsVersusActual {
  from: string;
  to: string;
  by: "rayon" | "rep";
  groups: {
    key: number;
    name: string;
    months: { month: string; revenue: number; target: number | null }[];
    total: { revenue: number; target: number | null; reachedBp: number | null };
  }[];
}

export function targetsVersusActual(by: "rayon" | "rep", months: readonly string[], actual: SalesReport, targets: readonly TargetRow[]): TargetsVersusActual {
  const groups = new Map<number, { name: string; revenue: Map<string, number>; target: Map<string, number> }>();
  const group = (key: number, name: string) => {
    let g = groups.get(key);
    if (!g) {
      g = { name, revenue: new Map(), target: new Map() };
      groups.set(key, g);
    }
    return g;
  };
  for (const row of actual.rows) {
    const dim = row[by] as { key: number; name: string };
    const g = group(Number(dim.key), dim.name);
    g.revenue.set(row.month as string, (g.revenue.get(row.month as string) ?? 0) + Number(row.revenue ?? 0));
  }
  for (const t of targets) {
    const owner = by === "rayon" ? t.rayon : t.salesperson;
    // A rep's target counts under the rep; a rayon target under the rayon (the other kind is left out).
    if (!owner || (by === "rayon" && t.salesperson)) continue;
    const g = group(owner.id, owner.name);
    g.target.set(t.month, (g.target.get(t.month) ?? 0) + t.revenueCents);
  }
  return {
    from: months[0] ?? "",
    to: months.at(-1) ?? "",
    by,
    groups: [...groups.entries()]
      .filter(([key]) => key !== 0)
      .map(([key, g]) => {
        const revenue = months.reduce((s, m) => s + (g.revenue.get(m) ?? 0), 0);
        const hasTarget = months.some((m) => g.target.has(m));
        const target = hasTarget ? months.reduce((s, m) => s + (g.target.get(m) ?? 0), 0) : null;
        return {
          key,
          name: g.name,
          months: months.map((m) => ({ month: m, revenue: g.revenue.get(m) ?? 0, target: g.target.get(m) ?? null })),
          total: { revenue, target, reachedBp: target ? Math.round((revenue * 10_000) / target) : null },
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, "nl")),
  };
}
