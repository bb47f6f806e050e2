// Use cases of the visit sheet: read it (what Koers knows, read live for the viewer, plus what the
// rep added), save what the rep adds (versioned: 0 creates, a stale version answers 412), and the
// company's checklist of things to bring. Reading follows the agenda's scope (404 outside it);
// writing needs the right to act for the appointment's rep (403).
import type { SalesMethod } from "../../domain/contact-moment.js";
import type { VisitType } from "../../domain/agenda.js";
import { type Objective, objectiveProblems, smartFromText, smartToText, smartWarnings } from "../../domain/visit-preparation.js";
import { DEFAULT_HOURLY_COST_CENTS, DEFAULT_PREPARATION_MINUTES, preparationPayback } from "../../domain/preparation-payback.js";
import { DEFAULT_CHECKLIST, fromTemplates, proposedTemplates, templatesByIds, type VisitTemplate } from "../../domain/visit-templates.js";
import type { Db } from "../../db/kysely.js";
import type { AppContext } from "../../server/context.js";
import { AppError, fieldProblem, invalid } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import type { AppointmentDto } from "../appointments/appointment.schemas.js";
import { appointmentForChange, getAppointment } from "../appointments/appointment.service.js";
import { mayActForUser } from "../users/user.service.js";
import { writeAudit } from "../audit/audit.service.js";
import { prefillSheet } from "./preparation-prefill.js";
import { asDomainTemplate, listTemplates } from "./template.service.js";
import type { VisitTemplateDtoType } from "./template.schemas.js";
import {
  findObjectives,
  findPreparation,
  findReport,
  type ObjectiveValues,
  type PreparationRow,
  CHECKLIST_SETTING,
  HOURLY_COST_SETTING,
  PREPARATION_MINUTES_SETTING,
  readSetting,
  replaceObjectives,
  type SheetColumns,
  writeSetting,
  writeSheet,
} from "./preparation.repository.js";
import type { PreparationPatchInput, PreparationSheetDto, ResearchDto } from "./preparation.schemas.js";

type Keyword = { keyword: string; ticked: boolean; answer: string | null };
type Check = { item: string; ticked: boolean };

