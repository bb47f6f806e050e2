// Both languages whole, for the tests that compare them (the catalogue test, the audit values): the
// app itself loads Dutch at once and English when it is chosen (index.ts).
import sharedEn from "../../labels/en.json" with { type: "json" };
import sharedNl from "../../labels/nl.json" with { type: "json" };
import en from "./en.json" with { type: "json" };
import nl from "./nl.json" with { type: "json" };
import { type Tree, withFeatures } from "./merge.js";

const features = import.meta.glob<{ default: Tree }>("../features/*/i18n.*.json", { eager: true });
const of = (language: string) => Object.entries(features).filter(([path]) => path.endsWith(`/i18n.${language}.json`)).map(([, m]) => m.default);

export const TEXTS = { nl: withFeatures(nl, sharedNl, of("nl")), en: withFeatures(en, sharedEn, of("en")) };
