// Query parameters every table download shares: the CSV dialect and the language of its labels.
import { Type } from "typebox";

export const CsvDialectParam = Type.Optional(
  Type.Union([Type.Literal("nl"), Type.Literal("intl")], {
    default: "nl",
    description: "CSV only: nl = ; between cells and a decimal comma, dates dd-mm-jjjj (Dutch Excel); intl = , and a decimal point, ISO dates",
  }),
);

export const LanguageParam = Type.Optional(
  Type.Union([Type.Literal("nl"), Type.Literal("en")], { default: "nl", description: "Language of the headers and coded values (the UI language)" }),
);
