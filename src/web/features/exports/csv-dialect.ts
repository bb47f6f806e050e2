// The CSV dialect a user downloads in: ";" and decimal commas for Dutch Excel (the default) or ","
// and decimal points for other programs. Remembered in this browser, sent as ?dialect= with the
// UI language as ?lang=, so the file's headers and values read as the screen does.
import { useState } from "react";
import { currentLanguage } from "../../i18n/index.js";

export type CsvDialect = "nl" | "intl";
export const CSV_DIALECTS: readonly CsvDialect[] = ["nl", "intl"];
const STORAGE_KEY = "koers.csvDialect";

function stored(): CsvDialect {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "intl" ? "intl" : "nl";
  } catch {
    return "nl";
  }
}

export function useCsvDialect(): [CsvDialect, (dialect: CsvDialect) => void] {
  const [dialect, setDialect] = useState<CsvDialect>(stored);
  const choose = (next: CsvDialect) => {
    setDialect(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  };
  return [dialect, choose];
}

/** The query parameters of a download in the user's dialect and language. */
export function fileParams(dialect: CsvDialect): Record<string, string> {
  return { dialect, lang: currentLanguage() };
}
