// The objective and keyword templates a sheet starts from (DOMAIN.md: internal objectives of a first
// visit with their note keywords, the external objective said at the start, the questions of a first
// visit as keywords). Shipped: a general template and the cleaning-services template, which a new
// database starts with and the company then edits or adds to (per visit type and per industry of
// the relation visited, by SBI section). Texts are Dutch because they are what the rep reads in the
// visit. Pure: the caller passes the company's templates in.
import type { VisitType } from "./agenda.js";
import type { AnswerField } from "./visit-answers.js";
import { MAX_KEYWORD, type ObjectiveKind, type ObjectiveProblem, objectiveProblems } from "./visit-preparation.js";

export interface TemplateObjective {
  kind: ObjectiveKind;
  text: string;
  keyword: string | null;
  /** Where the answer goes after the visit (domain/visit-answers.ts); absent: nowhere but the report. */
  field?: AnswerField | null;
}

export interface VisitTemplate {
  id: string;
  /** Dutch and English names for the picker. */
  name: { nl: string; en: string };
  /** Visit types it is meant for (empty: every type). */
  visitTypes: readonly VisitType[];
  /** SBI sections (A–U) of the relations it is meant for (empty: every industry). */
  sbiSections: readonly string[];
  objectives: readonly TemplateObjective[];
  /** Keywords of the external objective and the prepared questions, ticked during the visit. */
  keywords: readonly string[];
}

/** What a new database starts with; from then on the company's own table holds the templates. */
export const SHIPPED_TEMPLATES: readonly VisitTemplate[] = [
  {
    id: "general",
    name: { nl: "Algemeen", en: "General" },
    visitTypes: [],
    sbiSections: [],
    objectives: [
      { kind: "external", text: "Elkaar en elkaars bedrijf leren kennen, wensen en behoeften inventariseren en de vervolgstap afspreken", keyword: null },
      { kind: "internal", text: "Volledige NAW van de DMU en toestemming om te mailen", keyword: "NAW, @" },
      { kind: "internal", text: "Wie zitten er in de DMU en in welke rol", keyword: "DMU" },
      { kind: "internal", text: "Vervolgafspraak gemaakt met datum", keyword: "vrvlg" },
    ],
    keywords: ["bedrijf/organisatie", "functie + positie", "DMU", "eisen product", "eisen leverancier", "volgende afspraak"],
  },
  {
    id: "cleaning",
    name: { nl: "Schoonmaakdiensten — eerste bezoek", en: "Cleaning services — first visit" },
    visitTypes: ["first_visit"],
    sbiSections: [],
    objectives: [
      {
        kind: "external",
        text: "Ons bedrijf en onze diensten voorstellen, meer leren over uw bedrijf en uw wensen en behoeften voor de schoonmaak inventariseren, zodat ik onze oplossingen kan voorstellen",
        keyword: null,
      },
      { kind: "internal", text: "Volledige NAW van de DMU en toestemming om te mailen", keyword: "NAW, @" },
      { kind: "internal", text: "Wie zitten er in de DMU", keyword: "DMU" },
      { kind: "internal", text: "Huidige leverancier", keyword: "lev", field: "currentSupplier" },
      { kind: "internal", text: "Omvang van het werk: m² en frequentie", keyword: "m2 / freq" },
      { kind: "internal", text: "Prijs van de concurrent", keyword: "€ conc", field: "competitorPriceNote" },
      { kind: "internal", text: "Einddatum van het huidige contract", keyword: "afl. contr.", field: "contractEndDate" },
      { kind: "internal", text: "Afspraak voor een prijsvoorstel twee maanden voor het einde van het contract", keyword: "nw. contract" },
      { kind: "internal", text: "Verkoopkans ingeschat", keyword: "vk%", field: "winChance" },
    ],
    keywords: [
      "pres-bedr",
      "wens+beh",
      "pres-prod",
      "vrvlg",
      "vestigingen",
      "diensten",
      "m²",
      "frequentie",
      "tijdstip",
      "huidige leverancier",
      "opzegtermijn",
      "contractduur",
      "prijs nu",
      "eisen product",
      "eisen leverancier",
    ],
  },
];

/**
 * Templates proposed for a new sheet, in the company's order: those meant for this visit type (or
 * every type) and for one of the relation's SBI sections (or every industry).
 */
