// Choice lists of relation fields with their translated labels, for selects and filters.
import type { TFunction } from "i18next";
import { ACCOUNT_CLASSES } from "../../../domain/account-class.js";
import { RELATION_STATUSES } from "../../../domain/lifecycle.js";
import type { LEGAL_FORMS as ServerLegalForms, RELATION_KINDS as ServerKinds } from "../../../features/relations/relation.schemas.js";

// Repeated here (the schema module would pull TypeBox into the bundle); the types keep them equal.
export const LEGAL_FORMS = [
  "bv",
  "nv",
  "vof",
  "cv",
  "eenmanszaak",
  "maatschap",
  "stichting",
  "vereniging",
  "cooperatie",
  "overheid",
  "buitenlands",
  "other",
] as const satisfies readonly (typeof ServerLegalForms)[number][];
export const RELATION_KINDS = ["customer_side", "influencer"] as const satisfies readonly (typeof ServerKinds)[number][];

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
