// The geocode job (kind geo.geocode): every relation's visiting address and every user's home get
// the coordinate of the shipped tables, for rows written before geocoding existed or before the
// tables changed. Batches of 500 rows, each committed with its checkpoint, so a restart resumes.
import type { Db } from "../../db/kysely.js";
import type { JobHandler } from "../jobs/job-handler.js";
import { planRelationGeocodes, writeRelationGeocodes } from "../relations/relation.service.js";
import { planHomeGeocodes, writeHomeGeocodes } from "../users/user.service.js";
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
    const current = state;
    // Read outside the batch's transaction, write inside it (see planRelationGeocodes).
    const planned = await plan(ctx.db, phase, current.afterId);
    const after = (changed: number): Checkpoint => {
      const tally = { ...planned.tally, changed };
      const totals = { ...current.totals, [phase]: add(current.totals[phase], tally) };
      return tally.lastId === null ? { phase: "users", afterId: 0, totals } : { phase, afterId: tally.lastId, totals };
    };
    // The checkpoint counts the planned writes; a row edited meanwhile is not written (counted below).
    const written = await ctx.commitBatch(after(planned.writes), (trx) => planned.write(trx));
    state = after(written);
    if (planned.tally.lastId === null && phase === "users") break;
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

async function plan(db: Db, phase: Phase, afterId: number): Promise<{ tally: GeocodeTally; writes: number; write: (trx: Db) => Promise<number> }> {
  if (phase === "relations") {
    const p = await planRelationGeocodes(db, afterId, BATCH);
    return { tally: p.tally, writes: p.writes.length, write: (trx) => writeRelationGeocodes(trx, p.writes) };
  }
  const p = await planHomeGeocodes(db, afterId, BATCH);
  return { tally: p.tally, writes: p.writes.length, write: (trx) => writeHomeGeocodes(trx, p.writes) };
}

function add(a: Totals, b: GeocodeTally): Totals {
  return { pc6: a.pc6 + b.pc6, pc4: a.pc4 + b.pc4, place: a.place + b.place, none: a.none + b.none, changed: a.changed + b.changed };
}
