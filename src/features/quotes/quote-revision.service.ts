// New revisions (OV87-2 after OV87-1): a new price or new lines after sending, or a customer coming
// back after a loss. The earlier revision stays as history; a sent one is withdrawn (superseded), so
// it leaves the forecast and does not count as lost in the hit ratio (domain/quote-status.ts).
import { quoteValidityDays } from "../company/company.service.js";
import { addDays } from "../../domain/calendar.js";
import { type QuoteStatus, revisionEffect } from "../../domain/quote-status.js";
import type { Db } from "../../db/kysely.js";
import { mayChangeQuote, withMayChange } from "./quote-access.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import { recordChanges, recordCreated } from "./quote-events.js";
import { checkContactPerson, checkDate, checkRep, decisionOf, type PreparedLine, prepareLines, totalsOf } from "./quote-input.js";
import { getQuote, numberOf, staleWarnings } from "./quote-read.js";
import { findLines, findQuoteRow, findRevisions, insertQuote, replaceLines, updateQuoteRow } from "./quote.repository.js";
import type { QuoteDetailDto, QuoteRevisionInput } from "./quote.schemas.js";
import { stateOf } from "./quote.service.js";

export async function reviseQuote(
  db: Db,
  user: AuthUser,
  id: number,
  input: QuoteRevisionInput,
  expectedVersion: number | null,
  now: Date,
): Promise<QuoteDetailDto> {
  const today = amsterdamDate(now);
  const current = await findQuoteRow(db, id);
  if (!current) throw notFound(`Quote ${id}`);
  const number = numberOf(current);
  // A revision carries the rep's quote further: acting for that rep.
  if (!(await mayChangeQuote(db, user, current.rep_id))) throw new AppError("forbidden", `${number} is another rep's quote; only a manager (or inside sales for that rep) revises it`);
  if (expectedVersion !== null && current.version !== expectedVersion) {
    throw new AppError("version_conflict", `You revised version ${expectedVersion} of ${number}, but it is now at version ${current.version}; reload`);
  }
  const latest = (await findRevisions(db, current.base_number)).at(-1);
  if (latest && latest.id !== id) {
    throw new AppError("conflict", `${number} has a newer revision ${numberOf(latest)}; revise that one (quote ${latest.id})`);
  }
  const status = current.status as QuoteStatus;
  const effect = revisionEffect(status);
  if (!effect.ok) throw new AppError("rule_violation", `${number}: ${effect.error}`);

  const problems: FieldProblem[] = [];
  let lines: PreparedLine[];
  if (input.lines) {
    const prepared = await prepareLines(db, user, input.lines);
    problems.push(...prepared.problems);
    lines = prepared.lines;
  } else {
    lines = (await findLines(db, id)).map((l) => ({
      position: l.position,
      product_id: l.product_id,
      description: l.description,
      quantity_milli: l.quantity_milli,
      unit_price_cents: l.unit_price_cents,
      discount_bp: l.discount_bp,
      amount_cents: l.amount_cents,
    }));
  }
  // A lost quote stands at 0 %; reopening it needs a fresh estimate of the chance.
  if (input.probability === undefined && status === "lost") problems.push(fieldProblem("probability", "required"));
  const decision = decisionOf(input, problems);
  checkDate("validUntil", input.validUntil, problems);
  await checkContactPerson(db, current.relation_id, input.contactPersonId, problems);
  await checkRep(db, user, input.repId, problems);
  if (problems.length > 0) throw invalid(...problems);

  const totals = totalsOf(lines);
  const newId = await db.transaction().execute(async (trx) => {
    const stamp = now.toISOString();
    const previous = effect.value.previousBecomes;
    const supersede = previous !== status ? { status: previous, decided_on: today } : {};
    // Always bump the old revision's version: two people revising at once get a 412, not two revisions.
    if (!(await updateQuoteRow(trx, id, current.version, { ...supersede, updated_at: stamp }))) {
      throw new AppError("version_conflict", `Someone changed ${number} at the same moment; reload to see the changes`);
    }
    await recordChanges(trx, id, stateOf(current), stateOf({ ...current, status: previous }), user.id, now);
    const values = {
      base_number: current.base_number,
      revision: current.revision + 1,
      relation_id: current.relation_id,
      contact_person_id: input.contactPersonId !== undefined ? input.contactPersonId : current.contact_person_id,
      rep_id: input.repId ?? current.rep_id,
      title: input.title !== undefined ? input.title?.trim() || null : current.title,
      status: "draft",
      probability: input.probability ?? current.probability,
      decision_month: decision.month ?? current.decision_month,
      decision_date: decision.date !== undefined ? decision.date : decision.month !== undefined ? null : current.decision_date,
      // A new revision is a new price: it gets its own validity.
      valid_until: input.validUntil ?? addDays(today, await quoteValidityDays(trx)),
      total_cents: totals.totalCents,
      units_milli: totals.unitsMilli,
      lost_reason: null,
      competitor_won: null,
      sent_on: null,
      decided_on: null,
      notes: input.notes !== undefined ? input.notes?.trim() || null : current.notes,
      created_by: user.id,
      created_at: stamp,
      updated_at: stamp,
    };
    const quoteId = await insertQuote(trx, values);
    await replaceLines(trx, quoteId, lines);
    await recordCreated(trx, quoteId, values, user.id, now);
    await writeAudit(trx, { entity: "quote", entityId: quoteId, relationId: current.relation_id, userId: user.id, at: stamp }, [
      ["revision", number, numberOf(values)],
    ]);
    return quoteId;
  });
  const created = await withMayChange(db, user, await getQuote(db, newId, now));
  return { ...created, warnings: staleWarnings(created) };
}
