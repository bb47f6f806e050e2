// The geocode job (kind geo.geocode): every relation's visiting address and every user's home get
// the coordinate of the shipped tables, for rows written before geocoding existed or before the
// tables changed. Batches of 500 rows, each committed with its checkpoint, so a restart resumes.
import type { JobHandler } from "../jobs/job-handler.js";
import { geocodeRelationBatch } from "../relations/relation.service.js";
import { geocodeHomeBatch } from "../users/user.service.js";
import type { GeocodeTally } from "./geo-columns.js";

const BATCH = 500;

type Phase = "relations" | "users";
type Totals = Omit<GeocodeTally, "lastId">;

interface Checkpoint {
  phase: Phase;
  afterId: number;
  totals: Record<Phase, Totals>;
}

export interface GeocodeResult {
  relations: Totals & { manual: number };
  users: Totals & { manual: number };
}

const zero = (): Totals => ({ pc6: 0, pc4: 0, place: 0, none: 0, changed: 0 });

export const geocodeJob: JobHandler<Record<string, never>, Checkpoint> = async (ctx) => {
  let state: Checkpoint = ctx.checkpoint ?? { phase: "relations", afterId: 0, totals: { relations: zero(), users: zero() } };
  const total = Number((await ctx.db.selectFrom("relations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  for (;;) {
    if (ctx.cancelled()) return null;
    const phase = state.phase;
    const step = phase === "relations" ? geocodeRelationBatch : geocodeHomeBatch;
    const current = state;
    const next = await ctx.commitBatch(current, async (trx) => {
      const tally = await step(trx, current.afterId, BATCH);
      const totals = { ...current.totals, [phase]: add(current.totals[phase], tally) };
      const done: Checkpoint =
        tally.lastId === null ? { phase: "users", afterId: 0, totals } : { phase, afterId: tally.lastId, totals };
      return { done, finished: tally.lastId === null && phase === "users" };
    });
    state = next.done;
    if (next.finished) break;
    const counted = Object.values(state.totals.relations).reduce((s, n) => s + n, 0) - state.totals.relations.changed;
    await ctx.progress(Math.min(counted, total), total, state.phase === "relations" ? "relaties" : "gebruikers");
  }
  const manual = async (table: "relations" | "users") =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where(table === "relations" ? "geo_source" : "home_geo_source", "=", "manual")
          .executeTakeFirstOrThrow()
      ).n,
    );
  const result: GeocodeResult = {
    relations: { ...state.totals.relations, manual: await manual("relations") },
    users: { ...state.totals.users, manual: await manual("users") },
  };
  await ctx.progress(total, total, "klaar");
  return result;
};

function add(a: Totals, b: GeocodeTally): Totals {
  return { pc6: a.pc6 + b.pc6, pc4: a.pc4 + b.pc4, place: a.place + b.place, none: a.none + b.none, changed: a.changed + b.changed };
}
