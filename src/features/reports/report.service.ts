// Management reports: contact moments per rep per ISO week and per relation class, and visits in the
// last twelve months against the visit norm of each class, with compliance per rep.
import { ACCOUNT_CLASSES, type AccountClass, classRank } from "../../domain/account-class.js";
import { daysBetween } from "../../domain/calendar.js";
import { NORM_VISIT_KINDS } from "../../domain/contact-moment.js";
import { addMonthsClamped } from "../../domain/followup-dates.js";
import { isoWeekOf, isoWeeksBetween } from "../../domain/iso-week.js";
import { assessVisits, compliance } from "../../domain/visit-norms.js";
import type { Db } from "../../db/kysely.js";
import { fieldProblem, invalid } from "../../server/errors.js";
import { readCrmSettings } from "../followups/crm-settings.service.js";
import { classedRelations, contactMomentCounts, userNames, visitCounts } from "./report.repository.js";

/** A year and a bit: longer ranges belong to an export, not a screen. */
export const MAX_REPORT_DAYS = 400;
const CLASS_KEYS = [...ACCOUNT_CLASSES, "none"] as const;
type ClassKey = (typeof CLASS_KEYS)[number];
/** The list of relations below norm shows at most this many; the count is complete. */
const BELOW_NORM_LIMIT = 500;

/** `repIds`: null = every rep, else only these reps' contact moments (viewer scope). */
export async function contactMomentsReport(db: Db, from: string, to: string, repIds: readonly number[] | null) {
  if (to < from) throw invalid(fieldProblem("to", "period_reversed"));
  if (daysBetween(from, to) > MAX_REPORT_DAYS) throw invalid(fieldProblem("to", "range_too_long"));
  const weeks = isoWeeksBetween(from, to);
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  const rows = await contactMomentCounts(db, from, to, repIds);
  const names = new Map((await userNames(db, [...new Set(rows.map((r) => r.user_id))])).map((u) => [u.id, u.name]));

  const reps = new Map<number, { total: number; perWeek: number[]; perClass: Record<ClassKey, number> }>();
  const classes = new Map<ClassKey, { total: number; perWeek: number[] }>(CLASS_KEYS.map((c) => [c, { total: 0, perWeek: weeks.map(() => 0) }]));
  const cells = new Map<string, { userId: number; week: string; accountClass: ClassKey; count: number }>();
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    const week = isoWeekOf(r.occurred_on);
    const w = weekIndex.get(week) as number;
    const cls: ClassKey = r.account_class !== null && (ACCOUNT_CLASSES as readonly string[]).includes(r.account_class) ? (r.account_class as AccountClass) : "none";
    let rep = reps.get(r.user_id);
    if (!rep) {
      rep = { total: 0, perWeek: weeks.map(() => 0), perClass: { key: 0, A: 0, B: 0, C: 0, none: 0 } };
      reps.set(r.user_id, rep);
    }
    rep.total += n;
    rep.perWeek[w] = (rep.perWeek[w] ?? 0) + n;
    rep.perClass[cls] += n;
    const c = classes.get(cls) as { total: number; perWeek: number[] };
    c.total += n;
    c.perWeek[w] = (c.perWeek[w] ?? 0) + n;
    const key = `${r.user_id}|${week}|${cls}`;
    const cell = cells.get(key) ?? { userId: r.user_id, week, accountClass: cls, count: 0 };
    cell.count += n;
    cells.set(key, cell);
    total += n;
  }
  return {
    from,
    to,
    weeks,
    reps: [...reps.entries()]
      .map(([id, v]) => ({ user: { id, name: names.get(id) ?? `#${id}` }, ...v }))
      .sort((a, b) => b.total - a.total || a.user.name.localeCompare(b.user.name)),
    classes: CLASS_KEYS.map((c) => ({ accountClass: c, ...(classes.get(c) as { total: number; perWeek: number[] }) })),
    cells: [...cells.values()].sort((a, b) => a.userId - b.userId || a.week.localeCompare(b.week) || a.accountClass.localeCompare(b.accountClass)),
    total,
  };
}

export async function visitNormsReport(db: Db, asOf: string, ownerId: number | undefined) {
  const { visitNorms: norms } = await readCrmSettings(db);
  const windowFrom = addMonthsClamped(asOf, -12);
  const [relations, visits] = await Promise.all([classedRelations(db, ownerId), visitCounts(db, NORM_VISIT_KINDS, windowFrom, asOf)]);
  const byRelation = new Map(visits.map((v) => [v.relation_id, { n: Number(v.n), last: v.last === null ? null : String(v.last) }]));

  const rows = relations
    .filter((r): r is typeof r & { account_class: AccountClass } => (ACCOUNT_CLASSES as readonly string[]).includes(r.account_class ?? ""))
    .map((r) => {
      const v = byRelation.get(r.id);
      return { ...r, visits: v?.n ?? 0, lastVisitOn: v?.last ?? null, assessment: assessVisits(r.account_class, v?.n ?? 0, norms) };
    });

  const owners = new Map<number | null, { name: string | null; rows: typeof rows }>();
  for (const r of rows) {
    const entry = owners.get(r.owner_id) ?? { name: r.owner_name, rows: [] };
    entry.rows.push(r);
    owners.set(r.owner_id, entry);
  }
  const below = rows
    .filter((r) => !r.assessment.meetsNorm)
    .sort((a, b) => b.assessment.shortfall - a.assessment.shortfall || classRank(a.account_class) - classRank(b.account_class) || a.name.localeCompare(b.name));
  const toInput = (list: typeof rows) => list.map((r) => ({ accountClass: r.account_class, visits: r.visits }));

  return {
    asOf,
    windowFrom,
    norms: { ...norms },
    overall: compliance(toInput(rows), norms),
    reps: [...owners.entries()]
      .map(([id, v]) => ({ owner: id !== null && v.name !== null ? { id, name: v.name } : null, compliance: compliance(toInput(v.rows), norms) }))
      .sort((a, b) => a.compliance.compliancePercent - b.compliance.compliancePercent || (a.owner?.name ?? "").localeCompare(b.owner?.name ?? "")),
    belowNorm: below.slice(0, BELOW_NORM_LIMIT).map((r) => ({
      relation: { id: r.id, name: r.name },
      city: r.visit_city,
      accountClass: r.account_class,
      owner: r.owner_id !== null && r.owner_name !== null ? { id: r.owner_id, name: r.owner_name } : null,
      visits: r.visits,
      norm: r.assessment.norm,
      shortfall: r.assessment.shortfall,
      lastVisitOn: r.lastVisitOn,
    })),
    belowNormCount: below.length,
  };
}
