// Texts in Dutch (first: the users are Dutch sales teams) and English. The choice is remembered in
// localStorage; <html lang> follows it so screen readers pronounce the page right.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json" with { type: "json" };
import nl from "./nl.json" with { type: "json" };
import sharedEn from "../../labels/en.json" with { type: "json" };
import sharedNl from "../../labels/nl.json" with { type: "json" };

export const LANGUAGES = ["nl", "en"] as const;

// Each feature keeps its own texts beside it (features/<name>/i18n.nl.json, i18n.en.json, with one
// top-level key per feature) so features can grow without touching one shared file.
const featureTexts = import.meta.glob<{ default: Record<string, unknown> }>("../features/*/i18n.*.json", { eager: true });

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge: the shared labels add `activities.kind` to the activities feature's own texts. */
function merge(into: Tree, from: Tree): Tree {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    into[key] = isTree(existing) && isTree(value) ? merge({ ...existing }, value) : value;
  }
  return into;
}

// The labels of coded values (status, class, DMU role, kind of contact moment …) live in
// src/labels/<lang>.json, shared with the server so an export says what the screen says.
function withFeatures(base: Tree, shared: Tree, language: string): Tree {
  const merged = merge({ ...base }, shared);
  for (const [path, module] of Object.entries(featureTexts)) {
    if (path.endsWith(`/i18n.${language}.json`)) merge(merged, module.default);
  }
  return merged;
}

export const TEXTS = { nl: withFeatures(nl, sharedNl, "nl"), en: withFeatures(en, sharedEn, "en") };
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
  await i18next.changeLanguage(language);
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { nl: { translation: TEXTS.nl }, en: { translation: TEXTS.en } },
    lng: storedLanguage(),
    fallbackLng: "nl",
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
