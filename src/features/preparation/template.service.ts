// Use cases of the company's visit templates: everyone who prepares visits reads the switched-on ones
// (the sheet proposes and applies them); those with templates.manage add, edit and switch them off.
// A template that is switched off stays readable for the sheets that name it, and is proposed no more.
import type { VisitType } from "../../domain/agenda.js";
import type { AnswerField } from "../../domain/visit-answers.js";
import type { ObjectiveKind } from "../../domain/visit-preparation.js";
import { templateProblems, type VisitTemplate } from "../../domain/visit-templates.js";
import type { Db } from "../../db/kysely.js";
import { invalid, fieldProblem, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { sbiSectionNames } from "../reference/reference.service.js";
import { findTemplateRow, insertTemplate, listTemplateRows, type TemplateColumns, type TemplateRow, updateTemplate } from "./template.repository.js";
import type { TemplateCreateInput, TemplatePatchInput, VisitTemplateDtoType } from "./template.schemas.js";

function parseList<T>(raw: string): T[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

function toDto(row: TemplateRow): VisitTemplateDtoType {
  return {
    id: row.id,
    key: row.key,
    name: { nl: row.name_nl, en: row.name_en },
    visitTypes: parseList<string>(row.visit_types),
    sbiSections: parseList<string>(row.sbi_sections),
    objectives: parseList<{ kind: string; text: string; keyword: string | null; field?: AnswerField | null }>(row.objectives).map((o) => ({ kind: o.kind, text: o.text, keyword: o.keyword, field: o.field ?? null })),
    keywords: parseList<string>(row.keywords),
    active: row.active === 1,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

/** The domain's view of a template: its key is the id a sheet names. */
export function asDomainTemplate(t: VisitTemplateDtoType): VisitTemplate {
  return {
    id: t.key,
    name: t.name,
    visitTypes: t.visitTypes as VisitType[],
    sbiSections: t.sbiSections,
    objectives: t.objectives.map((o) => ({ kind: o.kind as ObjectiveKind, text: o.text, keyword: o.keyword, field: o.field })),
    keywords: t.keywords,
  };
}

export async function listTemplates(db: Db, options: { all: boolean }): Promise<VisitTemplateDtoType[]> {
  return (await listTemplateRows(db, !options.all)).map(toDto);
}

async function getTemplate(db: Db, id: number): Promise<VisitTemplateDtoType> {
  const row = await findTemplateRow(db, id);
  if (!row) throw notFound("Visit template");
  return toDto(row);
}

type Complete = Omit<VisitTemplateDtoType, "id" | "key" | "updatedAt" | "version">;

/** Trimmed, checked by the domain (400 with a field per problem), and as columns. */
async function checked(db: Db, t: Complete): Promise<TemplateColumns> {
  const clean: Complete = {
    name: { nl: t.name.nl.trim(), en: t.name.en.trim() || t.name.nl.trim() },
    visitTypes: t.visitTypes,
    sbiSections: t.sbiSections.map((s) => s.trim().toUpperCase()),
    objectives: t.objectives.map((o) => ({ kind: o.kind, text: o.text.trim(), keyword: o.keyword?.trim() ? o.keyword.trim() : null, field: o.field ?? null })),
    keywords: t.keywords.map((k) => k.trim()),
    active: t.active,
  };
  const sections = (await sbiSectionNames(db)).map((s) => s.code);
  const problems = templateProblems({ name: clean.name, objectives: asDomainTemplate({ ...clean, id: 0, key: "", updatedAt: "", version: 0 }).objectives, keywords: clean.keywords, sbiSections: clean.sbiSections }, sections);
  if (problems.length > 0) throw invalid(...problems.map((p) => fieldProblem(p.field, p.code)));
  return {
    name_nl: clean.name.nl,
    name_en: clean.name.en,
    visit_types: JSON.stringify(clean.visitTypes),
    sbi_sections: JSON.stringify(clean.sbiSections),
    objectives: JSON.stringify(clean.objectives),
    keywords: JSON.stringify(clean.keywords),
    active: clean.active ? 1 : 0,
  };
}

export async function createTemplate(db: Db, user: AuthUser, input: TemplateCreateInput, now: Date): Promise<VisitTemplateDtoType> {
  const values = await checked(db, {
    name: { nl: input.name.nl, en: input.name.en ?? "" },
    visitTypes: input.visitTypes ?? [],
    sbiSections: input.sbiSections ?? [],
    objectives: input.objectives.map((o) => ({ ...o, field: o.field ?? null })),
    keywords: input.keywords ?? [],
    active: input.active ?? true,
  });
  return getTemplate(db, await insertTemplate(db, values, user.id, now.toISOString()));
}

/** The whole template is checked after the change, so a change cannot leave it unusable. */
export async function changeTemplate(db: Db, user: AuthUser, id: number, expectedVersion: number, input: TemplatePatchInput, now: Date): Promise<VisitTemplateDtoType> {
  const current = await getTemplate(db, id);
  const values = await checked(db, {
    name: input.name ? { nl: input.name.nl, en: input.name.en ?? current.name.en } : current.name,
    visitTypes: input.visitTypes ?? current.visitTypes,
    sbiSections: input.sbiSections ?? current.sbiSections,
    objectives: input.objectives?.map((o) => ({ ...o, field: o.field ?? null })) ?? current.objectives,
    keywords: input.keywords ?? current.keywords,
    active: input.active ?? current.active,
  });
  await updateTemplate(db, id, expectedVersion, values, user.id, now.toISOString());
  return getTemplate(db, id);
}
