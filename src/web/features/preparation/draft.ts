// The editor's copy of a sheet and the PATCH made from it. Objectives keep their SMART letters as
// the domain's type, so the warnings shown while typing come from the same rule as the server's.
import type { TFunction } from "i18next";
import type { SalesMethod } from "../../../domain/contact-moment.js";
import type { ObjectiveKind, SmartLetter } from "../../../domain/visit-preparation.js";
import type { Sheet, SheetPatch } from "./preparation.api.js";

export interface DraftObjective {
  kind: ObjectiveKind;
  text: string;
  keyword: string;
  smart: SmartLetter[];
  ticked: boolean;
  answer: string | null;
}

export interface Draft {
  method: SalesMethod | null;
  templates: string[];
  research: Sheet["research"];
  objectives: DraftObjective[];
  keywords: Sheet["keywords"];
  checklist: Sheet["checklist"];
  notes: string;
}

export function draftOf(sheet: Sheet): Draft {
  return {
    method: (sheet.method as SalesMethod | null) ?? null,
    templates: [...sheet.templates],
    research: { ...sheet.research },
    objectives: sheet.objectives.map((o) => ({ kind: o.kind as ObjectiveKind, text: o.text, keyword: o.keyword ?? "", smart: o.smart as SmartLetter[], ticked: o.ticked, answer: o.answer })),
    keywords: sheet.keywords.map((k) => ({ ...k })),
    checklist: sheet.checklist.map((c) => ({ ...c })),
    notes: sheet.notes ?? "",
  };
}

/** Everything the rep can change; after the report the objectives stay as reported. */
export function patchOf(draft: Draft, reported: boolean): SheetPatch {
  return {
    method: draft.method,
    templates: draft.templates,
    research: draft.research,
    ...(reported ? {} : { objectives: draft.objectives.map((o) => ({ kind: o.kind, text: o.text, keyword: o.keyword.trim() === "" ? null : o.keyword, smart: o.smart, ticked: o.ticked, answer: o.answer })) }),
    keywords: draft.keywords,
    checklist: draft.checklist,
    notes: draft.notes.trim() === "" ? null : draft.notes,
  };
}

/** "objectives/2/keyword" → "Doelstelling 3 — trefwoord". */
export function fieldLabelOf(t: TFunction, field: string): string {
  const m = /^objectives\/(\d+)\/(\w+)$/.exec(field);
  if (!m) return field === "objectives" ? t("preparation.objectives.title") : field;
  return t("preparation.objectives.fieldLabel", { n: Number(m[1]) + 1, field: t(`preparation.objectives.field.${m[2]}`) });
}
