// ABC analysis (DOMAIN.md): relations sorted by revenue with their cumulative share (the Pareto
// curve: usually about 80 % of revenue from about 20 % of relations — the analysis shows the real
// one), and a class proposed from revenue thresholds per market segment. The system proposes, a
// person decides: a strategic override is never proposed away, and a key account is a decision
// (account plan, stable margin) that revenue alone neither makes nor unmakes.
import type { AccountClass } from "./account-class.js";
import type { Cents } from "./money.js";

/** Revenue per year (cents) from which a relation is an A or a B; below B it is a C. */
export interface ClassThresholds {
  A: Cents;
  B: Cents;
}

export interface ThresholdSettings {
  default: ClassThresholds;
  /** Per market segment id (as text), overriding the default. */
  bySegment: Record<string, ClassThresholds>;
}

export const DEFAULT_THRESHOLDS: ThresholdSettings = { default: { A: 5_000_000, B: 1_000_000 }, bySegment: {} };

export function thresholdsFor(settings: ThresholdSettings, segmentId: number | null): ClassThresholds {
  return (segmentId !== null ? settings.bySegment[String(segmentId)] : undefined) ?? settings.default;
}

/** The class revenue alone points to: A, B or C (revenue over 12 months, in cents). */
export function classByRevenue(revenue: Cents, t: ClassThresholds): Exclude<AccountClass, "key"> {
  if (revenue >= t.A) return "A";
  if (revenue >= t.B) return "B";
  return "C";
}

export interface ClassProposal {
  proposed: AccountClass;
  /** Why no change is proposed although revenue points elsewhere, if so. */
  kept: "override" | "key_account" | null;
}

export function proposeClass(current: AccountClass | null, override: boolean, revenue: Cents, t: ClassThresholds): ClassProposal {
  const byRevenue = classByRevenue(revenue, t);
  if (override && current !== null) return { proposed: current, kept: current === byRevenue ? null : "override" };
  if (current === "key") return { proposed: "key", kept: "key_account" };
  return { proposed: byRevenue, kept: null };
}

export interface ParetoPoint {
  /** Share of relations, basis points (2000 = the top 20 %). */
  relationsBp: number;
  /** Share of revenue those relations bring, basis points. */
  revenueBp: number;
}

/**
 * The Pareto curve of revenues sorted from high to low: at most `points` points plus the end, and
 * the share of revenue of the top 20 % and how many relations make 80 % of it.
 */
export function paretoCurve(sortedRevenues: readonly Cents[], points = 100): { curve: ParetoPoint[]; top20Bp: number; relationsFor80: number } {
  const n = sortedRevenues.length;
  const total = sortedRevenues.reduce((s, r) => s + Math.max(0, r), 0);
  if (n === 0 || total === 0) return { curve: [], top20Bp: 0, relationsFor80: 0 };
  const curve: ParetoPoint[] = [{ relationsBp: 0, revenueBp: 0 }];
  const step = Math.max(1, Math.ceil(n / points));
  let running = 0;
  let relationsFor80 = 0;
  const top20 = Math.ceil(n * 0.2);
  let top20Revenue = 0;
  for (let i = 0; i < n; i++) {
    running += Math.max(0, sortedRevenues[i] as number);
    if (i < top20) top20Revenue = running;
    if (relationsFor80 === 0 && running * 10 >= total * 8) relationsFor80 = i + 1;
    if ((i + 1) % step === 0 || i === n - 1) curve.push({ relationsBp: Math.round(((i + 1) * 10_000) / n), revenueBp: Math.round((running * 10_000) / total) });
  }
  return { curve, top20Bp: Math.round((top20Revenue * 10_000) / total), relationsFor80 };
}
