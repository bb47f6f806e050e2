// The history the forecast is rebuilt from: every change of probability, decision month, status or
// amount is written as a quote_events row, in the transaction of the change itself.
import type { Db } from "../../db/kysely.js";
import { amsterdamDate } from "../../server/time.js";

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
    })
    .execute();
}

/** Writes one "changed" event naming only the fields that changed; nothing when none did. */
export async function recordChanges(db: Db, quoteId: number, before: ForecastState, after: ForecastState, userId: number | null, now: Date): Promise<boolean> {
  const changed = <K extends keyof ForecastState>(key: K) => (before[key] !== after[key] ? after[key] : null);
  const values = {
    probability: changed("probability"),
    decision_month: changed("decision_month"),
    status: changed("status"),
    amount_cents: changed("total_cents"),
    units_milli: changed("units_milli"),
  };
  if (Object.values(values).every((v) => v === null)) return false;
  await db
    .insertInto("quote_events")
    .values({ quote_id: quoteId, kind: "changed", at: amsterdamDate(now), recorded_at: now.toISOString(), user_id: userId, ...values })
    .execute();
  return true;
}
