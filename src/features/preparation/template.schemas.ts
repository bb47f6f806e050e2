// HTTP shapes of the company's visit templates (GET/POST /api/visit-templates, PATCH …/:id). Lengths
// beyond the shape are the domain's (domain/visit-templates.ts templateProblems) and answer 400 with
// a field per problem, so the limits are allowed twice over here.
import { type Static, Type } from "typebox";
import { VISIT_TYPES } from "../../domain/agenda.js";
import { ANSWER_FIELDS } from "../../domain/visit-answers.js";
import { MAX_KEYWORD, MAX_OBJECTIVE_TEXT, MAX_OBJECTIVES, OBJECTIVE_KINDS } from "../../domain/visit-preparation.js";
import { MAX_TEMPLATE_KEYWORDS, MAX_TEMPLATE_NAME } from "../../domain/visit-templates.js";
import { Nullable, literals } from "../../server/schema-helpers.js";

const TemplateObjective = Type.Object(
  {
    kind: literals(OBJECTIVE_KINDS),
    text: Type.String({ maxLength: MAX_OBJECTIVE_TEXT * 2 }),
    keyword: Nullable(Type.String({ maxLength: MAX_KEYWORD * 2 })),
    field: Type.Optional(Nullable(literals(ANSWER_FIELDS))),
  },
  { additionalProperties: false },
);

const fields = {
  name: Type.Object(
    { nl: Type.String({ maxLength: MAX_TEMPLATE_NAME * 2 }), en: Type.Optional(Type.String({ maxLength: MAX_TEMPLATE_NAME * 2 })) },
    { additionalProperties: false },
  ),
  visitTypes: Type.Array(literals(VISIT_TYPES), { uniqueItems: true, maxItems: VISIT_TYPES.length }),
  sbiSections: Type.Array(Type.String({ maxLength: 2 }), { uniqueItems: true, maxItems: 30, description: "SBI section letters of the relations it is meant for; empty: every industry" }),
  objectives: Type.Array(TemplateObjective, { maxItems: MAX_OBJECTIVES * 2 }),
  keywords: Type.Array(Type.String({ maxLength: MAX_KEYWORD * 2 }), { maxItems: MAX_TEMPLATE_KEYWORDS * 2 }),
  active: Type.Boolean(),
};

export const TemplateCreate = Type.Object(
  { ...fields, visitTypes: Type.Optional(fields.visitTypes), sbiSections: Type.Optional(fields.sbiSections), keywords: Type.Optional(fields.keywords), active: Type.Optional(fields.active) },
  { additionalProperties: false },
);
export type TemplateCreateInput = Static<typeof TemplateCreate>;

export const TemplatePatch = Type.Partial(Type.Object(fields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export type TemplatePatchInput = Static<typeof TemplatePatch>;

export const VisitTemplateDto = Type.Object({
  id: Type.Integer(),
  key: Type.String({ description: "What a sheet's templates name" }),
  name: Type.Object({ nl: Type.String(), en: Type.String() }),
  visitTypes: Type.Array(Type.String()),
  sbiSections: Type.Array(Type.String()),
  objectives: Type.Array(Type.Object({ kind: Type.String(), text: Type.String(), keyword: Nullable(Type.String()), field: Nullable(literals(ANSWER_FIELDS)) })),
  keywords: Type.Array(Type.String()),
  active: Type.Boolean(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type VisitTemplateDtoType = Static<typeof VisitTemplateDto>;

export const TemplateList = Type.Object({ items: Type.Array(VisitTemplateDto) });

export const TemplateListQuery = Type.Object(
  { all: Type.Optional(Type.Boolean({ description: "also the switched-off templates (for the settings page)" })) },
  { additionalProperties: false },
);
