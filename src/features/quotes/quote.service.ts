// Use cases of quotes: create (number allocated, advice decision kept) and update (status rules,
// optimistic concurrency). Every change the forecast depends on is written to quote_events.
import { quoteValidityDays } from "../company/company.service.js";
import { addDays } from "../../domain/calendar.js";
import { parseQuoteNumber } from "../../domain/quote-number.js";
import { mayChooseQuoteNumber } from "../../domain/acting.js";
import { mayChangeQuote, withMayChange } from "./quote-access.js";
import { changeStatus, isFinal, type QuoteStatus } from "../../domain/quote-status.js";
import type { Db } from "../../db/kysely.js";
import type { Updateable } from "kysely";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import { getRelation } from "../relations/relation.service.js";
import { adviseForRelation, decideOnAdvice } from "./quote-advice.service.js";
import { type ForecastState, recordChanges, recordCreated } from "./quote-events.js";
import { checkContactPerson, checkDate, checkRep, decisionOf, type PreparedLine, prepareLines, totalsOf } from "./quote-input.js";
import { getQuote, numberOf, staleWarnings } from "./quote-read.js";
import { allocateBaseNumber, findQuoteRow, findRevisions, insertAdvice, insertQuote, replaceLines, updateQuoteRow } from "./quote.repository.js";
import type { QuoteCreateInput, QuoteDetailDto, QuotePatchInput } from "./quote.schemas.js";
import type { QuotesTable } from "./quote.table.js";


export const stateOf = (q: ForecastState): ForecastState => ({
  probability: q.probability,
  decision_month: q.decision_month,
  status: q.status,
  total_cents: q.total_cents,
  units_milli: q.units_milli,
});

