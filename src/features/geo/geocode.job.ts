// The geocode job (kind geo.geocode): every relation's visiting address and every user's home get
// the coordinate of the shipped tables, for rows written before geocoding existed or before the
// tables changed. Batches of 500 rows, each committed with its checkpoint, so a restart resumes.
// With a live geocoder configured (KOERS_GEOCODER_URL, features/geo/pdok.ts), a relation whose visiting
// address has a full postcode and a house number gets the address point instead (source pc6), in
// batches of 50 (one request at a time, paced by the adapter); whatever the geocoder cannot answer
// keeps the offline coordinate and is counted in the result, and after 5 failures in a row it is not
// asked again in this run. The job never fails because of the geocoder.
import type { Db } from "../../db/kysely.js";
import type { JobHandler } from "../jobs/job-handler.js";
import { planRelationGeocodes, type RefineGeocode, writeRelationGeocodes } from "../relations/relation.service.js";
import { planHomeGeocodes, writeHomeGeocodes } from "../users/user.service.js";
import type { GeocodeTally } from "./geo-columns.js";
import { askable, type GeocoderFailure, type LiveGeocoder, pdokGeocoder } from "./pdok.js";

const BATCH = 500;
/** Rows per batch while the live geocoder is asked (at 5 requests a second: a checkpoint every 10 s). */
const LIVE_BATCH = 50;
/** Failures in a row (no match is no failure) after which the geocoder is not asked again this run. */
const GIVE_UP_AFTER = 5;

type Phase = "relations" | "users";
type Totals = Omit<GeocodeTally, "lastId">;

/** What the live geocoder did: asked, found, no such address, failed (by reason), not asked after giving up. */
export interface GeocoderTally {
  asked: number;
  found: number;
  noMatch: number;
  failed: Record<GeocoderFailure, number>;
  skipped: number;
  /** Failures in a row so far (carried over batches). */
  failuresInRow: number;
  /** The last failure's detail, for the administrator. */
  lastProblem: string | null;
}

interface Checkpoint {
  phase: Phase;
  afterId: number;
  totals: Record<Phase, Totals>;
  geocoder?: GeocoderTally;
}

export interface GeocodeResult {
  relations: Totals & { manual: number };
  users: Totals & { manual: number };
  /** null: no live geocoder configured. */
  geocoder: (Omit<GeocoderTally, "failuresInRow"> & { gaveUp: boolean; summary: string }) | null;
}

const zeroGeocoder = (): GeocoderTally => ({ asked: 0, found: 0, noMatch: 0, failed: { timeout: 0, unavailable: 0, redirect: 0, bad_answer: 0 }, skipped: 0, failuresInRow: 0, lastProblem: null });

/** One readable line (English, for the CLI and the job's result) of what the geocoder did and did not. */
export function geocoderSummary(g: GeocoderTally): string {
  const f = g.failed;
  const failed = f.timeout + f.unavailable + f.redirect + f.bad_answer;
  const reasons = [
    f.timeout ? `${f.timeout} timed out` : null,
    f.unavailable ? `${f.unavailable} server unavailable or error` : null,
    f.redirect ? `${f.redirect} redirected (not followed)` : null,
    f.bad_answer ? `${f.bad_answer} unreadable answer` : null,
  ].filter(Boolean);
  const parts = [`${g.asked} addresses asked, ${g.found} found`, `${g.noMatch} not known to the geocoder`, `${failed} not answered${reasons.length ? ` (${reasons.join(", ")})` : ""}`];
  if (g.skipped > 0) parts.push(`${g.skipped} not asked after ${GIVE_UP_AFTER} failures in a row`);
  return `${parts.join("; ")}; every address without an answer keeps its offline coordinate`;
}

