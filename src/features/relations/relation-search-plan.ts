// How the filters that live in other tables (word prefixes in relation_search_terms, SBI codes in
// relation_sbi_codes) join the relations list, chosen per request from cheap row counts.
//
// The rarest filter, when it matches few rows, drives the query (`r.id in (…)`: read its rows, then
// sort them); every other filter is probed per relation (`exists (…)`) while the relations are read
// in list order. A common prefix ("b" matches a third of all relations) must not drive: SQLite
// would collect and sort all its relations to show 50 (100 ms at 100,000 relations, 1 s at a
// million), where reading in name order and probing fills a page at once. A rare one ("bakkerij
// utr") must drive: probing would read the whole table to find its few. PostgreSQL plans both
// forms as the same semi-join and chooses by its own statistics. See docs/benchmarks.md.
import { PostgresAdapter, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Db, Engine } from "../../db/kysely.js";
import { COUNT_CAP } from "../../server/http.js";
import type { RelationFilter } from "./relation.repository.js";

export interface SemiJoin {
  /** `select <alias>.relation_id from … where <match>`: the relations the filter lets through. */
  source(alias: string): RawBuilder<unknown>;
  /** The filter as a condition on the relation id `outer`, driving (in) or probed (exists). */
  condition(outer: RawBuilder<unknown>, mode: "in" | "exists", alias: string): RawBuilder<SqlBool>;
}

function semiJoin(engine: Engine, table: string, match: (alias: string) => RawBuilder<unknown>): SemiJoin {
  const from = (alias: string) => sql`${sql.table(table)} as ${sql.id(alias)}`;
  const source = (alias: string) => sql`select ${sql.ref(`${alias}.relation_id`)} from ${from(alias)} where ${match(alias)}`;
  return {
    source,
    condition: (outer, mode, alias) => {
      if (mode === "exists") return sql<SqlBool>`exists (select 1 from ${from(alias)} where ${sql.ref(`${alias}.relation_id`)} = ${outer} and ${match(alias)})`;
      // PostgreSQL would still plan `in (…)` as a semi-join read in list order when it guesses the
      // filter common enough ("zor": 500 ms at 100,000 relations); an array of the ids, built once,
      // makes it fetch exactly those relations by key and sort them (10 ms).
      return engine === "postgres" ? sql<SqlBool>`${outer} = any(array(${source(alias)}))` : sql<SqlBool>`${outer} in (${source(alias)})`;
    },
  };
}