async function relationExists(db: Db, relationId: number, problems: FieldProblem[]) {
  try {
    return await getRelation(db, relationId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") problems.push(fieldProblem("relationId", "relation_unknown"));
    else throw error;
    return null;
  }
}

/** A number typed in from paper: only a first revision, and never one that exists already. */
async function requestedBase(db: Db, text: string | undefined, problems: FieldProblem[]): Promise<number | null> {
  if (text === undefined || text.trim() === "") return null;
  const parsed = parseQuoteNumber(text);
  if (!parsed.ok) {
    problems.push({ field: "number", code: "quote_number_invalid", message: parsed.error });
    return null;
  }
  if (parsed.value.revision !== 1) {
    problems.push(fieldProblem("number", "quote_revision_via_endpoint"));
    return null;
  }
  const existing = await findRevisions(db, parsed.value.base);
  const latest = existing.at(-1);
  if (latest) {
    throw new AppError(
      "conflict",
      `Quote number OV${parsed.value.base} exists already (latest ${numberOf(latest)}); make a new revision with POST /api/quotes/${latest.id}/revisions`,
      [fieldProblem("number", "quote_number_taken")],
    );
  }
  return parsed.value.base;
}

export async function createQuote(db: Db, user: AuthUser, input: QuoteCreateInput, now: Date): Promise<QuoteDetailDto> {
  const today = amsterdamDate(now);
  const problems: FieldProblem[] = [];
  const relation = await relationExists(db, input.relationId, problems);
  if (relation) await checkContactPerson(db, relation.id, input.contactPersonId, problems);
  await checkRep(db, user, input.repId, problems);
  if (input.number !== undefined && !mayChooseQuoteNumber(user)) {
    throw new AppError("forbidden", "A quote number of your own choosing moves the shared counter: only administrators (or an import) may set one");
  }
  const { lines, problems: lineProblems } = await prepareLines(db, user, input.lines);
  problems.push(...lineProblems);
  const decision = decisionOf(input, problems);
  if (decision.month === undefined && !problems.some((p) => p.field.startsWith("decision"))) problems.push(fieldProblem("decisionMonth", "required"));
  checkDate("validUntil", input.validUntil, problems);
  const base = await requestedBase(db, input.number, problems);
  if (problems.length > 0) throw invalid(...problems);
  const totals = totalsOf(lines);
  // Recomputed here, never taken from the client: the advice on record is the server's.
  const advice = input.advice && relation ? await adviseForRelation(db, relation.id, input.advice.answers, today, totals.totalCents) : null;
  const decisionOnAdvice = advice ? decideOnAdvice(advice.advice, input.advice?.overruleReason, { decidedBy: user.id, decidedOn: today }) : null;

  const status: QuoteStatus = input.status ?? "draft";
  const id = await db.transaction().execute(async (trx) => {
    const stamp = now.toISOString();
    const values = {
      base_number: base ?? (await allocateBaseNumber(trx)),
      revision: 1,
      relation_id: input.relationId,
      contact_person_id: input.contactPersonId ?? null,
      rep_id: input.repId ?? user.id,
      title: input.title?.trim() || null,
      status,
      probability: input.probability,
      decision_month: decision.month as string,
      decision_date: decision.date ?? null,
      valid_until: input.validUntil ?? addDays(today, await quoteValidityDays(trx)),
      total_cents: totals.totalCents,
      units_milli: totals.unitsMilli,
      lost_reason: null,
      competitor_won: null,
      sent_on: status === "sent" ? today : null,
      decided_on: null,
      notes: input.notes?.trim() || null,
      created_by: user.id,
      created_at: stamp,
      updated_at: stamp,
    };
    const quoteId = await insertQuote(trx, values);
    await replaceLines(trx, quoteId, lines);
    await recordCreated(trx, quoteId, values, user.id, now);
    if (advice && decisionOnAdvice && input.advice) {
      await insertAdvice(trx, {
        quote_id: quoteId,
        verdict: decisionOnAdvice.verdict,
        answers: JSON.stringify(input.advice.answers),
        criteria: JSON.stringify(advice.advice.criteria),
        reasons: JSON.stringify(decisionOnAdvice.reasons),
        settings: JSON.stringify(advice.settings),
        overruled: decisionOnAdvice.overruled ? 1 : 0,
        overrule_reason: decisionOnAdvice.reason,
        decided_by: user.id,
        decided_on: today,
      });
    }
    await writeAudit(trx, { entity: "quote", entityId: quoteId, relationId: input.relationId, userId: user.id, at: stamp }, [
      ["created", null, numberOf(values)],
    ]);
    return quoteId;
  });
  const created = await withMayChange(db, user, await getQuote(db, id, now));
  return { ...created, warnings: staleWarnings(created) };
}

function statusProblem(error: string): FieldProblem {
  return error.includes("lost reason")
    ? { field: "lostReason", code: "lost_reason_required", message: error }
    : { field: "status", code: "quote_status_transition_not_allowed", message: error };
}

export async function updateQuote(db: Db, user: AuthUser, id: number, version: number, input: QuotePatchInput, now: Date): Promise<QuoteDetailDto> {
  const today = amsterdamDate(now);
  const current = await findQuoteRow(db, id);
  if (!current) throw notFound(`Quote ${id}`);
  // A quote is its rep's work: changing it (its chance, its status, its notes) is acting for that rep.
  if (!(await mayChangeQuote(db, user, current.rep_id))) throw new AppError("forbidden", `${numberOf(current)} is another rep's quote; only a manager (or inside sales for that rep) changes it`);
  if (current.version !== version) {
    throw new AppError("version_conflict", `You edited version ${version}, but ${numberOf(current)} is now at version ${current.version}; reload to see the changes`);
  }
  const status = current.status as QuoteStatus;
  const number = numberOf(current);
  if (isFinal(status) && Object.keys(input).some((k) => k !== "notes")) {
    throw new AppError("rule_violation", `${number} is ${status}, which is final; make a new revision with POST /api/quotes/${id}/revisions`);
  }
  if (input.lines && status !== "draft") {
    throw new AppError("rule_violation", `The lines of a ${status} quote change in a new revision (POST /api/quotes/${id}/revisions), so the customer's version stays on record`);
  }

  const problems: FieldProblem[] = [];
  const next: Updateable<QuotesTable> = {};
  let lines: PreparedLine[] | null = null;
  if (input.lines) {
    const prepared = await prepareLines(db, user, input.lines);
    problems.push(...prepared.problems);
    lines = prepared.lines;
    const totals = totalsOf(lines);
    next.total_cents = totals.totalCents;
    next.units_milli = totals.unitsMilli;
  }
  if (input.probability !== undefined) next.probability = input.probability;
  const decision = decisionOf(input, problems);
  if (decision.month !== undefined) next.decision_month = decision.month;
  if (decision.date !== undefined) next.decision_date = decision.date;
  checkDate("validUntil", input.validUntil, problems);
  if (input.validUntil !== undefined) next.valid_until = input.validUntil;
  await checkContactPerson(db, current.relation_id, input.contactPersonId, problems);
  if (input.contactPersonId !== undefined) next.contact_person_id = input.contactPersonId;
  if (input.repId !== undefined && input.repId !== current.rep_id) {
    // Reassigning: the viewer must be allowed to act for the rep it has now and the one it gets.
    // Acting for the rep it has was checked above; the rep it gets is checked here.
    await checkRep(db, user, input.repId, problems);
    next.rep_id = input.repId;
  }
  if (input.title !== undefined) next.title = input.title?.trim() || null;
  if (input.notes !== undefined) next.notes = input.notes?.trim() || null;

  if (input.status !== undefined && input.status !== status) {
    const changed = changeStatus(
      { status, probability: next.probability ?? current.probability, lostReason: current.lost_reason, competitorWon: current.competitor_won },
      { to: input.status, lostReason: input.lostReason ?? null, competitorWon: input.competitorWon ?? null },
    );
    if (!changed.ok) problems.push(statusProblem(changed.error));
    else {
      next.status = changed.value.status;
      next.probability = changed.value.probability;
      next.lost_reason = changed.value.lostReason;
      next.competitor_won = changed.value.competitorWon;
      if (changed.value.status === "sent") next.sent_on = today;
      if (isFinal(changed.value.status)) next.decided_on = today;
    }
  } else if (input.lostReason != null || input.competitorWon != null) {
    problems.push(fieldProblem(input.lostReason != null ? "lostReason" : "competitorWon", "only_with_lost_status"));
  }
  if (problems.length > 0) throw invalid(...problems);

  await db.transaction().execute(async (trx) => {
    const stamp = now.toISOString();
    if (!(await updateQuoteRow(trx, id, version, { ...next, updated_at: stamp }))) {
      throw new AppError("version_conflict", `You edited version ${version}, but someone saved ${number} at the same moment; reload to see the changes`);
    }
    if (lines) await replaceLines(trx, id, lines);
    await recordChanges(trx, id, stateOf(current), stateOf({ ...current, ...next } as typeof current), user.id, now);
    if (next.status !== undefined) {
      await writeAudit(trx, { entity: "quote", entityId: id, relationId: current.relation_id, userId: user.id, at: stamp }, [["status", status, next.status]]);
    }
  });
  const updated = await withMayChange(db, user, await getQuote(db, id, now));
  const touchedDecision = input.decisionMonth !== undefined || (input.decisionDate !== undefined && input.decisionDate !== null);
  return { ...updated, warnings: touchedDecision ? staleWarnings(updated) : [] };
}

