// "Quote or not": the advice from the rep's answers, the relation's DMU as recorded on its persons,
// the chance threshold (app setting) and the acceptable term of the relation's market segment.
import type { IsoDate } from "../../domain/calendar.js";
import { isDmuRole } from "../../domain/dmu.js";
import {
  type AdviceDecision,
  type AdviceSettings,
  adviseQuote,
  DEFAULT_ADVICE_SETTINGS,
  followAdvice,
  overruleAdvice,
  type QuoteAdvice,
} from "../../domain/quote-advice.js";
import type { Db } from "../../db/kysely.js";
import { fieldProblem, invalid } from "../../server/errors.js";
import { listPersonsOfRelation } from "../persons/person.service.js";
import { findSegment, listSegmentsWithTerms, setSegmentTerm } from "../products/product.repository.js";
import { getRelation } from "../relations/relation.service.js";
import type { AdviceAnswersDto, QuoteAdviceResultDto } from "./quote.schemas.js";

const CHANCE_THRESHOLD = "quotes.chance_threshold";

export async function chanceThreshold(db: Db): Promise<number> {
  const row = await db.selectFrom("app_settings").select("value").where("key", "=", CHANCE_THRESHOLD).executeTakeFirst();
  const value = Number(row?.value);
  return Number.isInteger(value) && value >= 0 && value <= 100 ? value : DEFAULT_ADVICE_SETTINGS.chanceThreshold;
}

export async function adviceSettings(db: Db, segmentId: number | null): Promise<AdviceSettings> {
  const segment = segmentId === null ? undefined : await findSegment(db, { id: segmentId });
  return {
    chanceThreshold: await chanceThreshold(db),
    maxTermMonths: segment?.max_decision_months ?? DEFAULT_ADVICE_SETTINGS.maxTermMonths,
    budgetTolerancePercent: DEFAULT_ADVICE_SETTINGS.budgetTolerancePercent,
  };
}

export interface ComputedAdvice {
  advice: QuoteAdvice;
  settings: AdviceSettings;
  result: QuoteAdviceResultDto;
}

/** The advice for a relation; `expectedAmountCents` fills in a budget answer given without one. */
export async function adviseForRelation(
  db: Db,
  relationId: number,
  answers: AdviceAnswersDto,
  today: IsoDate,
  expectedAmountCents?: number,
): Promise<ComputedAdvice> {
  const relation = await getRelation(db, relationId);
  const segmentId = answers.segmentId !== undefined ? answers.segmentId : (relation.segment?.id ?? null);
  if (segmentId !== null && !(await findSegment(db, { id: segmentId }))) throw invalid(fieldProblem("segmentId", "segment_unknown"));
  const settings = await adviceSettings(db, segmentId);
  // Persons who left do not decide any more.
  const persons = (await listPersonsOfRelation(db, relationId)).filter((p) => p.active);
  const dmu = persons.map((p) => ({ personId: p.id, name: p.displayName, roles: p.dmuRoles.filter(isDmuRole) }));
  let budget: Parameters<typeof adviseQuote>[0]["budget"];
  if (typeof answers.budget === "string") budget = answers.budget;
  else {
    const expected = answers.budget.expectedAmountCents ?? expectedAmountCents;
    if (expected === undefined) throw invalid(fieldProblem("budget.expectedAmountCents", "required"));
    budget = { budgetCents: answers.budget.budgetCents, expectedAmountCents: expected };
  }
  const advice = adviseQuote(
    { today, solution: answers.solution, budget, chance: answers.chance, decisionMonth: answers.decisionMonth, dmu: dmu.map((p) => ({ roles: p.roles })) },
    settings,
  );
  return {
    advice,
    settings,
    result: {
      verdict: advice.verdict,
      criteria: advice.criteria.map((c) => ({ ...c, params: { ...c.params } as Record<string, number | string | string[]> })),
      reasons: advice.reasons.map((r) => ({ code: r.code, params: { ...r.params } as Record<string, number | string | string[]> })),
      settings: { ...settings },
      dmu: dmu.filter((p) => p.roles.length > 0),
    },
  };
}

/** Following a go, or overruling a wait/don't with a reason the team can learn from later. */
export function decideOnAdvice(advice: QuoteAdvice, overruleReason: string | undefined, by: { decidedBy: number; decidedOn: IsoDate }): AdviceDecision {
  if (advice.verdict === "go") return followAdvice(advice, by);
  if (overruleReason === undefined || overruleReason.trim() === "") {
    throw invalid(fieldProblem("advice.overruleReason", "overrule_reason_required"));
  }
  const decision = overruleAdvice(advice, { ...by, reason: overruleReason });
  if (!decision.ok) throw invalid(fieldProblem("advice.overruleReason", "overrule_reason_too_short"));
  return decision.value;
}

export async function quoteSettings(db: Db) {
  const segments = await listSegmentsWithTerms(db);
  return {
    chanceThreshold: await chanceThreshold(db),
    defaultMaxTermMonths: DEFAULT_ADVICE_SETTINGS.maxTermMonths,
    segments: segments.map((s) => ({ id: s.id, code: s.code, name: s.name, maxDecisionMonths: s.max_decision_months })),
  };
}

export async function updateQuoteSettings(
  db: Db,
  input: { chanceThreshold?: number; segments?: { id: number; maxDecisionMonths: number | null }[] },
) {
  await db.transaction().execute(async (trx) => {
    if (input.chanceThreshold !== undefined) {
      await trx.updateTable("app_settings").set({ value: String(input.chanceThreshold) }).where("key", "=", CHANCE_THRESHOLD).execute();
    }
    for (const [i, s] of (input.segments ?? []).entries()) {
      if (!(await setSegmentTerm(trx, s.id, s.maxDecisionMonths))) throw invalid(fieldProblem(`segments.${i}.id`, "segment_unknown"));
    }
  });
  return quoteSettings(db);
}