export const engineOf = (db: Db): Engine => (db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite");

/** The filters of `f` that live in other tables, each a semi-join on relation_id. */
export function semiJoins(engine: Engine, f: RelationFilter): SemiJoin[] {
  const joins = f.prefixes.map((p) =>
    semiJoin(engine, "relation_search_terms", (a) => sql`${sql.ref(`${a}.term`)} >= ${p.lower} and ${sql.ref(`${a}.term`)} < ${p.upper}`),
  );
  if (f.sbiSections.length > 0 || f.sbiPrefixes.length > 0) {
    joins.push(
      semiJoin(engine, "relation_sbi_codes", (a) => {
        const parts = [
          ...(f.sbiSections.length > 0 ? [sql`${sql.ref(`${a}.section`)} in (${sql.join(f.sbiSections)})`] : []),
          ...f.sbiPrefixes.map((p) => sql`(${sql.ref(`${a}.sbi_code`)} >= ${p} and ${sql.ref(`${a}.sbi_code`)} < ${`${p}~`})`),
        ];
        return sql`(${sql.join(parts, sql` or `)})`;
      }),
    );
  }
  return joins;
}

export interface SemiJoinPlan {
  joins: SemiJoin[];
  /** Index in `joins` of the filter with the fewest rows (-1: no filters). */
  rarest: number;
  /** Whether the rarest drives the list (it matches few enough rows); else all are probed. */
  drives: boolean;
}

const plans = new WeakMap<RelationFilter, Promise<SemiJoinPlan>>();

/**
 * Counts each filter's rows up to a limit (an index range scan: a few milliseconds) and picks the
 * plan. Remembered per filter object, so the page and its count share one plan.
 */
export function planSemiJoins(db: Db, f: RelationFilter): Promise<SemiJoinPlan> {
  const cached = plans.get(f);
  if (cached) return cached;
  const plan = (async (): Promise<SemiJoinPlan> => {
    const joins = semiJoins(engineOf(db), f);
    if (joins.length === 0) return { joins, rarest: -1, drives: false };
    const top = await db.selectFrom("relations").select((eb) => eb.fn.max("id").as("n")).executeTakeFirst();
    // Driving pays while the filter matches under ~5 % of the relations: sorting that many costs
    // less than probing until a page is full. The highest id stands in for the number of relations.
    const limit = Math.max(5_000, Math.ceil(Number(top?.n ?? 0) / 20));
    const counts: number[] = [];
    for (const j of joins) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from (${j.source("m")} limit ${limit}) as c`.execute(db);
      counts.push(Number(rows[0]?.n ?? 0));
    }
    const rarest = counts.indexOf(Math.min(...counts));
    return { joins, rarest, drives: (counts[rarest] as number) < limit };
  })();
  plans.set(f, plan);
  return plan;
}

/**
 * The count of a filter made of semi-joins only, read from the rarest filter's own table (its
 * distinct relation ids, the others probed) and stopping at `cap`: no relation row is read.
 */
export async function countSemiJoinsOnly(db: Db, plan: SemiJoinPlan, cap: number): Promise<number> {
  const outer = sql.ref("d.relation_id");
  const others = plan.joins.filter((_, i) => i !== plan.rarest).map((j, i) => j.condition(outer, "exists", `o${i}`));
  const where = others.length > 0 ? sql` where ${sql.join(others, sql` and `)}` : sql``;
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from (
      select distinct d.relation_id from (${(plan.joins[plan.rarest] as SemiJoin).source("x")}) as d${where} limit ${cap}
    ) as c`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Below this many matching rows a filter drives by its ids (read them, sort them): a few
 * milliseconds. Above it, a name-ordered scan of relation_search_prefixes finds a page sooner.
 */
const DRIVE_ROWS = 1_000;
/** The list counts up to 10,000 ("10.000+" beyond): one more tells the two apart. */
export const PREFIX_COUNT_CAP = COUNT_CAP + 1;

export interface PrefixScan {
  /** The 1–3 character prefix whose rows (relation_search_prefixes, in name order) are read. */
  prefix: string;
  /** Index in `f.prefixes` of the word that prefix belongs to. */
  word: number;
  /** Whether the rows of `prefix` alone are the answer to the word (it has 3 characters or fewer). */
  exact: boolean;
  /** Rows of `prefix`, counted up to PREFIX_COUNT_CAP (the list's count cap plus one). */
  rows: number;
}

const scans = new WeakMap<RelationFilter, Promise<PrefixScan | null>>();

const countUpTo = async (db: Db, from: RawBuilder<unknown>, cap: number) =>
  Number((await sql<{ n: number }>`select count(*) as n from (${from} limit ${cap}) as c`.execute(db)).rows[0]?.n ?? 0);

/**
 * For a list in name order with one word: the rows of its 3-character prefix,
 * read in name order from relation_search_prefixes (an index range scan that stops at a page);
 * an SBI filter probed per row. Null for two words or more, and when one filter matches fewer than
 * DRIVE_ROWS rows: then it drives by its ids (planSemiJoins) and sorting those few is cheaper.
 * Remembered per filter object, so the page and its count share one plan.
 */
export function planPrefixScan(db: Db, f: RelationFilter): Promise<PrefixScan | null> {
  const cached = scans.get(f);
  if (cached) return cached;
  const plan = (async (): Promise<PrefixScan | null> => {
    // Two words and more keep the semi-join plan: scanning one word's prefix in name order and
    // probing the other read the whole prefix range for the capped count ("zorg utr": 268 ms p50 at
    // 1,000,000 relations on SQLite, against 91 ms with the rarest word driving; docs/benchmarks.md).
    if (f.prefixes.length !== 1) return null;
    const joins = semiJoins(engineOf(db), f);
    // Words of four characters and more, and SBI codes: rare ones drive.
    for (let i = 0; i < joins.length; i++) {
      if (i < f.prefixes.length && (f.prefixes[i] as { lower: string }).lower.length <= 3) continue;
      if ((await countUpTo(db, (joins[i] as SemiJoin).source("m"), DRIVE_ROWS)) < DRIVE_ROWS) return null;
    }
    let best: PrefixScan | null = null;
    for (const [word, p] of f.prefixes.entries()) {
      const prefix = p.lower.slice(0, 3);
      const rows = await countUpTo(db, sql`select 1 from relation_search_prefixes where prefix = ${prefix}`, PREFIX_COUNT_CAP);
      if (!best || rows < best.rows) best = { prefix, word, exact: p.lower.length <= 3, rows };
    }
    return best;
  })();
  scans.set(f, plan);
  return plan;
}
