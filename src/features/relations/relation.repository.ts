// SQL of relations: the filtered, keyset-paged list and the reads of one relation. Filters run on
// indexed, normalised columns so the list stays fast at a million relations (bench/relations).
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import { ACCOUNT_CLASSES } from "../../domain/account-class.js";
import { RELATION_STATUSES } from "../../domain/lifecycle.js";
import type { Db } from "../../db/kysely.js";
import type { CursorValue } from "../../server/http.js";
import { countSemiJoinsOnly, engineOf, type PrefixScan, planPrefixScan, planSemiJoins, type SemiJoinPlan, semiJoins } from "./relation-search-plan.js";
import { searchPrefixes } from "./relation-terms.js";

/** The semi-joins of a prefix scan: all probed, none counted (the scan has chosen already). */
const scanPlan = (db: Db, f: RelationFilter): SemiJoinPlan => ({ joins: semiJoins(engineOf(db), f), rarest: -1, drives: false });

export interface RelationFilter {
  /** Every prefix must match the start of a search term of the relation. */
  prefixes: { lower: string; upper: string }[];
  statuses: string[];
  /** Class values; "none" matches relations without a class. */
  classes: string[];
  sbiSections: string[];
  sbiPrefixes: string[];
  cityKey: string | null;
  /** Inclusive postcode range on the visiting address ("1000", "1099 ZZ"). */
  postcodeFrom: string | null;
  postcodeTo: string | null;
  ownerIds: number[];
  ownerNone: boolean;
  rayonIds: number[];
  kind: string | null;
  /** Owners the list's scope keeps (mine, team); null = everyone. */
  scopeOwnerIds: readonly number[] | null;
  /** The relations behind a number of the visit-norm report. */
  visitNorm?: VisitNormFilter | null;
}

export interface VisitNormFilter {
  state: "due" | "met" | "below";
  /** Visits with windowFrom < occurred_on <= asOf count (twelve months, as the report). */
  windowFrom: string;
  asOf: string;
  kinds: readonly string[];
  norms: Readonly<Record<string, number>>;
}

export type SortKey = "name" | "city" | "status" | "class" | "owner" | "updated";

const rankCase = (column: string, values: readonly string[], fallback: number) =>
  sql`case ${sql.ref(column)} ${sql.join(
    values.map((v, i) => sql`when ${sql.lit(v)} then ${sql.lit(i)}`),
    sql` `,
  )} else ${sql.lit(fallback)} end`;

/** The ORDER BY expressions of each sort, ending in the id so that the order is total. */
const SORT_EXPRESSIONS: Record<SortKey, RawBuilder<unknown>[]> = {
  name: [sql.ref("r.name_key"), sql.ref("r.id")],
  city: [sql.ref("r.city_key"), sql.ref("r.name_key"), sql.ref("r.id")],
  status: [rankCase("r.status", RELATION_STATUSES, 9), sql.ref("r.name_key"), sql.ref("r.id")],
  class: [rankCase("r.account_class", ACCOUNT_CLASSES, 9), sql.ref("r.name_key"), sql.ref("r.id")],
  owner: [sql`coalesce((select u.name from users as u where u.id = r.owner_id), '')`, sql.ref("r.name_key"), sql.ref("r.id")],
  updated: [sql.ref("r.updated_at"), sql.ref("r.id")],
};

export function sortLength(sort: SortKey): number {
  return SORT_EXPRESSIONS[sort].length;
}

/** The cursor values of a listed row for a sort (must match SORT_EXPRESSIONS). */
export function cursorValues(row: ListedRelation, sort: SortKey): CursorValue[] {
  const statusRank = RELATION_STATUSES.indexOf(row.status as never);
  const classRank = row.account_class === null ? 9 : ACCOUNT_CLASSES.indexOf(row.account_class as never);
  switch (sort) {
    case "name":
      return [row.name_key, row.id];
    case "city":
      return [row.city_key, row.name_key, row.id];
    case "status":
      return [statusRank < 0 ? 9 : statusRank, row.name_key, row.id];
    case "class":
      return [classRank < 0 ? 9 : classRank, row.name_key, row.id];
    case "owner":
      return [row.owner_name ?? "", row.name_key, row.id];
    case "updated":
      return [row.updated_at, row.id];
  }
}

/** Whether the filter has conditions on the relation row itself (not only on its terms or codes). */
function filtersRelationRow(f: RelationFilter): boolean {
  return (
    f.statuses.length > 0 || f.classes.length > 0 || f.cityKey !== null || f.postcodeFrom !== null || f.postcodeTo !== null ||
    f.ownerIds.length > 0 || f.ownerNone || f.rayonIds.length > 0 || f.kind !== null || f.scopeOwnerIds !== null || Boolean(f.visitNorm)
  );
}

/**
 * The filtered relations. Owner and rayon names are read per listed row (subqueries in the select
 * list), not joined: joined, SQLite 3.53 placed the word probe after the owner join and read ten
 * times the rows for a page (bench: SBI filter 17 ms instead of 3 ms at 100,000 relations).
 */
