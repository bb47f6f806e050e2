// The words of coded values (status, class, DMU role, kind of contact moment …) and of export
// columns, in the languages of the UI. The same JSON files are merged into the web app's texts
// (web/i18n/index.ts), so a file the server writes says what the screen says.
import en from "./en.json" with { type: "json" };
import nl from "./nl.json" with { type: "json" };

export const LABEL_LANGUAGES = ["nl", "en"] as const;
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];

type Catalogue = typeof nl;
const CATALOGUES: Record<LabelLanguage, Catalogue> = { nl, en };

export function labelsOf(language: LabelLanguage = "nl"): Catalogue {
  return CATALOGUES[language];
}

/** The label of a code in one list of the catalogue; an unknown code is shown as it is. */
export function labelOf(list: Readonly<Record<string, string>>, code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  return list[code] ?? code;
}

/** The table writer's options for a download: its CSV dialect and the yes/no words of the language. */
export function tableOptionsOf(language: LabelLanguage = "nl", dialect: "nl" | "intl" = "nl"): { dialect: "nl" | "intl"; yes: string; no: string } {
  const words = CATALOGUES[language].exportFile;
  return { dialect, yes: words.yes, no: words.no };
}
