// Texts in Dutch (first: the users are Dutch sales teams) and English. The choice is remembered in
// localStorage; <html lang> follows it so screen readers pronounce the page right.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import sharedNl from "../../labels/nl.json" with { type: "json" };
import nl from "./nl.json" with { type: "json" };
import { type Tree, withFeatures } from "./merge.js";

export const LANGUAGES = ["nl", "en"] as const;

// Each feature keeps its own texts beside it (features/<name>/i18n.nl.json, i18n.en.json, with one
// top-level key per feature) so features can grow without touching one shared file. Dutch is in the
// first bundle (the default and the fallback); English is a chunk of its own, loaded when chosen, so
// the login page does not carry a second copy of every text.
const dutchFeatures = import.meta.glob<{ default: Tree }>("../features/*/i18n.nl.json", { eager: true });
const englishFeatures = import.meta.glob<{ default: Tree }>("../features/*/i18n.en.json");

const DUTCH = withFeatures(nl, sharedNl, Object.values(dutchFeatures).map((m) => m.default));

let english: Promise<Tree> | null = null;
function loadEnglish(): Promise<Tree> {
  english ??= Promise.all([import("./en.json"), import("../../labels/en.json"), ...Object.values(englishFeatures).map((load) => load())]).then(([base, shared, ...features]) =>
    withFeatures(base.default as Tree, shared.default as Tree, features.map((f) => f.default)),
  );
  return english;
}

async function ensureLanguage(language: Language): Promise<void> {
  if (language === "en" && !i18next.hasResourceBundle("en", "translation")) i18next.addResourceBundle("en", "translation", await loadEnglish());
}
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "koers.language";

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === "en" ? "en" : "nl";
  } catch {
    return "nl";
  }
}

export function currentLanguage(): Language {
  return i18next.language === "en" ? "en" : "nl";
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  await ensureLanguage(language);
  await i18next.changeLanguage(language);
}

/** Starts i18next in the stored language; resolves once its texts are there (English: its chunk). */
export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { nl: { translation: DUTCH } },
    lng: "nl",
    fallbackLng: "nl",
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  const stored = storedLanguage();
  if (stored !== "nl") {
    await ensureLanguage(stored);
    await i18next.changeLanguage(stored);
  }
  document.documentElement.lang = i18next.language;
  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