export function proposedTemplates(templates: readonly VisitTemplate[], visitType: VisitType, relationSections: readonly string[]): string[] {
  return templates
    .filter((t) => t.visitTypes.length === 0 || t.visitTypes.includes(visitType))
    .filter((t) => t.sbiSections.length === 0 || t.sbiSections.some((s) => relationSections.includes(s)))
    .map((t) => t.id);
}

/**
 * Objectives and keywords of the chosen templates, in the order given, each keyword once
 * (case-insensitive); one external objective at most (the first template's).
 */
export function fromTemplates(chosen: readonly VisitTemplate[]): { objectives: TemplateObjective[]; keywords: string[] } {
  const objectives: TemplateObjective[] = [];
  const keywords: string[] = [];
  const seen = new Set<string>();
  let external = false;
  for (const t of chosen) {
    for (const o of t.objectives) {
      if (o.kind === "external") {
        if (external) continue;
        external = true;
      }
      const key = o.keyword?.toLowerCase();
      if (key !== undefined) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      objectives.push({ ...o });
    }
    for (const k of t.keywords) {
      const key = k.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      keywords.push(k);
    }
  }
  return { objectives, keywords };
}

/** The templates of these ids, in the order of the ids; unknown ids are skipped. */
export function templatesByIds(templates: readonly VisitTemplate[], ids: readonly string[]): VisitTemplate[] {
  const byId = new Map(templates.map((t) => [t.id, t]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export const MAX_TEMPLATE_NAME = 80;
export const MAX_TEMPLATE_KEYWORDS = 40;

export interface TemplateProblem {
  /** A JSON-pointer-like place: "name", "objectives/2/keyword", "keywords/4". */
  field: string;
  code: ObjectiveProblem["code"] | "answer_field_twice" | "template_name_required" | "template_name_too_long" | "keyword_empty" | "too_many_keywords" | "template_empty" | "sbi_section_unknown";
}

/**
 * What makes a template unusable (refused with these, nothing stored): no name, objectives a sheet
 * would refuse (the sheet's own rules), an empty or doubled keyword, nothing in it at all, an SBI
 * section that does not exist. A visit keyword equal to an objective's keyword is allowed (applying
 * the template keeps it once); the same visit keyword twice is not.
 */
export function templateProblems(t: Pick<VisitTemplate, "name" | "objectives" | "keywords" | "sbiSections">, knownSections: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const name = t.name.nl.trim();
  if (name === "") problems.push({ field: "name/nl", code: "template_name_required" });
  if (name.length > MAX_TEMPLATE_NAME || t.name.en.trim().length > MAX_TEMPLATE_NAME) problems.push({ field: "name", code: "template_name_too_long" });
  for (const p of objectiveProblems(t.objectives.map((o) => ({ ...o, smart: [] })))) {
    problems.push({ field: p.index === null ? "objectives" : `objectives/${p.index}/${p.field}`, code: p.code });
  }
  const fields = new Set<string>();
  t.objectives.forEach((o, i) => {
    if (!o.field) return;
    if (fields.has(o.field)) problems.push({ field: `objectives/${i}/field`, code: "answer_field_twice" });
    fields.add(o.field);
  });
  if (t.keywords.length > MAX_TEMPLATE_KEYWORDS) problems.push({ field: "keywords", code: "too_many_keywords" });
  const seen = new Set<string>();
  t.keywords.forEach((k, i) => {
    const key = k.trim().toLowerCase();
    if (key === "") problems.push({ field: `keywords/${i}`, code: "keyword_empty" });
    else if (key.length > MAX_KEYWORD) problems.push({ field: `keywords/${i}`, code: "keyword_too_long" });
    else if (seen.has(key)) problems.push({ field: `keywords/${i}`, code: "keyword_duplicate" });
    seen.add(key);
  });
  if (t.objectives.length === 0 && t.keywords.length === 0) problems.push({ field: "objectives", code: "template_empty" });
  t.sbiSections.forEach((s, i) => {
    if (!knownSections.includes(s)) problems.push({ field: `sbiSections/${i}`, code: "sbi_section_unknown" });
  });
  return problems;
}

/** The things to bring (steps 7–8) until the company sets its own list. */
export const DEFAULT_CHECKLIST: readonly string[] = ["Visitekaartjes", "Schrijfmateriaal", "Brochures", "Offerteformulier"];
