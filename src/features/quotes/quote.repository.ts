// SQL of quotes: rows with the names around them, lines, revisions, events and advice.
import { type Insertable, sql, type Updateable } from "kysely";
import type { Db } from "../../db/kysely.js";
import type { QuoteAdviceTable, QuoteEventsTable, QuoteLinesTable, QuotesTable } from "./quote.table.js";
import { vatRateOfLines } from "./quote-vat.js";

import { OPEN_QUOTE_STATUSES } from "../../domain/quote-status.js";

const NUMBER_SEQ = "quotes.number_seq";
export const OPEN_STATUSES = OPEN_QUOTE_STATUSES;

function selectQuotes(db: Db) {
  return db
    .selectFrom("quotes as q")
    .innerJoin("relations as r", "r.id", "q.relation_id")
    .innerJoin("users as u", "u.id", "q.rep_id")
    .selectAll("q")
    .select(["r.name as relation_name", "u.name as rep_name"]);
}

export type QuoteRow = NonNullable<Awaited<ReturnType<typeof findQuoteRow>>>;

export function findQuoteRow(db: Db, id: number) {
  return selectQuotes(db).where("q.id", "=", id).executeTakeFirst();
}

export function findQuoteByNumber(db: Db, base: number, revision: number) {
  return selectQuotes(db).where("q.base_number", "=", base).where("q.revision", "=", revision).executeTakeFirst();
}

/** Every revision of a quote number, oldest first. */
export function findRevisions(db: Db, base: number) {
  return db.selectFrom("quotes").select(["id", "base_number", "revision", "status"]).where("base_number", "=", base).orderBy("revision").execute();
}

/**
 * The next free quote number. The UPDATE takes the sequence row's lock (PostgreSQL) or the write
 * lock (SQLite) until the transaction ends, so two quotes never get the same number; numbers typed
 * in from paper (OV87) are respected by taking the maximum.
 */
export async function allocateBaseNumber(trx: Db): Promise<number> {
  await trx.updateTable("app_settings").set({ value: sql`value` }).where("key", "=", NUMBER_SEQ).execute();
  const seq = await trx.selectFrom("app_settings").select("value").where("key", "=", NUMBER_SEQ).executeTakeFirst();
  const max = await trx.selectFrom("quotes").select((eb) => eb.fn.max("base_number").as("n")).executeTakeFirst();
  const next = Math.max(Number(seq?.value ?? 0), Number(max?.n ?? 0)) + 1;
  await trx.updateTable("app_settings").set({ value: String(next) }).where("key", "=", NUMBER_SEQ).execute();
  return next;
}

export async function insertQuote(db: Db, values: Insertable<QuotesTable>): Promise<number> {
  return (await db.insertInto("quotes").values(values).returning("id").executeTakeFirstOrThrow()).id;
}

/** Updates when the version still matches; false when someone else saved first. */
export async function updateQuoteRow(db: Db, id: number, version: number, values: Updateable<QuotesTable>): Promise<boolean> {
  const result = await db
    .updateTable("quotes")
    .set({ ...values, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Writes a quote's lines anew; each gets the VAT rate in force now unless it brings its own. */
export async function replaceLines(db: Db, quoteId: number, lines: readonly Omit<Insertable<QuoteLinesTable>, "quote_id">[]) {
  await db.deleteFrom("quote_lines").where("quote_id", "=", quoteId).execute();
  if (lines.length === 0) return;
  const rateOf = await vatRateOfLines(db, lines.map((l) => l.product_id ?? null));
  await db
    .insertInto("quote_lines")
    .values(lines.map((l) => ({ ...l, vat_bp: l.vat_bp ?? rateOf(l.product_id ?? null), quote_id: quoteId })))
    .execute();
}

export function findLines(db: Db, quoteId: number) {
  return db
    .selectFrom("quote_lines as l")
    .leftJoin("products as p", "p.id", "l.product_id")
    .selectAll("l")
    .select(["p.code as product_code", "p.name as product_name", "p.unit as product_unit"])
    .where("l.quote_id", "=", quoteId)
    .orderBy("l.position")
    .execute();
}

export type LineRow = Awaited<ReturnType<typeof findLines>>[number];

export async function insertEvent(db: Db, values: Insertable<QuoteEventsTable>): Promise<void> {
  await db.insertInto("quote_events").values(values).execute();
}

export function findEvents(db: Db, quoteId: number) {
  return db
    .selectFrom("quote_events as e")
    .leftJoin("users as u", "u.id", "e.user_id")
    .select(["e.id", "e.kind", "e.at", "e.probability", "e.decision_month", "e.status", "e.amount_cents", "e.user_id", "u.name as user_name"])
    .where("e.quote_id", "=", quoteId)
    .orderBy("e.id")
    .execute();
}

export async function insertAdvice(db: Db, values: Insertable<QuoteAdviceTable>): Promise<void> {
  await db.insertInto("quote_advice").values(values).execute();
}

/** The advice decision of a quote number (stored with the revision that was created with it). */
export function findAdviceOfBase(db: Db, base: number) {
  return db
    .selectFrom("quote_advice as a")
    .innerJoin("quotes as q", "q.id", "a.quote_id")
    .leftJoin("users as u", "u.id", "a.decided_by")
    .selectAll("a")
    .select("u.name as decided_by_name")
    .where("q.base_number", "=", base)
    .orderBy("q.revision")
    .executeTakeFirst();
}

export interface QuoteFilter {
  statuses: string[];
  repIds: number[];
  relationId: number | null;
  /** Open quotes decided before this month: stale. */
  staleBefore: string | null;
  latestOnly: boolean;
  /** Reps the list's scope keeps (mine, team); null = everyone. */
  scopeRepIds: readonly number[] | null;
  /** Open with a probability above 0: what the forecast counts. */
  forecastOnly: boolean;
  /** Decision months, inclusive (YYYY-MM). */
  decisionFrom: string | null;
  decisionTo: string | null;
  /** Decided on these days, inclusive (YYYY-MM-DD): what the hit ratio counts. */
  decidedFrom: string | null;
  decidedTo: string | null;
  rayonIds: number[];
  productId: number | null;
}

/** Newest first, keyset on id. */
type QuoteQuery = ReturnType<typeof selectQuotes>;

function filtered(query: QuoteQuery, f: QuoteFilter): QuoteQuery {
  let q = query;
  if (f.statuses.length > 0) q = q.where("q.status", "in", f.statuses);
  if (f.repIds.length > 0) q = q.where("q.rep_id", "in", f.repIds);
  if (f.relationId !== null) q = q.where("q.relation_id", "=", f.relationId);
  if (f.staleBefore !== null) q = q.where("q.status", "in", [...OPEN_STATUSES]).where("q.decision_month", "<", f.staleBefore);
  // -1 is no user: an empty scope (a viewer who owns nothing) keeps nothing.
  if (f.scopeRepIds !== null) q = q.where("q.rep_id", "in", [...f.scopeRepIds, -1]);
  if (f.forecastOnly) q = q.where("q.status", "in", [...OPEN_STATUSES]).where("q.probability", ">", 0);
  if (f.decisionFrom !== null) q = q.where("q.decision_month", ">=", f.decisionFrom);
  if (f.decisionTo !== null) q = q.where("q.decision_month", "<=", f.decisionTo);
  if (f.decidedFrom !== null) q = q.where("q.decided_on", ">=", f.decidedFrom);
  if (f.decidedTo !== null) q = q.where("q.decided_on", "<=", f.decidedTo);
  if (f.rayonIds.length > 0) q = q.where("r.rayon_id", "in", f.rayonIds);
  if (f.productId !== null) {
    const productId = f.productId;
    q = q.where(({ exists, selectFrom }) => exists(selectFrom("quote_lines as l").select("l.id").whereRef("l.quote_id", "=", "q.id").where("l.product_id", "=", productId)));
  }
  if (f.latestOnly) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("quotes as later").select("later.id").whereRef("later.base_number", "=", "q.base_number").whereRef("later.revision", ">", "q.revision"))),
    );
  }
  return q;
}

