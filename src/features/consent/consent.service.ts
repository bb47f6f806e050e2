// Use cases of mailing consent: record a decision (append-only, with proof), withdraw in one call,
// read the history and current state. The current state per person and purpose is derived by
// domain/consent.ts and stored in consent_states in the same transaction. Imports call recordConsent.
import { isIsoDate } from "../../domain/calendar.js";
import {
  CONSENT_PURPOSES,
  type ConsentDecision,
  type ConsentPurpose,
  type ConsentRecord,
  type ConsentSource,
  checkConsentRecord,
  currentConsent,
} from "../../domain/consent.js";
import type { Db } from "../../db/kysely.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import { writeAudit } from "../audit/audit.service.js";
import { isPersonErased } from "../gdpr/erasure-state.js";
import type { ConsentOverviewDto, ConsentWithdrawInput } from "./consent.schemas.js";

export interface NewConsent {
  purpose: ConsentPurpose;
  state: ConsentDecision;
  /** When the person decided (YYYY-MM-DD); not after today. */
  date: string;
  source: ConsentSource;
  textVersion: string | null;
  proof: string | null;
}

export interface ConsentMeta {
  userId: number | null;
  now: Date;
  /** Today in Amsterdam. */
  today: string;
}

const trimmed = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === "" ? null : v.trim());

function consentProblems(input: NewConsent, today: string): FieldProblem[] {
  if (!isIsoDate(input.date)) return [fieldProblem("date", "date_invalid")];
  return checkConsentRecord(input, today).map((code) => fieldProblem(code === "consent_text_version_required" ? "textVersion" : "date", code));
}

async function recordsOf(db: Db, personId: number, purpose: string): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom("consents")
    .select(["id", "state", "decided_on", "source", "text_version"])
    .where("person_id", "=", personId)
    .where("purpose", "=", purpose)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ seq: r.id, state: r.state as ConsentDecision, date: r.decided_on, source: r.source as ConsentSource, textVersion: r.text_version }));
}

/** Derives the current state of one person and purpose from its records and stores it. */
export async function recomputeConsentState(trx: Db, personId: number, purpose: string) {
  const current = currentConsent(await recordsOf(trx, personId, purpose));
  const state = { state: current.state, since: current.since, source: current.source, text_version: current.textVersion, consent_id: current.seq };
  await trx
    .insertInto("consent_states")
    .values({ person_id: personId, purpose, ...state })
    .onConflict((oc) => oc.columns(["person_id", "purpose"]).doUpdateSet(state))
    .execute();
  return current;
}

/**
 * Merging two persons (duplicates): the records of `fromPersonId` move to `intoPersonId` and the
 * state is derived again from all records together, so a withdrawal of either survives the merge.
 * Runs inside the caller's transaction; the caller writes the merge's own audit line.
 */
export async function moveConsents(trx: Db, fromPersonId: number, intoPersonId: number): Promise<void> {
  await trx.updateTable("consents").set({ person_id: intoPersonId }).where("person_id", "=", fromPersonId).execute();
  await trx.deleteFrom("consent_states").where("person_id", "=", fromPersonId).execute();
  const purposes = await trx.selectFrom("consents").select("purpose").distinct().where("person_id", "=", intoPersonId).execute();
  for (const { purpose } of purposes) await recomputeConsentState(trx, intoPersonId, purpose);
}

/**
 * Appends one consent record and brings the current state up to date, inside the caller's
 * transaction. Checks the input; the caller checks that the person exists and is not erased.
 */
