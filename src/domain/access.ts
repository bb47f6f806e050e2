// Who sees which figures: the one policy every query that reads figures, prices, costs or other
// people's work is built from (DOMAIN.md, "Visibility"). The CRM itself is open to every role; the
// VIS has authorization levels: no gross margin without profit responsibility, and a salesperson
// compares own figures with other rayons' totals without their debtors' detail.
//
// Everything here fails closed: a viewer is always explicit (batch work uses SYSTEM_VIEWER, never a
// missing user), an unknown role or an empty rayon list grants nothing beyond the role's minimum.
import type { Role } from "./roles.js";

/** The person a query is built for. An AuthUser is a Viewer. */
export interface Viewer {
  /** null only for SYSTEM_VIEWER (batch work started from the command line or the demo). */
  readonly id: number | null;
  readonly role: Role;
  /** May see cost, gross margin and margin % (DOMAIN.md: profit responsibility). */
  readonly profitResponsible: boolean;
  readonly rayonIds: readonly number[];
}

/** Batch work with full rights: CLI commands (shell access is database access) and the demo. */
export const SYSTEM_VIEWER: Viewer = Object.freeze({ id: null, role: "admin", profitResponsible: true, rayonIds: Object.freeze([]) });

/** Cost, gross margin and margin %: administrators and users with profit responsibility. */
export function seesMargin(viewer: Viewer): boolean {
  return viewer.role === "admin" || viewer.profitResponsible === true;
}

// ---- The sales information system -------------------------------------------------------------

export const SALES_MEASURES = ["volume", "revenue", "margin", "marginPct", "customers", "invoices"] as const;
export type SalesMeasure = (typeof SALES_MEASURES)[number];
/** Measures that reveal cost: refused (403) as measure, filter or sort key without seesMargin. */
export const MARGIN_MEASURES: readonly SalesMeasure[] = ["margin", "marginPct"];

export const TIME_DIMENSIONS = ["year", "quarter", "month"] as const;
export const SALES_DIMENSIONS = [
  ...TIME_DIMENSIONS,
  "debtor",
  "product",
  "productGroup",
  "segment",
  "rayon",
  "rep",
  "class",
  "sbiSection",
  "province",
] as const;
export type SalesDimension = (typeof SALES_DIMENSIONS)[number];

/**
 * How far a role sees into sales figures:
 * - `all`: every rayon in detail;
 * - `ownRayons`: detail (debtor, product, rep …) only of the viewer's own rayons; over other rayons
 *   only totals per rayon and period (DOMAIN.md: compare with other territories' totals);
 * - dimensions: the dimensions the role may group or filter by at all.
 */
export interface SalesAccess {
  readonly detail: "all" | "ownRayons";
  readonly dimensions: readonly SalesDimension[];
}

/** Dimensions allowed over rayons the viewer has no detail of: period and rayon totals only. */
export const TOTALS_DIMENSIONS: readonly SalesDimension[] = [...TIME_DIMENSIONS, "rayon"];

const ALL_DIMENSIONS: readonly SalesDimension[] = SALES_DIMENSIONS;

export const SALES_POLICY: Readonly<Record<Role, SalesAccess>> = {
  admin: { detail: "all", dimensions: ALL_DIMENSIONS },
  sales_manager: { detail: "all", dimensions: ALL_DIMENSIONS },
  field_sales: { detail: "ownRayons", dimensions: ALL_DIMENSIONS },
  // Inside sales serves the rayons it is assigned to (the field reps it works for).
  inside_sales: { detail: "ownRayons", dimensions: ALL_DIMENSIONS },
  // Marketing follows products, segments and campaigns over the whole market.
  marketing: { detail: "all", dimensions: ALL_DIMENSIONS },
  // Purchasing plans volumes per product and region; debtors and reps are none of its business.
  purchasing: { detail: "all", dimensions: [...TIME_DIMENSIONS, "product", "productGroup", "segment", "rayon", "province"] },
};

export type SalesRefusal =
  | { readonly code: "margin_hidden"; readonly key: string }
  | { readonly code: "dimension_hidden"; readonly key: string }
  | { readonly code: "rayon_detail_hidden"; readonly key: string };

export interface SalesQueryShape {
  readonly measures: readonly SalesMeasure[];
  readonly dimensions: readonly SalesDimension[];
  /** Dimensions filtered on (keys of `filters`). */
  readonly filterKeys: readonly SalesDimension[];
  /** Rayon ids the filter keeps, when it filters on rayon. */
  readonly rayonFilter: readonly number[] | null;
  /** Measure or dimension sorted on. */
  readonly sortKeys: readonly string[];
}

/**
 * The rayon restriction of a sales query for this viewer: `null` = every rayon, else the list of
 * rayon ids whose lines may be read. Detail (any dimension beyond period and rayon) over other
 * rayons is refused; a totals-only query reads every rayon.
 */
