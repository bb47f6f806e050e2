// A sales import's row problem in the UI language. The server sends a code and an English sentence
// with the specifics (the value it got, the other row); the code picks the sentence, the specifics
// are taken from the English text where its shape is known. An unknown code shows the server's text.
import type { TFunction } from "i18next";
import type { SalesImportProblem } from "./sales-import.api.js";

const got = (message: string) => /got "(.*)"/.exec(message)?.[1];

export function problemText(t: TFunction, p: Pick<SalesImportProblem, "code" | "message">): string {
  const key = `sales.import.problems.${p.code}`;
  switch (p.code) {
    case "unknown_debtor":
    case "unknown_product":
    case "unknown_rep":
    case "unknown_rayon": {
      const m = /^\S+ (.+?) is not known in Koers(?: \(and on ([\d,.]+) more rows?\))?/.exec(p.message);
      if (!m) break;
      const more = m[2] ? Number(m[2].replace(/[,.]/g, "")) : 0;
      return t(key, { name: m[1], more }) + (more > 0 ? t("sales.import.problems.moreRows", { count: more }) : "");
    }
    case "duplicate_line": {
      const m = /^invoice (.+) line (\d+) is also on row (\d+)/.exec(p.message);
      if (m) return t(key, { invoice: m[1], line: m[2], row: m[3] });
      break;
    }
    case "date_out_of_range": {
      const m = /^(\S+) lies outside (\S+) – (\S+)/.exec(p.message);
      if (m) return t(key, { date: m[1], earliest: m[2], latest: m[3] });
      break;
    }
    case "mixed_decimal_format": {
      const m = /while row (\d+)/.exec(p.message);
      if (m) return t(key, { row: m[1] });
      break;
    }
    case "negative_without_credit": {
      const m = /is negative \((.*)\)/.exec(p.message);
      if (m) return t(key, { value: m[1] });
      break;
    }
    case "date_invalid":
    case "line_invalid":
    case "credit_invalid":
    case "amount_invalid":
    case "quantity_invalid": {
      const value = got(p.message);
      if (value !== undefined) return t(key, { value });
      break;
    }
    default:
      break;
  }
  // Without the specifics: the code's plain sentence, or the server's own text for a code not known here.
  return t(`sales.import.codes.${p.code}`, { defaultValue: p.message });
}
