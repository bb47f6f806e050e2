// The objective and keyword templates a sheet starts from (DOMAIN.md: internal objectives of a first
// visit with their note keywords, the external objective said at the start, the questions of a first
// visit as keywords). Shipped: a general template and the cleaning-services template; texts are
// Dutch because they are what the rep reads in the visit. Plain data, no I/O.
import type { VisitType } from "./agenda.js";
import type { ObjectiveKind } from "./visit-preparation.js";

export interface TemplateObjective {
  kind: ObjectiveKind;
  text: string;
  keyword: string | null;
}

export interface VisitTemplate {
  id: string;
  /** Dutch and English names for the picker. */
  name: { nl: string; en: string };
  /** Visit types it is meant for (empty: every type). */
  visitTypes: readonly VisitType[];
  objectives: readonly TemplateObjective[];
  /** Keywords of the external objective and the prepared questions, ticked during the visit. */
  keywords: readonly string[];
}

export const VISIT_TEMPLATES: readonly VisitTemplate[] = [
  {
    id: "general",
    name: { nl: "Algemeen", en: "General" },
    visitTypes: [],
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
    objectives: [
      {
        kind: "external",
        text: "Ons bedrijf en onze diensten voorstellen, meer leren over uw bedrijf en uw wensen en behoeften voor de schoonmaak inventariseren, zodat ik onze oplossingen kan voorstellen",
        keyword: null,
      },
      { kind: "internal", text: "Volledige NAW van de DMU en toestemming om te mailen", keyword: "NAW, @" },
      { kind: "internal", text: "Wie zitten er in de DMU", keyword: "DMU" },
      { kind: "internal", text: "Huidige leverancier", keyword: "lev" },
      { kind: "internal", text: "Omvang van het werk: m² en frequentie", keyword: "m2 / freq" },
      { kind: "internal", text: "Prijs van de concurrent", keyword: "€ conc" },
      { kind: "internal", text: "Einddatum van het huidige contract", keyword: "afl. contr." },
      { kind: "internal", text: "Afspraak voor een prijsvoorstel twee maanden voor het einde van het contract", keyword: "nw. contract" },
      { kind: "internal", text: "Verkoopkans ingeschat", keyword: "vk%" },
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

export function templateById(id: string): VisitTemplate | undefined {
  return VISIT_TEMPLATES.find((t) => t.id === id);
}

/** Templates proposed for a new sheet: the general one, and those meant for this visit type. */
export function proposedTemplates(visitType: VisitType): string[] {
  return VISIT_TEMPLATES.filter((t) => t.id === "general" || t.visitTypes.includes(visitType)).map((t) => t.id);
}

/**
 * Objectives and keywords of the chosen templates, in order, each keyword once (case-insensitive);
 * one external objective at most (the first template's).
 */
export function fromTemplates(ids: readonly string[]): { objectives: TemplateObjective[]; keywords: string[] } {
  const objectives: TemplateObjective[] = [];
  const keywords: string[] = [];
  const seen = new Set<string>();
  let external = false;
  for (const id of ids) {
    const t = templateById(id);
    if (!t) continue;
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

/** The things to bring (steps 7–8) until the company sets its own list. */
export const DEFAULT_CHECKLIST: readonly string[] = ["Visitekaartjes", "Schrijfmateriaal", "Brochures", "Offerteformulier"];