export type RayonScope = readonly number[] | null;

/** Checks a query against the policy; returns the refusals (empty = allowed) and the rayon scope. */
export function checkSalesQuery(viewer: Viewer, q: SalesQueryShape): { refusals: SalesRefusal[]; rayons: RayonScope } {
  const access = SALES_POLICY[viewer.role];
  const refusals: SalesRefusal[] = [];
  if (!access) return { refusals: [{ code: "dimension_hidden", key: "role" }], rayons: [] };
  if (!seesMargin(viewer)) {
    for (const m of q.measures) if (MARGIN_MEASURES.includes(m)) refusals.push({ code: "margin_hidden", key: m });
    for (const s of q.sortKeys) if ((MARGIN_MEASURES as readonly string[]).includes(s)) refusals.push({ code: "margin_hidden", key: s });
  }
  for (const d of [...q.dimensions, ...q.filterKeys]) {
    if (!access.dimensions.includes(d)) refusals.push({ code: "dimension_hidden", key: d });
  }
  if (access.detail === "all") return { refusals, rayons: null };
  const detailed = [...q.dimensions, ...q.filterKeys].some((d) => !TOTALS_DIMENSIONS.includes(d));
  if (!detailed) return { refusals, rayons: null };
  // Detail: only the viewer's own rayons. A filter naming another rayon asks for what is hidden.
  const own = viewer.rayonIds;
  if (q.rayonFilter !== null) {
    for (const id of q.rayonFilter) if (!own.includes(id)) refusals.push({ code: "rayon_detail_hidden", key: String(id) });
  }
  return { refusals, rayons: own };
}

/** Whether the viewer may see the sales detail of a relation in `rayonId` (relation page, sheet). */
export function seesSalesDetailOf(viewer: Viewer, rayonId: number | null): boolean {
  const access = SALES_POLICY[viewer.role];
  if (!access?.dimensions.includes("debtor")) return false;
  if (access.detail === "all") return true;
  return rayonId !== null && viewer.rayonIds.includes(rayonId);
}

// ---- Reports on other people's work -----------------------------------------------------------

/**
 * Reports that show figures per salesperson (their quotes, their visits): a sales manager's tool.
 * `all`: every rep; `own`: only the viewer's own row (the query is limited to it); `none`: 403.
 */
export const TEAM_REPORTS = ["forecastByRep", "hitRatio", "contactMoments", "visitNorms", "overdueFollowUps", "targetsByRep", "salesByRep", "sellingTime", "preparationPayback"] as const;
export type TeamReport = (typeof TEAM_REPORTS)[number];
export type TeamAccess = "all" | "own" | "none";

const TEAM_POLICY: Readonly<Record<Role, TeamAccess>> = {
  admin: "all",
  sales_manager: "all",
  field_sales: "own",
  inside_sales: "own",
  marketing: "none",
  purchasing: "none",
};

/** One policy for every per-rep report (the table in docs/security.md). */
export function teamAccess(viewer: Viewer, _report: TeamReport): TeamAccess {
  return TEAM_POLICY[viewer.role] ?? "none";
}

/**
 * The reps whose figures a per-rep report may show: `null` = all, `[id]` = only the viewer.
 * Throws nothing: callers turn "none" into 403.
 */
export function teamScope(viewer: Viewer, report: TeamReport): { access: TeamAccess; repIds: readonly number[] | null } {
  const access = teamAccess(viewer, report);
  if (access === "all") return { access, repIds: null };
  if (access === "own" && viewer.id !== null) return { access, repIds: [viewer.id] };
  return { access: "none", repIds: [] };
}

// ---- The agenda --------------------------------------------------------------------------------

/**
 * Whose appointments a viewer reads: managers and administrators everyone's (their team is the
 * company); inside sales its own and those of the field reps of the rayons it serves (it plans for
 * them: the acting-for policy of domain/acting.ts); everyone else only their own. Appointments the
 * viewer made for someone else stay readable to the maker. Built into the SQL, never filtered after.
 */
export type AgendaScope =
  | { readonly all: true }
  | { readonly all: false; readonly userId: number; readonly fieldRepsOfRayons: readonly number[] };

export function agendaScope(viewer: Viewer): AgendaScope {
  if (viewer.role === "admin" || viewer.role === "sales_manager") return { all: true };
  // Fail closed: a viewer without an id (only SYSTEM_VIEWER, an admin) reads nothing here.
  if (viewer.id === null) return { all: false, userId: -1, fieldRepsOfRayons: [] };
  return { all: false, userId: viewer.id, fieldRepsOfRayons: viewer.role === "inside_sales" ? viewer.rayonIds : [] };
}

// ---- The audit trail --------------------------------------------------------------------------

/** Audited fields that reveal cost or margin: their lines are not read for viewers without seesMargin. */
export const MARGIN_AUDIT_FIELDS = ["cost_price_cents", "cost_cents", "margin_cents"] as const;