/** The refine step of the relations phase: asks the geocoder, counts into `tally` (mutated). */
function refineWith(geocoder: LiveGeocoder, tally: GeocoderTally): RefineGeocode {
  return async (address) => {
    const ask = askable(address);
    if (!ask) return null;
    if (tally.failuresInRow >= GIVE_UP_AFTER) {
      tally.skipped += 1;
      return null;
    }
    tally.asked += 1;
    const answer = await geocoder.lookup(ask);
    if (answer.kind === "failed") {
      tally.failed[answer.reason] += 1;
      tally.failuresInRow += 1;
      tally.lastProblem = answer.detail;
      return null;
    }
    tally.failuresInRow = 0;
    if (answer.kind === "no_match") {
      tally.noMatch += 1;
      return null;
    }
    tally.found += 1;
    return answer.point;
  };
}

const zero = (): Totals => ({ pc6: 0, pc4: 0, place: 0, none: 0, changed: 0 });

export const geocodeJob: JobHandler<Record<string, never>, Checkpoint> = async (ctx) => {
  const live = ctx.config.geocoder ? pdokGeocoder({ baseUrl: ctx.config.geocoder.url, timeoutMs: ctx.config.geocoder.timeoutMs }) : null;
  let state: Checkpoint = ctx.checkpoint ?? { phase: "relations", afterId: 0, totals: { relations: zero(), users: zero() } };
  const total = Number((await ctx.db.selectFrom("relations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  for (;;) {
    if (ctx.cancelled()) return null;
    const phase = state.phase;
    const current = state;
    const geocoder = structuredClone(current.geocoder ?? zeroGeocoder());
    const refine = live && phase === "relations" ? refineWith(live, geocoder) : undefined;
    // Read (and ask the geocoder) outside the batch's transaction, write inside it (see planRelationGeocodes).
    const planned = await plan(ctx.db, phase, current.afterId, refine);
    const after = (changed: number): Checkpoint => {
      const tally = { ...planned.tally, changed };
      const totals = { ...current.totals, [phase]: add(current.totals[phase], tally) };
      const next = tally.lastId === null ? { phase: "users" as const, afterId: 0, totals } : { phase, afterId: tally.lastId, totals };
      return live ? { ...next, geocoder } : next;
    };
    // The checkpoint counts the planned writes; a row edited meanwhile is not written (counted below).
    const written = await ctx.commitBatch(after(planned.writes), (trx) => planned.write(trx));
    state = after(written);
    if (planned.tally.lastId === null && phase === "users") break;
    const counted = Object.values(state.totals.relations).reduce((s, n) => s + n, 0) - state.totals.relations.changed;
    await ctx.progress(Math.min(counted, total), total, state.phase === "relations" ? (live ? "relaties (met adresgeocoder)" : "relaties") : "gebruikers");
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
    geocoder: live ? geocoderResult(state.geocoder ?? zeroGeocoder()) : null,
  };
  await ctx.progress(total, total, "klaar");
  return result;
};

function geocoderResult(g: GeocoderTally): NonNullable<GeocodeResult["geocoder"]> {
  const { failuresInRow, ...rest } = g;
  return { ...rest, gaveUp: failuresInRow >= GIVE_UP_AFTER, summary: geocoderSummary(g) };
}

async function plan(db: Db, phase: Phase, afterId: number, refine: RefineGeocode | undefined): Promise<{ tally: GeocodeTally; writes: number; write: (trx: Db) => Promise<number> }> {
  if (phase === "relations") {
    const p = await planRelationGeocodes(db, afterId, refine ? LIVE_BATCH : BATCH, refine);
    return { tally: p.tally, writes: p.writes.length, write: (trx) => writeRelationGeocodes(trx, p.writes) };
  }
  const p = await planHomeGeocodes(db, afterId, BATCH);
  return { tally: p.tally, writes: p.writes.length, write: (trx) => writeHomeGeocodes(trx, p.writes) };
}

function add(a: Totals, b: GeocodeTally): Totals {
  return { pc6: a.pc6 + b.pc6, pc4: a.pc4 + b.pc4, place: a.place + b.place, none: a.none + b.none, changed: a.changed + b.changed };
}
