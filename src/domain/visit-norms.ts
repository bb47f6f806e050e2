// Visit norms per account class (DOMAIN.md: "A accounts visited six times a year"): how many visits
// a relation of each class should get in twelve months, and how a rep's relations measure up.
import { ACCOUNT_CLASSES, type AccountClass, isAccountClass } from "./account-class.js";

/** Visits per twelve months for each class; configurable per company. */
export type VisitNorms = Readonly<Record<AccountClass, number>>;

export const DEFAULT_VISIT_NORMS: VisitNorms = Object.freeze({ key: 12, A: 6, B: 4, C: 1 });

/** Settings read from storage: whole numbers from 0 to 365 per class; anything else keeps the default. */
export function parseVisitNorms(raw: unknown): VisitNorms {
  const norms: Record<AccountClass, number> = { ...DEFAULT_VISIT_NORMS };
  if (raw && typeof raw === "object") {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (isAccountClass(k) && typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 365) norms[k] = v;
    }
  }
  return Object.freeze(norms);
}

export interface VisitAssessment {
  norm: number;
  visits: number;
  /** Visits still missing to meet the norm (0 when met). */
  shortfall: number;
  meetsNorm: boolean;
}

export function assessVisits(accountClass: AccountClass, visits: number, norms: VisitNorms): VisitAssessment {
  const norm = norms[accountClass];
  const shortfall = Math.max(0, norm - visits);
  return { norm, visits, shortfall, meetsNorm: shortfall === 0 };
}

export interface RelationVisits {
  accountClass: AccountClass;
  visits: number;
}

export interface Compliance {
  relations: number;
  relationsMeetingNorm: number;
  /** Visits required by the norms of all relations together. */
  visitsRequired: number;
  /** Visits made that count toward a norm: extra visits to one relation do not make up for another. */
  visitsCounted: number;
  /** visitsCounted ÷ visitsRequired in whole percent (100 when nothing is required). */
  compliancePercent: number;
  perClass: Record<AccountClass, ClassCompliance>;
}

/** One class of one rep: relations, how many meet the norm, and the visits due, done and overdue. */
export interface ClassCompliance {
  relations: number;
  meetingNorm: number;
  norm: number;
  /** Visits due in the twelve months: relations × norm. */
  visitsDue: number;
  /** Visits done that count toward the norm (at most the norm per relation). */
  visitsDone: number;
  /** Visits missing: due − done, spread over the relations below their norm. */
  visitsOverdue: number;
  /** Relations below their norm (the ones behind visitsOverdue). */
  belowNorm: number;
}

export function compliance(relations: readonly RelationVisits[], norms: VisitNorms): Compliance {
  const perClass = Object.fromEntries(
    ACCOUNT_CLASSES.map((c) => [c, { relations: 0, meetingNorm: 0, norm: norms[c], visitsDue: 0, visitsDone: 0, visitsOverdue: 0, belowNorm: 0 }]),
  ) as Compliance["perClass"];
  let required = 0;
  let counted = 0;
  let meeting = 0;
  for (const r of relations) {
    const a = assessVisits(r.accountClass, r.visits, norms);
    required += a.norm;
    counted += Math.min(a.visits, a.norm);
    const cls = perClass[r.accountClass];
    cls.relations += 1;
    cls.visitsDue += a.norm;
    cls.visitsDone += Math.min(a.visits, a.norm);
    cls.visitsOverdue += a.shortfall;
    if (a.meetsNorm) {
      meeting += 1;
      cls.meetingNorm += 1;
    } else cls.belowNorm += 1;
  }
  return {
    relations: relations.length,
    relationsMeetingNorm: meeting,
    visitsRequired: required,
    visitsCounted: counted,
    compliancePercent: required === 0 ? 100 : Math.floor((counted * 100) / required),
    perClass,
  };
}