function parseJson<T>(raw: string, fallback: T): T {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export async function readChecklist(db: Db): Promise<string[]> {
  const raw = await readSetting(db, CHECKLIST_SETTING);
  const list = raw === undefined ? null : parseJson<unknown>(raw, null);
  return Array.isArray(list) && list.every((x) => typeof x === "string") ? (list as string[]) : [...DEFAULT_CHECKLIST];
}

async function readWhole(db: Db, key: string, fallback: number): Promise<number> {
  const value = Number(await readSetting(db, key));
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

export interface PreparationSettings {
  checklist: string[];
  preparationMinutes: number;
  hourlyCostCents: number;
}

export async function readPreparationSettings(db: Db): Promise<PreparationSettings> {
  const [checklist, preparationMinutes, hourlyCostCents] = await Promise.all([
    readChecklist(db),
    readWhole(db, PREPARATION_MINUTES_SETTING, DEFAULT_PREPARATION_MINUTES),
    readWhole(db, HOURLY_COST_SETTING, DEFAULT_HOURLY_COST_CENTS),
  ]);
  return { checklist, preparationMinutes, hourlyCostCents };
}

/** Stores the parts given; the checklist trimmed, empty lines dropped. */
export async function writePreparationSettings(db: Db, input: Partial<PreparationSettings>): Promise<PreparationSettings> {
  await db.transaction().execute(async (trx) => {
    if (input.checklist) await writeSetting(trx, CHECKLIST_SETTING, JSON.stringify(input.checklist.map((s) => s.trim()).filter((s) => s !== "")));
    if (input.preparationMinutes !== undefined) await writeSetting(trx, PREPARATION_MINUTES_SETTING, String(input.preparationMinutes));
    if (input.hourlyCostCents !== undefined) await writeSetting(trx, HOURLY_COST_SETTING, String(input.hourlyCostCents));
  });
  return readPreparationSettings(db);
}

/**
 * Half a percent less discount on the relation's latest year of revenue (as the viewer may see it)
 * against the preparation at the company's cost; null without sales figures.
 */
async function paybackOf(db: Db, sales: Awaited<ReturnType<typeof prefillSheet>>["sales"]) {
  const latest = sales.state === "shown" && sales.data ? sales.data.years.reduce<(typeof sales.data.years)[number] | null>((a, y) => (a === null || y.year > a.year ? y : a), null) : null;
  if (!latest || latest.revenue <= 0) return null;
  const settings = await readPreparationSettings(db);
  return {
    year: latest.year,
    yearRevenueCents: latest.revenue,
    preparationMinutes: settings.preparationMinutes,
    hourlyCostCents: settings.hourlyCostCents,
    ...preparationPayback({ yearRevenueCents: latest.revenue, preparationMinutes: settings.preparationMinutes, hourlyCostCents: settings.hourlyCostCents }),
  };
}

/** The SBI sections of the relation visited: a template can be meant for an industry. */
async function relationSections(db: Db, relationId: number): Promise<string[]> {
  const rows = await db.selectFrom("relation_sbi_codes").select("section").distinct().where("relation_id", "=", relationId).execute();
  return rows.map((r) => r.section);
}

/** What a sheet holds before anything is saved: the proposed templates' objectives and keywords (of the company's templates, `all`, read once by the caller). */
async function proposal(db: Db, appointment: AppointmentDto, all: readonly VisitTemplateDtoType[]) {
  const available: VisitTemplate[] = all.filter((t) => t.active).map(asDomainTemplate);
  const templates = proposedTemplates(available, appointment.visitType as VisitType, await relationSections(db, appointment.relation.id));
  const { objectives, keywords } = fromTemplates(templatesByIds(available, templates));
  return {
    templates,
    objectives: objectives.map((o) => ({ id: null, kind: o.kind, text: o.text, keyword: o.keyword, smart: [] as string[], ticked: false, answer: null, result: null })),
    keywords: keywords.map((k): Keyword => ({ keyword: k, ticked: false, answer: null })),
    checklist: (await readChecklist(db)).map((item): Check => ({ item, ticked: false })),
  };
}

async function mayEdit(db: Db, user: AuthUser, appointment: AppointmentDto): Promise<boolean> {
  return appointment.status === "planned" && (await mayActForUser(db, user, appointment.forUser.id));
}

function storedParts(row: PreparationRow, objectives: Awaited<ReturnType<typeof findObjectives>>) {
  return {
    templates: parseJson<string[]>(row.templates, []),
    objectives: objectives.map((o) => ({ id: o.id, kind: o.kind, text: o.text, keyword: o.keyword, smart: smartFromText(o.smart) as string[], ticked: o.ticked === 1, answer: o.answer, result: o.result })),
    keywords: parseJson<Keyword[]>(row.keywords, []),
    checklist: parseJson<Check[]>(row.checklist, []),
  };
}

export async function getSheet(ctx: AppContext, user: AuthUser, appointmentId: number): Promise<PreparationSheetDto> {
  // Outside the agenda scope the appointment does not exist for the viewer: 404, nothing read.
  const appointment = await getAppointment(ctx.db, user, appointmentId);
  const [prefill, row, objectives, report, editable, all] = await Promise.all([
    prefillSheet(ctx, user, appointment),
    findPreparation(ctx.db, appointmentId),
    findObjectives(ctx.db, appointmentId),
    findReport(ctx.db, appointmentId),
    mayEdit(ctx.db, user, appointment),
    listTemplates(ctx.db, { all: true }),
  ]);
  const parts = row ? storedParts(row, objectives) : await proposal(ctx.db, appointment, all);
  // The switched-on templates, and any the sheet applied that was switched off since.
  const available = all.filter((t) => t.active || parts.templates.includes(t.key)).map(asDomainTemplate);
  const method = (row?.method ?? prefill.suggestedMethod.method) as SalesMethod;
  const forWarnings: Objective[] = parts.objectives.map((o) => ({ kind: o.kind as Objective["kind"], text: o.text, keyword: o.keyword, smart: smartFromText(o.smart.join("")) }));
  return {
    appointment,
    prefill,
    templatesAvailable: available.map((t) => ({ id: t.id, name: t.name, visitTypes: [...t.visitTypes], sbiSections: [...t.sbiSections], objectives: [...t.objectives], keywords: [...t.keywords] })),
    saved: row !== undefined,
    method: row?.method ?? null,
    templates: parts.templates,
    research: row ? parseJson<ResearchDto>(row.research, {}) : {},
    objectives: parts.objectives,
    keywords: parts.keywords,
    checklist: parts.checklist,
    notes: row?.notes ?? null,
    warnings: smartWarnings(forWarnings, method),
    payback: await paybackOf(ctx.db, prefill.sales),
    report: report
      ? { activityId: report.activity_id, followUpId: report.follow_up_id, quoteId: report.quote_id, reportedAt: new Date(report.reported_at).toISOString(), reportedBy: report.reported_by }
      : null,
    mayEdit: editable,
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    version: row?.version ?? 0,
  };
}

const clean = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === "" ? null : v.trim());

/** Objectives checked by the domain: a problem names the objective's place in the list (400, nothing stored). */
export function checkObjectives(objectives: NonNullable<PreparationPatchInput["objectives"]>): ObjectiveValues[] {
  const asDomain: Objective[] = objectives.map((o) => ({ kind: o.kind, text: o.text, keyword: clean(o.keyword), smart: o.smart }));
  const problems = objectiveProblems(asDomain);
  if (problems.length > 0) throw invalid(...problems.map((p) => fieldProblem(p.index === null ? "objectives" : `objectives/${p.index}/${p.field}`, p.code)));
  return objectives.map((o) => ({
    kind: o.kind,
    text: o.text.trim(),
    keyword: clean(o.keyword),
    smart: smartToText(o.smart),
    ticked: o.ticked ? 1 : 0,
    answer: clean(o.answer),
    result: null,
  }));
}

/** What an audit line of a sheet says per part: the rep's own words, no JSON (names of templates, not keys). */
type SheetState = { method: string | null; templates: string; research: string; keywords: string; checklist: string; notes: string | null };
type AuditObjective = { text: string; keyword: string | null; answer: string | null };
const joined = (parts: readonly string[]) => (parts.length === 0 ? null : parts.join("; "));

export function sheetAuditValues(state: SheetState, objectives: readonly AuditObjective[] | null, templateNames: ReadonlyMap<string, string>): Record<string, string | null> {
  const values: Record<string, string | null> = {
    sales_method: state.method,
    templates: joined(parseJson<string[]>(state.templates, []).map((k) => templateNames.get(k) ?? k)),
    research: joined(Object.values(parseJson<Record<string, string | null>>(state.research, {})).filter((v): v is string => typeof v === "string" && v !== "")),
    keywords: joined(parseJson<Keyword[]>(state.keywords, []).filter((k) => k.ticked || (k.answer ?? "") !== "").map((k) => `${k.ticked ? "✓ " : ""}${k.keyword}${k.answer ? `: ${k.answer}` : ""}`)),
    checklist: joined(parseJson<Check[]>(state.checklist, []).filter((c) => c.ticked).map((c) => `✓ ${c.item}`)),
    notes: state.notes,
  };
  if (objectives !== null) values.objectives = joined(objectives.map((o) => `${o.keyword ? `${o.keyword}: ` : ""}${o.text}${o.answer ? ` — ${o.answer}` : ""}`));
  return values;
}

/** The audit lines of a sheet's change: one per part that changed (entity visit_preparation, id = the appointment's). */
export function sheetAuditChanges(before: Record<string, string | null>, after: Record<string, string | null>): [string, string | null, string | null][] {
  return Object.keys(after).flatMap((field): [string, string | null, string | null][] => ((before[field] ?? null) === after[field] ? [] : [[field, before[field] ?? null, after[field] ?? null]]));
}

const EMPTY_SHEET: SheetState = { method: null, templates: "[]", research: "{}", keywords: "[]", checklist: "[]", notes: null };

/**
 * Saves what the rep adds. On the first save (version 0) the parts not sent are stored as proposed,
 * so the sheet keeps what the rep saw.
 */
export async function savePreparation(ctx: AppContext, user: AuthUser, appointmentId: number, expectedVersion: number, input: PreparationPatchInput, now: Date): Promise<PreparationSheetDto> {
  await storePreparation(ctx, user, await appointmentForChange(ctx.db, user, appointmentId), expectedVersion, input, now);
  return getSheet(ctx, user, appointmentId);
}

/** savePreparation without reading the sheet back (the report stores an unsaved sheet first); returns the new version. */
export async function storePreparation(ctx: AppContext, user: AuthUser, appointment: AppointmentDto, expectedVersion: number, input: PreparationPatchInput, now: Date): Promise<number> {
  const appointmentId = appointment.id;
  if (appointment.status === "cancelled") throw new AppError("rule_violation", "The appointment is cancelled; its sheet is kept as it was", [fieldProblem("status", "appointment_cancelled")]);
  const objectives = input.objectives ? checkObjectives(input.objectives) : undefined;
  // The report wrote its results onto the objectives: they are no longer replaced.
  if (objectives && (await findReport(ctx.db, appointmentId))) throw new AppError("rule_violation", "This visit has been reported; its objectives stay as reported", [fieldProblem("objectives", "visit_reported")]);
  const all = input.templates !== undefined || expectedVersion === 0 ? await listTemplates(ctx.db, { all: true }) : [];
  if (input.templates !== undefined) {
    const known = new Set(all.map((t) => t.key));
    const unknown = input.templates.flatMap((key, i) => (known.has(key) ? [] : [fieldProblem(`templates/${i}`, "template_unknown")]));
    if (unknown.length > 0) throw invalid(...unknown);
  }
  const set: SheetColumns = {};
  if (input.method !== undefined) set.method = input.method;
  if (input.templates !== undefined) set.templates = JSON.stringify(input.templates);
  if (input.research !== undefined) set.research = JSON.stringify(Object.fromEntries(Object.entries(input.research).map(([k, v]) => [k, clean(v)])));
  if (input.keywords !== undefined) set.keywords = JSON.stringify(input.keywords.map((k) => ({ keyword: k.keyword.trim(), ticked: k.ticked, answer: clean(k.answer) })));
  if (input.checklist !== undefined) set.checklist = JSON.stringify(input.checklist.map((c) => ({ item: c.item.trim(), ticked: c.ticked })));
  if (input.notes !== undefined) set.notes = clean(input.notes);

  let firstObjectives = objectives;
  if (expectedVersion === 0) {
    const proposed = await proposal(ctx.db, appointment, all);
    set.templates ??= JSON.stringify(proposed.templates);
    set.keywords ??= JSON.stringify(proposed.keywords);
    set.checklist ??= JSON.stringify(proposed.checklist);
    firstObjectives ??= proposed.objectives.map((o) => ({ kind: o.kind, text: o.text, keyword: o.keyword, smart: "", ticked: 0, answer: null, result: null }));
  }
  const stamp = now.toISOString();
  const [row, storedObjectives] = expectedVersion === 0 ? [undefined, []] : await Promise.all([findPreparation(ctx.db, appointmentId), findObjectives(ctx.db, appointmentId)]);
  const names = new Map(all.map((t) => [t.key, t.name.nl]));
  const before = sheetAuditValues(row ?? EMPTY_SHEET, firstObjectives ? storedObjectives : null, names);
  const after = sheetAuditValues({ ...EMPTY_SHEET, ...row, ...set }, firstObjectives ?? null, names);
  return ctx.db.transaction().execute(async (trx) => {
    const version = await writeSheet(trx, appointmentId, expectedVersion, set, user.id, stamp);
    if (firstObjectives) await replaceObjectives(trx, appointmentId, firstObjectives);
    const meta = { entity: "visit_preparation", entityId: appointmentId, relationId: appointment.relation.id, userId: user.id, at: stamp };
    await writeAudit(trx, meta, [...(expectedVersion === 0 ? [["created", null, appointment.start] as const] : []), ...sheetAuditChanges(before, after)]);
    return version;
  });
}
