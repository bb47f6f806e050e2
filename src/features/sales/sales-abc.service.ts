// Pareto / ABC: relations by revenue over a period with their cumulative share, and the class each
// would get from the revenue thresholds of its market segment. The manager accepts proposals one by
// one or in bulk; strategic overrides are kept and shown, key accounts flagged.
//
// Reads the relation attributes (class, override, segment) by a read-only join, as the sales report
// does for its dimensions: writes go through the relations feature (applyClassProposals).
import { sql } from "kysely";
import { DEFAULT_THRESHOLDS, paretoCurve, proposeClass, type ThresholdSettings, thresholdsFor } from "../../domain/abc.js";
import { checkSalesQuery, type Viewer } from "../../domain/access.js";
import type { AccountClass } from "../../domain/account-class.js";
import { isMonth } from "../../domain/calendar.js";
import { monthKey, monthKeyOfDate, monthsBetween, standardPeriodOf } from "../../domain/sales-period.js";
import type { Db } from "../../db/kysely.js";
import { AppError, fieldProblem, invalid } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { applyClassProposals } from "../relations/relation-sales.service.js";
import { debtorPeriodsAsOf } from "./sales-rollups.js";

export const THRESHOLD_SETTING = "sales.class_thresholds";

export async function readThresholds(db: Db): Promise<ThresholdSettings> {
  const row = await db.selectFrom("app_settings").select("value").where("key", "=", THRESHOLD_SETTING).executeTakeFirst();
  if (!row) return DEFAULT_THRESHOLDS;
  try {
    const parsed = JSON.parse(row.value) as ThresholdSettings;
    return { default: parsed.default ?? DEFAULT_THRESHOLDS.default, bySegment: parsed.bySegment ?? {} };
  } catch {
    return DEFAULT_THRESHOLDS;
  }
}

export async function writeThresholds(db: Db, settings: ThresholdSettings): Promise<ThresholdSettings> {
  const value = JSON.stringify(settings);
  const updated = await db.updateTable("app_settings").set({ value }).where("key", "=", THRESHOLD_SETTING).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto("app_settings").values({ key: THRESHOLD_SETTING, value }).execute();
  return readThresholds(db);
}

interface DebtorRevenue {
  id: number;
  name: string;
  revenue: number;
  accountClass: AccountClass | null;
  override: boolean;
  segmentId: number | null;
}

/** Revenue per debtor in the window, within the viewer's scope, largest first (yearly figures: 12 months). */
async function debtorRevenues(db: Db, viewer: Viewer, from: string, to: string, now: Date): Promise<DebtorRevenue[]> {
  if (!isMonth(from) || !isMonth(to)) throw invalid(fieldProblem(isMonth(from) ? "to" : "from", "month_invalid"));
  if (to < from) throw invalid(fieldProblem("to", "period_reversed"));
  const { refusals, rayons } = checkSalesQuery(viewer, { measures: ["revenue"], dimensions: ["debtor"], filterKeys: [], rayonFilter: null, sortKeys: [] });
  if (refusals.length > 0) throw new AppError("forbidden", "Your role does not see sales per relation");
  const window = { from: monthKey(from), to: monthKey(to) };
  const asOf = await debtorPeriodsAsOf(db);
  const period = asOf === monthKeyOfDate(amsterdamDate(now)) ? standardPeriodOf(window, asOf) : null;
  const scope = rayons === null ? sql`1 = 1` : rayons.length === 0 ? sql`1 = 0` : sql`t.rayon_id in (${sql.join([...rayons])})`;
  const where = period ? sql`t.as_of_month = ${asOf} and t.period = ${period}` : sql`t.month between ${window.from} and ${window.to}`;
  const table = period ? sql`sales_debtor_periods` : sql`sales_by_debtor`;
  const rows = await sql<{ id: number; name: string; rv: number; account_class: string | null; class_override: number; segment_id: number | null }>`
    select t.debtor_id as id, r.name, cast(sum(t.revenue_cents) as bigint) as rv, r.account_class, r.class_override, r.segment_id
    from ${table} t join relations r on r.id = t.debtor_id
    where ${where} and ${scope}
    group by t.debtor_id, r.name, r.account_class, r.class_override, r.segment_id
    order by rv desc, t.debtor_id`.execute(db);
  return rows.rows.map((r) => ({ id: Number(r.id), name: r.name, revenue: Number(r.rv), accountClass: r.account_class as AccountClass | null, override: r.class_override === 1, segmentId: r.segment_id }));
}

/** Revenue of a period as yearly revenue (thresholds are per year). */
const yearly = (revenue: number, months: number) => Math.round((revenue * 12) / Math.max(1, months));

export async function paretoReport(db: Db, viewer: Viewer, from: string, to: string, now: Date, limit = 100) {
  const debtors = await debtorRevenues(db, viewer, from, to, now);
  const { curve, top20Bp, relationsFor80 } = paretoCurve(debtors.map((d) => d.revenue));
  const thresholds = await readThresholds(db);
  const months = monthsBetween(monthKey(from), monthKey(to));
  const total = debtors.reduce((s, d) => s + Math.max(0, d.revenue), 0);
  let running = 0;
  const rows = debtors.slice(0, limit).map((d, i) => {
    running += Math.max(0, d.revenue);
    const proposal = proposeClass(d.accountClass, d.override, yearly(d.revenue, months), thresholdsFor(thresholds, d.segmentId));
    return { rank: i + 1, relation: { id: d.id, name: d.name }, revenue: d.revenue, cumulativeBp: total === 0 ? 0 : Math.round((running * 10_000) / total), accountClass: d.accountClass, override: d.override, proposedClass: proposal.proposed, kept: proposal.kept };
  });
  return { from, to, relations: debtors.length, totalRevenue: total, top20Bp, relationsFor80, curve, rows };
}

/** Relations whose class the analysis would change (overrides and key accounts are listed as kept). */
export async function classProposals(db: Db, viewer: Viewer, from: string, to: string, now: Date) {
  const debtors = await debtorRevenues(db, viewer, from, to, now);
  const thresholds = await readThresholds(db);
  const months = monthsBetween(monthKey(from), monthKey(to));
  const items = debtors
    .map((d) => ({ d, p: proposeClass(d.accountClass, d.override, yearly(d.revenue, months), thresholdsFor(thresholds, d.segmentId)) }))
    .filter(({ d, p }) => p.proposed !== d.accountClass || p.kept !== null)
    .map(({ d, p }) => ({ relation: { id: d.id, name: d.name }, yearlyRevenue: yearly(d.revenue, months), accountClass: d.accountClass, override: d.override, proposedClass: p.proposed, kept: p.kept }));
  return { from, to, thresholds, items: items.slice(0, 2000), total: items.length };
}

/** Accepts the proposals for the given relations (recomputed now, so a stale screen changes nothing wrongly). */
export async function acceptClassProposals(db: Db, viewer: Viewer, from: string, to: string, relationIds: readonly number[], now: Date) {
  const { items } = await classProposals(db, viewer, from, to, now);
  const wanted = new Set(relationIds);
  const moves = items.filter((i) => wanted.has(i.relation.id) && i.kept === null && i.proposedClass !== i.accountClass).map((i) => ({ relationId: i.relation.id, from: i.accountClass, to: i.proposedClass }));
  const applied = await applyClassProposals(db, moves, `ABC-analyse ${from} t/m ${to}`, viewer.id, now.toISOString());
  return { applied, skipped: relationIds.length - applied };
}
