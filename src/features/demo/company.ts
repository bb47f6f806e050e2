// The demo company: Glansrijk Facilitaire Diensten B.V. in Utrecht, a supplier of office and
// building cleaning. Its rayons, its people (with their fixed demo passwords, printed on start)
// and its market segments. Everything here is the same at every --size.
import type { Role } from "../../domain/roles.js";

export const COMPANY = { name: "Glansrijk Facilitaire Diensten B.V.", city: "Utrecht", domain: "glansrijk.nl" } as const;

/** The one password of every demo user: short enough to type from a printed sheet. */
export const DEMO_PASSWORD = "koers-demo";

export const RAYONS = [
  { name: "Noord", provinces: ["Groningen", "Fryslân", "Drenthe", "Overijssel"] },
  { name: "Oost", provinces: ["Gelderland", "Flevoland"] },
  { name: "Midden", provinces: ["Utrecht", "Noord-Holland"] },
  { name: "West", provinces: ["Zuid-Holland"] },
  { name: "Zuid", provinces: ["Noord-Brabant", "Limburg", "Zeeland"] },
] as const;
export type RayonName = (typeof RAYONS)[number]["name"];

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  profitResponsible?: boolean;
  rayons: RayonName[];
  /** Home address (rayon planning starts and ends the day here): a real postcode in the rayon. */
  homePostcode: string;
  homeCity: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "admin@glansrijk.nl", name: "Sanne de Graaf", role: "admin", rayons: [], homePostcode: "3511 AK", homeCity: "Utrecht" },
  { email: "manager@glansrijk.nl", name: "Marco Verhoeven", role: "sales_manager", profitResponsible: true, rayons: [], homePostcode: "3523 BD", homeCity: "Utrecht" },
  { email: "noord@glansrijk.nl", name: "Jeroen Dijkstra", role: "field_sales", rayons: ["Noord"], homePostcode: "9401 HL", homeCity: "Assen" },
  { email: "oost@glansrijk.nl", name: "Linda Hendriks", role: "field_sales", rayons: ["Oost"], homePostcode: "7311 KB", homeCity: "Apeldoorn" },
  { email: "midden@glansrijk.nl", name: "Bas van Leeuwen", role: "field_sales", rayons: ["Midden"], homePostcode: "1211 BX", homeCity: "Hilversum" },
  { email: "west@glansrijk.nl", name: "Fatima el Amrani", role: "field_sales", rayons: ["West"], homePostcode: "2801 JG", homeCity: "Gouda" },
  { email: "zuid@glansrijk.nl", name: "Thijs van den Heuvel", role: "field_sales", rayons: ["Zuid"], homePostcode: "5211 VE", homeCity: "'s-Hertogenbosch" },
  { email: "binnendienst1@glansrijk.nl", name: "Eva Mulder", role: "inside_sales", rayons: ["Noord", "Oost", "Midden"], homePostcode: "3512 JE", homeCity: "Utrecht" },
  { email: "binnendienst2@glansrijk.nl", name: "Kevin Bos", role: "inside_sales", rayons: ["West", "Zuid"], homePostcode: "3521 AZ", homeCity: "Utrecht" },
  { email: "marketing@glansrijk.nl", name: "Iris Janssen", role: "marketing", rayons: [], homePostcode: "3811 CP", homeCity: "Amersfoort" },
  { email: "inkoop@glansrijk.nl", name: "Ruud Smit", role: "purchasing", rayons: [], homePostcode: "3812 EA", homeCity: "Amersfoort" },
];

/** Market segments of the demo: class thresholds and visit norms later depend on them. */
export const SEGMENTS = [
  { code: "kantoren", name: "Kantoren en zakelijke dienstverlening" },
  { code: "zorg", name: "Zorg en welzijn" },
  { code: "onderwijs", name: "Onderwijs" },
  { code: "horeca", name: "Horeca en recreatie" },
  { code: "industrie", name: "Industrie en logistiek" },
  { code: "overheid", name: "Overheid" },
  { code: "detailhandel", name: "Detailhandel" },
] as const;
export type SegmentCode = (typeof SEGMENTS)[number]["code"];

/** Other cleaning companies (fictional) that relations buy from now. */
export const COMPETITORS = [
  "Schoonmaakbedrijf Helder & Co",
  "Puurschoon Facilitair",
  "Vlekvrij Schoonmaakdiensten",
  "SchoonGroep Nederland",
  "Bright Cleaning Services",
  "Stofvrij B.V.",
  "Glashelder Glazenwassers",
  "Reinhart Facilitaire Groep",
  "De Blinkende Bezem",
  "Hygiënix",
  "eigen schoonmaakdienst",
] as const;

/** What a cleaning customer can buy: the product interests of relations. */
export const SERVICES = [
  "Dagelijkse schoonmaak",
  "Glasbewassing",
  "Sanitaire voorzieningen",
  "Vloeronderhoud",
  "Hygiënemiddelen en dispensers",
  "Gevelreiniging",
  "Bouwoplevering",
  "Desinfectie",
  "Tapijtreiniging",
  "Groene schoonmaak",
] as const;
