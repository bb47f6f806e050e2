// The history the forecast is rebuilt from: every change of probability, decision month, status,
// amount or volume is written as a quote_events row, in the transaction of the change itself. The
// volume is kept per unit of measure (units_by_unit, since migration 0037), read from the quote's
// lines as they are stored, so call these after the lines are written.
import { sql } from "kysely";
import type { Db } from "../../db/kysely.js";
import { compareUnits, type UnitCode } from "../../domain/forecast.js";
import { amsterdamDate } from "../../server/time.js";

/** Thousandths of one unit of measure; unit null for lines without a product. */
export interface UnitMilli {
  unit: UnitCode;
  milli: number;
}

/** The quote's volume per unit of its products now, as the JSON of quote_events.units_by_unit. */
async function unitsByUnitOf(db: Db, quoteId: number): Promise<string> {
  const rows = await db
    .selectFrom("quote_lines as l")
    .leftJoin("products as p", "p.id", "l.product_id")
    .select(["p.unit", sql<number>`cast(sum(l.quantity_milli) as bigint)`.as("milli")])
    .where("l.quote_id", "=", quoteId)
    .groupBy("p.unit")
    .execute();
  const units: UnitMilli[] = rows.map((r) => ({ unit: r.unit ?? null, milli: Number(r.milli) })).sort((a, b) => compareUnits(a.unit, b.unit));
  return JSON.stringify(units);
}

/** The volume per unit of an event; null when the event does not say (written before 0037, or unchanged). */
export function parseUnitsByUnit(json: string | null): UnitMilli[] | null {
  if (json === null) return null;
  return (JSON.parse(json) as UnitMilli[]).map((u) => ({ unit: u.unit ?? null, milli: Number(u.milli) }));
}

/** The last volume per unit recorded for a quote; null when none was (its history predates 0037). */
async function lastUnitsByUnit(db: Db, quoteId: number): Promise<string | null> {
  const row = await db
    .selectFrom("quote_events")
    .select("units_by_unit")
    .where("quote_id", "=", quoteId)
    .where("units_by_unit", "is not", null)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.units_by_unit ?? null;
}

/** The fields of a quote that the forecast depends on. */
export interface ForecastState {
  probability: number;
  decision_month: string;
  status: string;
  total_cents: number;
  units_milli: number;
}

export async function recordCreated(db: Db, quoteId: number, state: ForecastState, userId: number | null, now: Date): Promise<void> {
  await db
    .insertInto("quote_events")
    .values({
      quote_id: quoteId,
      kind: "created",
      at: amsterdamDate(now),
      recorded_at: now.toISOString(),
      user_id: userId,
      probability: state.probability,
      decision_month: state.decision_month,
      status: state.status,
      amount_cents: state.total_cents,
      units_milli: state.units_milli,
      units_by_unit: await unitsByUnitOf(db, quoteId),
    })
    .execute();
}

/**
 * Writes one "changed" event naming only the fields that changed; nothing when none did. The volume
 * per unit is named when it differs from the last one recorded, so a quote whose history predates
 * 0037 gets its units per unit known from its first change after it (the state at that moment).
 */
export async function recordChanges(db: Db, quoteId: number, before: ForecastState, after: ForecastState, userId: number | null, now: Date): Promise<boolean> {
  const changed = <K extends keyof ForecastState>(key: K) => (before[key] !== after[key] ? after[key] : null);
  const values = {
    probability: changed("probability"),
    decision_month: changed("decision_month"),
    status: changed("status"),
    amount_cents: changed("total_cents"),
    units_milli: changed("units_milli"),
  };
  const recorded = await lastUnitsByUnit(db, quoteId);
  const units = await unitsByUnitOf(db, quoteId);
  const unitsChanged = recorded !== units;
  // Only a real change of units makes an event of its own; a quote never recorded per unit gets it
  // with its next change, not as an event of no change.
  if (Object.values(values).every((v) => v === null) && !(unitsChanged && recorded !== null)) return false;
  await db
    .insertInto("quote_events")
    .values({
      quote_id: quoteId,
      kind: "changed",
      at: amsterdamDate(now),
      recorded_at: now.toISOString(),
      user_id: userId,
      ...values,
      units_by_unit: unitsChanged ? units : null,
    })
    .execute();
  return true;
}