function baseQuery(db: Db, f: RelationFilter, plan: SemiJoinPlan, scan: PrefixScan | null = null) {
  let q = db.selectFrom("relations as r");
  if (scan) {
    // Read in name order from the prefix rows (key prefix, name_key, relation_id), each joined to
    // its relation: the same relations in the same order (name_key is written with the prefixes).
    q = db
      .selectFrom("relation_search_prefixes as p")
      .innerJoin("relations as r", "r.id", "p.relation_id")
      .where(sql<SqlBool>`${sql.ref("p.prefix")} = ${scan.prefix}`) as unknown as typeof q;
  }
  plan.joins.forEach((j, i) => {
    // The scanned word needs no probe when its prefix rows are its matches.
    if (scan && i === scan.word && scan.exact) return;
    q = q.where(j.condition(sql.ref("r.id"), !scan && plan.drives && i === plan.rarest ? "in" : "exists", `j${i}`));
  });
  if (f.statuses.length > 0) q = q.where("r.status", "in", f.statuses);
  if (f.classes.length > 0) {
    const named = f.classes.filter((c) => c !== "none");
    const none = f.classes.includes("none");
    q = q.where((eb) => {
      const parts: Expression<SqlBool>[] = [];
      if (named.length > 0) parts.push(eb("r.account_class", "in", named));
      if (none) parts.push(eb("r.account_class", "is", null));
      return eb.or(parts);
    });
  }
  if (f.cityKey) q = q.where("r.city_key", ">=", f.cityKey).where("r.city_key", "<", `${f.cityKey}~`);
  if (f.postcodeFrom) q = q.where("r.visit_postcode", ">=", f.postcodeFrom);
  if (f.postcodeTo) q = q.where("r.visit_postcode", "<=", f.postcodeTo);
  if (f.ownerIds.length > 0 || f.ownerNone) {
    q = q.where((eb) =>
      eb.or([
        ...(f.ownerIds.length > 0 ? [eb("r.owner_id", "in", f.ownerIds)] : []),
        ...(f.ownerNone ? [eb("r.owner_id", "is", null)] : []),
      ]),
    );
  }
  if (f.rayonIds.length > 0) q = q.where("r.rayon_id", "in", f.rayonIds);
  if (f.scopeOwnerIds !== null) {
    const owners = f.scopeOwnerIds;
    // An empty scope (a viewer who owns nothing) keeps nothing, and SQL has no empty "in ()".
    q = owners.length > 0 ? q.where("r.owner_id", "in", [...owners]) : q.where(sql<SqlBool>`1 = 0`);
  }
  if (f.kind) q = q.where("r.kind", "=", f.kind);
  if (f.visitNorm) q = q.where(visitNormCondition(f.visitNorm));
  return q;
}

/**
 * The report's rule in SQL: a living relation of a class; its visits in the window counted by a
 * correlated subquery (index activities_relation) and compared with its class's norm.
 */
function visitNormCondition(v: VisitNormFilter): RawBuilder<SqlBool> {
  const classes = ACCOUNT_CLASSES.filter((c) => v.state === "met" || (v.norms[c] ?? 0) > 0);
  const living = sql<SqlBool>`r.status <> 'dead' and r.account_class in (${sql.join([...classes.map((c) => sql`${c}`), sql`'-'`])})`;
  if (v.state === "due") return living;
  const visits = sql`(select count(*) from activities as a where a.relation_id = r.id and a.kind in (${sql.join(v.kinds.map((k) => sql`${k}`))}) and a.occurred_on > ${v.windowFrom} and a.occurred_on <= ${v.asOf})`;
  const norm = sql`case r.account_class ${sql.join(
    ACCOUNT_CLASSES.map((c) => sql`when ${sql.lit(c)} then ${sql.lit(v.norms[c] ?? 0)}`),
    sql` `,
  )} else 0 end`;
  return v.state === "below" ? sql<SqlBool>`${living} and ${visits} < ${norm}` : sql<SqlBool>`${living} and ${visits} >= ${norm}`;
}

export type ListedRelation = Awaited<ReturnType<typeof listRelations>>[number];

export async function listRelations(
  db: Db,
  f: RelationFilter,
  sort: SortKey,
  desc: boolean,
  after: CursorValue[] | null,
  limit: number,
) {
  const scan = sort === "name" ? await planPrefixScan(db, f) : null;
  // In a prefix scan the order is the prefix rows' own (their key): the same values as r.name_key, r.id.
  const exprs = scan ? [sql.ref("p.name_key"), sql.ref("p.relation_id")] : SORT_EXPRESSIONS[sort];
  let q = baseQuery(db, f, scan ? scanPlan(db, f) : await planSemiJoins(db, f), scan).select([
    "r.id",
    "r.name",
    "r.name_key",
    "r.city_key",
    "r.visit_city",
    "r.visit_postcode",
    "r.status",
    "r.account_class",
    "r.class_override",
    "r.kind",
    "r.phone",
    "r.kvk_number",
    "r.updated_at",
    "r.version",
    "r.owner_id",
    (eb) => eb.selectFrom("users as u").select("u.name").whereRef("u.id", "=", "r.owner_id").as("owner_name"),
    "r.rayon_id",
    (eb) => eb.selectFrom("rayons as ry").select("ry.name").whereRef("ry.id", "=", "r.rayon_id").as("rayon_name"),
  ]);
  if (after) {
    const left = sql`(${sql.join(exprs)})`;
    const right = sql`(${sql.join(after.map((v) => sql`${v}`))})`;
    q = q.where(desc ? sql<SqlBool>`${left} < ${right}` : sql<SqlBool>`${left} > ${right}`);
  }
  for (const e of exprs) q = q.orderBy(e, desc ? "desc" : "asc");
  return q.limit(limit).execute();
}

