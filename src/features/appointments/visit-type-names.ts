// Visit types by name, for texts the server writes itself (the calendar feed). The web app has the
// same names in its texts (web/features/agenda/i18n.*.json); a unit test keeps the two equal.
import type { VisitType } from "../../domain/agenda.js";

export const VISIT_TYPE_NAMES: Record<"nl" | "en", Record<VisitType, string>> = {
  nl: {
    first_visit: "Eerste bezoek",
    follow_up: "Vervolgbezoek",
    demo_expert: "Demonstratie (deskundige)",
    demo_layman: "Demonstratie (leek)",
    quote_discussion: "Offertebespreking",
    closing: "Afsluiting",
    after_sales: "Nazorg",
  },
  en: {
    first_visit: "First visit",
    follow_up: "Follow-up visit",
    demo_expert: "Demonstration (expert)",
    demo_layman: "Demonstration (layman)",
    quote_discussion: "Quote discussion",
    closing: "Closing",
    after_sales: "After-sales",
  },
};

export function visitTypeName(type: string, lang: "nl" | "en"): string {
  return (VISIT_TYPE_NAMES[lang] as Record<string, string>)[type] ?? type;
}
