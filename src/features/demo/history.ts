// How a demo relation got where it is: the path through the lifecycle with a reason per step, and
// the account class its revenue potential gives (with the odd strategic override).
import type { AccountClass } from "../../domain/account-class.js";
import type { RelationStatus } from "../../domain/lifecycle.js";
import type { SegmentCode } from "./company.js";
import { CLASS_THRESHOLDS } from "./industries.js";
import type { Random } from "./prng.js";

/** Share of each status among customer-side relations: many suspects and prospects, ~25 % customers. */
export const STATUS_MIX: readonly (readonly [RelationStatus, number])[] = [
  ["suspect", 36],
  ["prospect", 28],
  ["customer", 25],
  ["former_customer", 8],
  ["dead", 3],
];

/** The statuses a relation passed through, in order, ending in `status`. */
export function statusPath(r: Random, status: RelationStatus): RelationStatus[] {
  const toCustomer = (): RelationStatus[] =>
    r.weighted<RelationStatus[]>([[["suspect", "prospect", "customer"], 60], [["prospect", "customer"], 25], [["suspect", "customer"], 15]]);
  switch (status) {
    case "suspect":
      return ["suspect"];
    case "prospect":
      return r.chance(0.7) ? ["suspect", "prospect"] : ["prospect"];
    case "customer":
      return toCustomer();
    case "former_customer":
      return [...toCustomer(), "former_customer"];
    case "dead":
      return r.weighted<RelationStatus[]>([[["suspect", "dead"], 50], [["suspect", "prospect", "dead"], 30], [["suspect", "prospect", "customer", "dead"], 20]]);
  }
}

const REASONS: Record<RelationStatus | "created", readonly string[]> = {
  created: ["Uit gekocht adresbestand", "Na beursbezoek Facility Event", "Tip van bestaande klant", "Via websiteformulier", "Eigen speurwerk in de regio"],
  suspect: ["Teruggezet na herbeoordeling"],
  prospect: ["Eerste gesprek gevoerd, behoefte aan een offerte", "Telefonisch contact: contract met huidige leverancier loopt af", "Bezoek gehad, interesse in glasbewassing en sanitair", "DMU in kaart, vervolgafspraak gemaakt"],
  customer: ["Offerte geaccepteerd, contract getekend", "Proefperiode omgezet in jaarcontract", "Opdracht voor dagelijkse schoonmaak ontvangen", "Aanbesteding gewonnen"],
  former_customer: ["Contract niet verlengd", "Geen afname meer in 12 maanden", "Overgestapt naar concurrent na aanbesteding", "Pand verlaten, nieuwe locatie buiten ons gebied"],
  dead: ["Failliet verklaard", "Slechte betaler: twee keer naar incasso", "Geen potentie na onderzoek: eigen schoonmaakdienst", "Vestiging gesloten", "Wil niet benaderd worden"],
};

/** Reason of a step; the first step of a path gets a "created because" reason. */
export function reasonFor(r: Random, to: RelationStatus, first: boolean): string {
  return first ? `Aangemaakt: ${r.pick(REASONS.created).toLowerCase()}` : r.pick(REASONS[to]);
}

/** The class a yearly revenue potential (euros) gives in a segment. */
export function classFor(segment: SegmentCode, euros: number): AccountClass {
  const [key, a, b] = CLASS_THRESHOLDS[segment];
  return euros >= key ? "key" : euros >= a ? "A" : euros >= b ? "B" : "C";
}

export const OVERRIDE_REASONS = [
  "Referentieklant voor de zorgsector: veeleisend en goed voor onze naam",
  "Landelijke uitstraling; opstap naar de andere locaties van de groep",
  "Strategisch: eerste klant met onze groene schoonmaak, gebruikt in elke offerte",
  "Directie kent onze directie; verlies zou in de hele regio opvallen",
] as const;

export const CLASS_REASON = "Indeling op omzetpotentieel";

/** Free notes a rep keeps on a relation. */
export const NOTES = [
  "Ontvangst via de achteringang; sleutel ligt bij de receptie.",
  "Let op: parkeren alleen op het terrein achter het gebouw.",
  "Wil offertes per post én per e-mail.",
  "Facturen naar het centrale crediteurenadres in de groep.",
  "Contactpersoon is op woensdag vrij.",
  "Hecht veel waarde aan duurzame schoonmaakmiddelen (MVO-beleid).",
  "Bezoek bij voorkeur na 10:00 uur.",
  "Vorige leverancier had veel personeelswisselingen; vaste ploeg is een eis.",
] as const;
