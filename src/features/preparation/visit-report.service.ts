// The report after the visit (issue 9): one screen turns the sheet into the contact report. The
// results and answers per objective and the ticked keywords are kept on the sheet; the contact moment
// (with the persons met, the method, the outcome written from the objectives) and its follow-up are
// made through the activities feature, in the same transaction, so nothing is typed twice and nothing
// is stored half. Answers that map to the relation's fields (the rep confirms them) are written to the
// relation through its own service in that transaction too. A visit is reported once (409 after that).
import type { SalesMethod } from "../../domain/contact-moment.js";
import type { VisitType } from "../../domain/agenda.js";
import { activityKindOf, type ObjectiveResult, reportOutcome } from "../../domain/visit-preparation.js";
import type { AppContext } from "../../server/context.js";
import { AppError, fieldProblem, invalid } from "../../server/errors.js";
import { createActivity } from "../activities/activity.service.js";
import type { AuthUser } from "../auth/auth-user.js";
import { appointmentForChange } from "../appointments/appointment.service.js";
import { updateRelation } from "../relations/relation.service.js";
import { suggestedMethodOf } from "./preparation-prefill.js";
import { findObjectives, findPreparation, findReport, insertReport, updateObjectiveResult, writeSheet } from "./preparation.repository.js";
import type { PreparationSheetDto, VisitReportInputDto } from "./preparation.schemas.js";
import { getSheet, sheetAuditChanges, sheetAuditValues, storePreparation } from "./preparation.service.js";
import { writeAudit } from "../audit/audit.service.js";

const RESULT_NAMES: Record<"nl" | "en", Record<ObjectiveResult, string>> = {
  nl: { achieved: "behaald", partly: "deels behaald", not_achieved: "niet behaald" },
  en: { achieved: "achieved", partly: "partly achieved", not_achieved: "not achieved" },
};
const KEYWORDS_HEADING = { nl: "Trefwoorden", en: "Keywords" };
/** Field lengths of a contact moment (activity.schemas.ts). */
const OUTCOME_MAX = 2_000;
const NOTES_MAX = 20_000;

export async function reportVisit(ctx: AppContext, user: AuthUser, appointmentId: number, expectedVersion: number, input: VisitReportInputDto, now: Date): Promise<PreparationSheetDto> {
  const appointment = await appointmentForChange(ctx.db, user, appointmentId);
  if (appointment.status === "cancelled") throw new AppError("rule_violation", "A cancelled appointment is not reported", [fieldProblem("status", "appointment_cancelled")]);
  if (await findReport(ctx.db, appointmentId)) throw new AppError("conflict", "This visit has been reported already");
  // A sheet never saved is stored as proposed first, so the report has objectives to write onto.
  let version = expectedVersion;
  if (version === 0) version = await storePreparation(ctx, user, appointment, 0, { notes: null }, now);
  const sheet = await findPreparation(ctx.db, appointmentId);
  if (!sheet || sheet.version !== version) throw new AppError("version_conflict");
  const objectives = await findObjectives(ctx.db, appointmentId);
  const byId = new Map(objectives.map((o) => [o.id, o]));
  const problems = input.objectives.flatMap((o, i) => (byId.has(o.id) ? [] : [fieldProblem(`objectives/${i}/id`, "objective_unknown")]));
  if (problems.length > 0) throw invalid(...problems);

  const given = new Map(input.objectives.map((o) => [o.id, o]));
  const rows = objectives.map((o) => {
    const g = given.get(o.id);
    return { text: o.text, keyword: o.keyword, result: g ? g.result : (o.result as ObjectiveResult | null), answer: g?.answer !== undefined ? g.answer : o.answer };
  });
  const locale = user.locale;
  const keywords = input.keywords ?? (JSON.parse(sheet.keywords) as { keyword: string; ticked: boolean; answer: string | null }[]);
  const keywordLines = keywords.filter((k) => k.ticked || (k.answer ?? "").trim() !== "").map((k) => `${k.ticked ? "✓ " : ""}${k.keyword}${k.answer?.trim() ? `: ${k.answer.trim()}` : ""}`);
  const notes = [input.notes?.trim() ?? "", keywordLines.length > 0 ? `${KEYWORDS_HEADING[locale]}:\n${keywordLines.join("\n")}` : ""].filter((s) => s !== "").join("\n\n");
  // The method the rep chose, else the one the sheet suggests (read alone: the sheet's prefill is read once, at the end).
  const method = (sheet.method ?? (await suggestedMethodOf(ctx, user, appointment)).method) as SalesMethod;
  // The contact moment took place at the appointment, unless the rep reports ahead of its start.
  const occurredAt = new Date(Math.min(Date.parse(appointment.start), now.getTime())).toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    for (const o of input.objectives) {
      await updateObjectiveResult(trx, o.id, { result: o.result, ...(o.answer !== undefined ? { answer: o.answer?.trim() || null } : {}), ...(o.ticked !== undefined ? { ticked: o.ticked ? 1 : 0 } : {}) });
    }
    await writeSheet(trx, appointmentId, version, input.keywords ? { keywords: JSON.stringify(input.keywords) } : {}, user.id, now.toISOString());
    // The sheet's audit: the keywords ticked and answered and the objectives' answers as reported.
    const reported = objectives.map((o) => ({ text: o.text, keyword: o.keyword, answer: given.get(o.id)?.answer !== undefined ? given.get(o.id)?.answer?.trim() || null : o.answer }));
    const changes = sheetAuditChanges(
      sheetAuditValues(sheet, objectives, new Map()),
      sheetAuditValues({ ...sheet, ...(input.keywords ? { keywords: JSON.stringify(input.keywords) } : {}) }, reported, new Map()),
    );
    await writeAudit(trx, { entity: "visit_preparation", entityId: appointmentId, relationId: appointment.relation.id, userId: user.id, at: now.toISOString() }, [...changes, ["reported", null, occurredAt]]);
    const activity = await createActivity(
      trx,
      user,
      appointment.relation.id,
      {
        kind: activityKindOf(appointment.visitType as VisitType),
        occurredAt,
        personIds: appointment.persons.map((p) => p.id),
        salesMethod: method,
        notes: notes === "" ? null : notes.slice(0, NOTES_MAX),
        outcome: reportOutcome(rows, RESULT_NAMES[locale]).slice(0, OUTCOME_MAX) || null,
        winChance: input.winChance ?? null,
        nextStep: input.nextStep?.trim() || null,
        ...(input.followUp ? { followUp: input.followUp } : {}),
      },
      now,
    );
    // The relation's fields from the answers, in the same transaction: a stale relation (412) or a bad
    // value stores nothing of the report either.
    if (input.relation) await updateRelation(trx, user, appointment.relation.id, input.relation.version, input.relation.changes, now);
    await insertReport(trx, {
      appointment_id: appointmentId,
      activity_id: activity.id,
      follow_up_id: activity.followUps[0]?.id ?? null,
      quote_id: null,
      reported_by: user.id,
      reported_at: now.toISOString(),
    });
  });
  return getSheet(ctx, user, appointmentId);
}
