// SQL of the forecast, in the quotes feature that owns the quote tables; the forecast feature reads
// it through quote-forecast.service.ts. Open quotes are summed per decision month and probability (and group) in the
// database: Σ amount × p = p × Σ amount, so the domain's weighting and rounding stay exact while a
// hundred thousand quotes arrive as a few hundred rows. Volume is summed per unit of measure.
import { sql } from "kysely";
import type { Db } from "../../db/kysely.js";
import { OPEN_QUOTE_STATUSES } from "../../domain/quote-status.js";

export type ForecastBy = "month" | "rep" | "rayon" | "product";

export interface ForecastSumRow {
  decision_month: string;
  probability: number;
  group_id: number | null;
  cents: number;
}

/** Thousandths of one unit of measure (the product's unit; null for lines without a product). */
export interface ForecastUnitRow {
  decision_month: string;
  probability: number;
  group_id: number | null;
  unit: string | null;
  milli: number;
}

const OPEN = [...OPEN_QUOTE_STATUSES];

/**
 * Revenue of the open quotes per month, probability and group. `repIds`: null = every rep's quotes,
 * else only these reps' (the viewer scope of a per-rep report). For products, revenue is the lines'.
 */
export async function sumOpenQuotes(db: Db, from: string, to: string, by: ForecastBy, repIds: readonly number[] | null): Promise<ForecastSumRow[]> {
  if (by === "product") {
    const rows = await db
      .selectFrom("quote_lines as l")
      .innerJoin("quotes as q", "q.id", "l.quote_id")
      .select(["q.decision_month", "q.probability", "l.product_id as group_id", sql<number>`cast(sum(l.amount_cents) as bigint)`.as("cents")])
      .where("q.status", "in", OPEN)
      .where("q.probability", ">", 0)
      .where("q.decision_month", ">=", from)
      .where("q.decision_month", "<=", to)
      .$if(repIds !== null, (w) => w.where("q.rep_id", "in", [...(repIds ?? []), -1]))
      .groupBy(["q.decision_month", "q.probability", "l.product_id"])
      .execute();
    return rows.map(numeric);
  }
  const q = db
    .selectFrom("quotes as q")
    .select(["q.decision_month", "q.probability", sql<number>`cast(sum(q.total_cents) as bigint)`.as("cents")])
    .where("q.status", "in", OPEN)
    .where("q.probability", ">", 0)
    .where("q.decision_month", ">=", from)
    .where("q.decision_month", "<=", to)
    .$if(repIds !== null, (w) => w.where("q.rep_id", "in", [...(repIds ?? []), -1]))
    .groupBy(["q.decision_month", "q.probability"]);
  if (by === "rep") return (await q.select("q.rep_id as group_id").groupBy("q.rep_id").execute()).map(numeric);
  if (by === "rayon") {
    // The relation's current rayon: a relation moving to another rayon takes its quotes along.
    const rows = await q.innerJoin("relations as r", "r.id", "q.relation_id").select("r.rayon_id as group_id").groupBy("r.rayon_id").execute();
    return rows.map(numeric);
  }
  return (await q.execute()).map((r) => numeric({ ...r, group_id: null }));
}

/**
 * Volume of the open quotes per month, probability, group and unit of measure, from their lines
 * and the products' units: units of different measures are never summed into one figure.
 */
export async function sumOpenUnits(db: Db, from: string, to: string, by: ForecastBy, repIds: readonly number[] | null): Promise<ForecastUnitRow[]> {
  const q = db
    .selectFrom("quote_lines as l")
    .innerJoin("quotes as q", "q.id", "l.quote_id")
    .leftJoin("products as p", "p.id", "l.product_id")
    .select(["q.decision_month", "q.probability", "p.unit", sql<number>`cast(sum(l.quantity_milli) as bigint)`.as("milli")])
    .where("q.status", "in", OPEN)
    .where("q.probability", ">", 0)
    .where("q.decision_month", ">=", from)
    .where("q.decision_month", "<=", to)
    .$if(repIds !== null, (w) => w.where("q.rep_id", "in", [...(repIds ?? []), -1]))
    .groupBy(["q.decision_month", "q.probability", "p.unit"]);
  const rows =
    by === "product"
      ? await q.select("l.product_id as group_id").groupBy("l.product_id").execute()
      : by === "rep"
        ? await q.select("q.rep_id as group_id").groupBy("q.rep_id").execute()
        : by === "rayon"
          ? await q.innerJoin("relations as r", "r.id", "q.relation_id").select("r.rayon_id as group_id").groupBy("r.rayon_id").execute()
          : (await q.execute()).map((r) => ({ ...r, group_id: null }));
  return rows.map((r) => ({ ...r, unit: r.unit ?? null, milli: Number(r.milli) }));
}

function numeric<T extends { cents: number; group_id: number | null }>(row: T): ForecastSumRow & T {
  return { ...row, cents: Number(row.cents) } as ForecastSumRow & T;
}

/** The change log up to and including `asOf`, in the order it was written (of `repIds`' quotes only, unless null). */
export function eventsUpTo(db: Db, asOf: string, repIds: readonly number[] | null) {
  return db
    .selectFrom("quote_events as e")
    .select(["e.id", "e.quote_id", "e.kind", "e.at", "e.probability", "e.decision_month", "e.status", "e.amount_cents", "e.units_milli", "e.units_by_unit"])
    .where("e.at", "<=", asOf)
    .$if(repIds !== null, (w) => w.where("e.quote_id", "in", (eb) => eb.selectFrom("quotes").select("id").where("rep_id", "in", [...(repIds ?? []), -1])))
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
}

/** Rep and rayon of every quote now (their history is not kept; see forecast.service.ts). */
export function groupsOfQuotes(db: Db) {
  return db.selectFrom("quotes as q").innerJoin("relations as r", "r.id", "q.relation_id").select(["q.id", "q.rep_id", "r.rayon_id"]).execute();
}