export function listQuotes(db: Db, f: QuoteFilter, beforeId: number | null, limit: number) {
  let q = filtered(selectQuotes(db), f);
  if (beforeId !== null) q = q.where("q.id", "<", beforeId);
  return q.orderBy("q.id", "desc").limit(limit).execute();
}

/** Matching quotes counted up to `cap` (a list header needs no more). */
export async function countQuotes(db: Db, f: QuoteFilter, cap: number): Promise<number> {
  const inner = filtered(selectQuotes(db), f).clearSelect().select("q.id").limit(cap);
  const row = await db.selectFrom(inner.as("t")).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Quotes per rep that are open, and open with a decision month before `currentMonth`. */
export function openCountsByRep(db: Db, currentMonth: string, repIds: readonly number[] | null) {
  return db
    .selectFrom("quotes")
    .$if(repIds !== null, (w) => w.where("rep_id", "in", [...(repIds ?? []), -1]))
    .select((eb) => [
      "rep_id",
      eb.fn.countAll<number>().as("open"),
      eb.fn.sum<number>(sql<number>`case when decision_month < ${currentMonth} then 1 else 0 end`).as("stale"),
    ])
    .where("status", "in", [...OPEN_STATUSES])
    .groupBy("rep_id")
    .execute();
}

/** Every revision of the quote numbers of which a revision was decided or withdrawn in the period. */
export function quotesDecidedIn(db: Db, from: string, to: string, repIds: readonly number[] | null) {
  return db
    .selectFrom("quotes")
    .select(["id", "base_number", "revision", "rep_id", "status", "total_cents", "sent_on", "decided_on"])
    .$if(repIds !== null, (w) => w.where("rep_id", "in", [...(repIds ?? []), -1]))
    .where("base_number", "in", (eb) =>
      eb.selectFrom("quotes").select("base_number").where("decided_on", ">=", from).where("decided_on", "<=", to),
    )
    .execute();
}

export function usersByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("users").select(["id", "name"]).where("id", "in", [...ids]).execute();
}

/** The relation an imported name means: same normalised name, the oldest first (dead ones too). */
export function findRelationByNameKey(db: Db, nameKey: string) {
  return db.selectFrom("relations").select(["id", "owner_id"]).where("name_key", "=", nameKey).orderBy("id").limit(1).executeTakeFirst();
}

/** Per quote the first day of its history and the first day it stood as sent (quote_events.at, calendar dates). */
export function firstEventDays(db: Db, quoteIds: readonly number[]) {
  if (quoteIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("quote_events")
    .select((eb) => [
      "quote_id",
      eb.fn.min<string>("at").as("first_on"),
      eb.fn.min<string | null>(eb.case().when("status", "=", "sent").then(eb.ref("at")).end()).as("sent_on"),
    ])
    .where("quote_id", "in", [...quoteIds])
    .groupBy("quote_id")
    .execute();
}