/** Matching rows counted up to `cap`; beyond it the UI shows "10,000+". */
export async function countRelations(db: Db, f: RelationFilter, cap: number): Promise<number> {
  const scan = await planPrefixScan(db, f);
  if (scan) {
    // One short word and nothing else: its prefix rows, already counted (up to PREFIX_COUNT_CAP).
    if (scan.exact && f.prefixes.length === 1 && f.sbiSections.length === 0 && f.sbiPrefixes.length === 0 && !filtersRelationRow(f)) return Math.min(scan.rows, cap);
    // Else the scanned prefix's rows with the other words probed: one row per relation, no distinct.
    const inner = baseQuery(db, f, scanPlan(db, f), scan).select("r.id").limit(cap);
    const row = await db.selectFrom(inner.as("t")).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const plan = await planSemiJoins(db, f);
  if (plan.rarest >= 0 && !filtersRelationRow(f)) return countSemiJoinsOnly(db, plan, cap);
  const inner = baseQuery(db, f, plan).select("r.id").limit(cap);
  const row = await db
    .selectFrom(inner.as("t"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findRelationRow(db: Db, id: number) {
  return db.selectFrom("relations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function loadRelationParts(db: Db, id: number) {
  const [sbi, branches, statusHistory, classHistory] = await Promise.all([
    db
      .selectFrom("relation_sbi_codes as rs")
      .innerJoin("sbi_codes as s", "s.code", "rs.sbi_code")
      .select(["s.code", "s.name_nl", "s.name_en"])
      .where("rs.relation_id", "=", id)
      .orderBy("rs.position")
      .execute(),
    db
      .selectFrom("relations")
      .select(["id", "name", "visit_city"])
      .where("parent_id", "=", id)
      .orderBy("name_key")
      .limit(500)
      .execute(),
    db
      .selectFrom("relation_status_changes as h")
      .leftJoin("users as u", "u.id", "h.changed_by")
      .select(["h.id", "h.from_status", "h.to_status", "h.reason", "h.changed_at", "h.changed_by", "u.name as changed_by_name"])
      .where("h.relation_id", "=", id)
      .orderBy("h.id", "desc")
      .execute(),
    db
      .selectFrom("relation_class_changes as h")
      .leftJoin("users as u", "u.id", "h.changed_by")
      .select(["h.id", "h.from_class", "h.to_class", "h.override", "h.reason", "h.changed_at", "h.changed_by", "u.name as changed_by_name"])
      .where("h.relation_id", "=", id)
      .orderBy("h.id", "desc")
      .execute(),
  ]);
  return { sbi, branches, statusHistory, classHistory };
}

export async function nameOf(db: Db, table: "users" | "rayons" | "relations", id: number | null) {
  if (id === null) return null;
  const row = await db.selectFrom(table).select(["id", "name"]).where("id", "=", id).executeTakeFirst();
  return row ?? null;
}

export async function segmentRef(db: Db, id: number | null) {
  if (id === null) return null;
  return (await db.selectFrom("market_segments").select(["id", "name"]).where("id", "=", id).executeTakeFirst()) ?? null;
}

/**
 * Replaces the search terms of a relation and their 1–3 character prefixes, which carry the
 * relation's name_key (so every rename comes through here: the name is a term source).
 */
export async function writeSearchTerms(db: Db, relationId: number, nameKey: string, terms: readonly string[]) {
  await db.deleteFrom("relation_search_terms").where("relation_id", "=", relationId).execute();
  await db.deleteFrom("relation_search_prefixes").where("relation_id", "=", relationId).execute();
  if (terms.length > 0) {
    await db
      .insertInto("relation_search_terms")
      .values(terms.map((term) => ({ term, relation_id: relationId })))
      .execute();
    await db
      .insertInto("relation_search_prefixes")
      .values(searchPrefixes(terms).map((prefix) => ({ prefix, name_key: nameKey, relation_id: relationId })))
      .execute();
  }
}

export async function writeSbiCodes(db: Db, relationId: number, codes: readonly { code: string; section: string }[]) {
  await db.deleteFrom("relation_sbi_codes").where("relation_id", "=", relationId).execute();
  if (codes.length > 0) {
    await db
      .insertInto("relation_sbi_codes")
      .values(codes.map((c, position) => ({ relation_id: relationId, sbi_code: c.code, section: c.section, position })))
      .execute();
  }
}