export async function recordConsent(trx: Db, personId: number, relationId: number, input: NewConsent, meta: ConsentMeta) {
  const problems = consentProblems(input, meta.today);
  if (problems.length > 0) throw invalid(...problems);
  const stamp = meta.now.toISOString();
  const before = await trx
    .selectFrom("consent_states")
    .select("state")
    .where("person_id", "=", personId)
    .where("purpose", "=", input.purpose)
    .executeTakeFirst();
  const row = await trx
    .insertInto("consents")
    .values({
      person_id: personId,
      purpose: input.purpose,
      state: input.state,
      decided_on: input.date,
      source: input.source,
      text_version: input.state === "given" ? trimmed(input.textVersion) : null,
      proof: trimmed(input.proof),
      recorded_by: meta.userId,
      recorded_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const current = await recomputeConsentState(trx, personId, input.purpose);
  await writeAudit(trx, { entity: "person", entityId: personId, relationId, userId: meta.userId, at: stamp }, [
    [`consent.${input.purpose}`, before?.state ?? "none", current.importOverruled ? `${current.state} (import ignored)` : current.state],
  ]);
  return { id: row.id, current };
}

async function personForConsent(db: Db, personId: number) {
  const person = await db.selectFrom("persons").select(["id", "relation_id"]).where("id", "=", personId).executeTakeFirst();
  if (!person) throw notFound(`Person ${personId}`);
  if (await isPersonErased(db, personId)) throw new AppError("conflict", "This person has been erased (GDPR); no new data is recorded about them");
  return person;
}

export async function addConsent(db: Db, userId: number, personId: number, input: Omit<NewConsent, "date"> & { date?: string }, meta: Omit<ConsentMeta, "userId">) {
  const person = await personForConsent(db, personId);
  await db.transaction().execute((trx) => recordConsent(trx, personId, person.relation_id, { ...input, date: input.date ?? meta.today }, { ...meta, userId }));
  return consentOverview(db, personId);
}

/** One call withdraws one purpose, or all purposes when none is named. */
export async function withdrawConsent(db: Db, userId: number, personId: number, input: ConsentWithdrawInput, meta: Omit<ConsentMeta, "userId">) {
  const person = await personForConsent(db, personId);
  const purposes = input.purpose ? [input.purpose] : [...CONSENT_PURPOSES];
  await db.transaction().execute(async (trx) => {
    for (const purpose of purposes) {
      await recordConsent(
        trx,
        personId,
        person.relation_id,
        { purpose, state: "withdrawn", date: input.date ?? meta.today, source: input.source ?? "email", textVersion: null, proof: input.proof ?? null },
        { ...meta, userId },
      );
    }
  });
  return consentOverview(db, personId);
}

export async function consentOverview(db: Db, personId: number): Promise<ConsentOverviewDto> {
  const person = await db.selectFrom("persons").select("id").where("id", "=", personId).executeTakeFirst();
  if (!person) throw notFound(`Person ${personId}`);
  const rows = await db
    .selectFrom("consents as c")
    .leftJoin("users as u", "u.id", "c.recorded_by")
    .select(["c.id", "c.purpose", "c.state", "c.decided_on", "c.source", "c.text_version", "c.proof", "c.recorded_by", "u.name as recorded_by_name", "c.recorded_at"])
    .where("c.person_id", "=", personId)
    .orderBy("c.id", "desc")
    .execute();
  const current = currentOf(rows);
  return {
    personId,
    current,
    history: rows.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      state: r.state,
      date: r.decided_on,
      source: r.source,
      textVersion: r.text_version,
      proof: r.proof,
      recordedBy: r.recorded_by !== null && r.recorded_by_name !== null ? { id: r.recorded_by, name: r.recorded_by_name } : null,
      recordedAt: r.recorded_at,
    })),
  };
}

/** The current state per purpose of many persons at once (one query per 500 persons), for screens that list them. */
export async function currentConsentsOf(db: Db, personIds: readonly number[]): Promise<Map<number, ConsentOverviewDto["current"]>> {
  const ids = [...new Set(personIds)];
  const rows: { id: number; person_id: number; purpose: string; state: string; decided_on: string; source: string; text_version: string | null }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    rows.push(
      ...(await db
        .selectFrom("consents")
        .select(["id", "person_id", "purpose", "state", "decided_on", "source", "text_version"])
        .where("person_id", "in", chunk)
        .orderBy("id", "desc")
        .execute()),
    );
  }
  return new Map(ids.map((personId) => [personId, currentOf(rows.filter((r) => r.person_id === personId))]));
}

/** The current state per purpose from a person's records (any order). */
function currentOf(rows: readonly { id: number; purpose: string; state: string; decided_on: string; source: string; text_version: string | null }[]): ConsentOverviewDto["current"] {
  return CONSENT_PURPOSES.map((purpose) => {
    const records = rows
      .filter((r) => r.purpose === purpose)
      .map((r) => ({ seq: r.id, state: r.state as ConsentDecision, date: r.decided_on, source: r.source as ConsentSource, textVersion: r.text_version }));
    const c = currentConsent(records);
    return { purpose, state: c.state, since: c.since, source: c.source, textVersion: c.textVersion, mayMail: c.state === "given", importOverruled: c.importOverruled };
  });
}

/**
 * GDPR erasure: proof texts (which may name the person or their address) are cleared; the records
 * and their dates stay, and every purpose ends withdrawn, so the fact of withdrawal is kept.
 */
export async function anonymiseConsentsForErasure(trx: Db, personId: number, relationId: number, meta: ConsentMeta): Promise<void> {
  await trx.updateTable("consents").set({ proof: null }).where("person_id", "=", personId).execute();
  const states = await trx.selectFrom("consent_states").select(["purpose", "state"]).where("person_id", "=", personId).execute();
  for (const purpose of CONSENT_PURPOSES) {
    if (states.find((s) => s.purpose === purpose)?.state === "withdrawn") continue;
    if (!states.some((s) => s.purpose === purpose)) continue;
    await recordConsent(trx, personId, relationId, { purpose, state: "withdrawn", date: meta.today, source: "erasure", textVersion: null, proof: null }, meta);
  }
}
