// Choice lists of relation fields with their translated labels, for selects and filters.
import type { TFunction } from "i18next";
import { ACCOUNT_CLASSES } from "../../../domain/account-class.js";
import { RELATION_STATUSES } from "../../../domain/lifecycle.js";
import { LEGAL_FORMS, RELATION_KINDS } from "../../../domain/relation-types.js";

export { LEGAL_FORMS, RELATION_KINDS };

export const statusOptions = (t: TFunction, statuses: readonly string[] = RELATION_STATUSES) =>
  statuses.map((s) => ({ value: s, label: t(`status.${s}`) }));

export const classOptions = (t: TFunction) => ACCOUNT_CLASSES.map((c) => ({ value: c, label: t(`accountClass.${c}`) }));

export const legalFormOptions = (t: TFunction) => LEGAL_FORMS.map((f) => ({ value: f, label: t(`legalForm.${f}`) }));

export const kindOptions = (t: TFunction) => RELATION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }));

/** "LANDBOUW, BOSBOUW EN VISSERIJ" → "Landbouw, bosbouw en visserij" (sections are stored in capitals). */
export function sentenceCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  const lower = text.toLocaleLowerCase("nl");
  return lower.charAt(0).toLocaleUpperCase("nl") + lower.slice(1);
}
