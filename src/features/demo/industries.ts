// The kinds of organisation a cleaning supplier sells to, with fitting SBI 2025 codes, legal forms,
// name patterns, yearly revenue potential (euros) and how likely each is among Dutch relations.
// Name patterns: {S}/{T} surnames, {B} brand word, {H} house name, {P} place, {M} municipality,
// {V} province.
import type { SegmentCode } from "./company.js";

export type LegalForm = "bv" | "nv" | "vof" | "eenmanszaak" | "maatschap" | "stichting" | "vereniging" | "cooperatie" | "overheid";
/** Which set of job titles the persons of a relation get (see persons.ts). */
export type Staff = "office" | "legal" | "care" | "school" | "government" | "hospitality" | "industry" | "retail" | "advisor";

export interface Industry {
  key: string;
  segment: SegmentCode;
  weight: number;
  sbi: readonly string[];
  legal: readonly (readonly [LegalForm, number])[];
  names: readonly string[];
  /** Yearly revenue potential in euros: most near the low end, a few near the top. */
  potential: readonly [number, number];
  staff: Staff;
  /** On a business park (Industrieweg …) rather than a town street. */
  businessPark?: boolean;
  /** Chains: the group's own name and how its branches are named. */
  group?: { parent: string; branch: string; chance: number };
  kind?: "influencer";
}

const BV = [["bv", 1]] as const;

export const INDUSTRIES: readonly Industry[] = [
  { key: "accountancy", segment: "kantoren", weight: 5, sbi: ["69201", "69202", "69204"], legal: [["bv", 3], ["maatschap", 1]], names: ["Accountantskantoor {S}", "{S} Accountants", "{S} & {T} Accountants en Adviseurs", "{B} Accountancy"], potential: [3_000, 60_000], staff: "office" },
  { key: "legal", segment: "kantoren", weight: 3, sbi: ["69101", "69103"], legal: [["maatschap", 2], ["bv", 2]], names: ["{S} Advocaten", "Advocatenkantoor {S} & {T}", "Notariskantoor {S}", "{S} {T} Notarissen"], potential: [3_000, 80_000], staff: "legal" },
  { key: "it", segment: "kantoren", weight: 5, sbi: ["62100", "62200", "62900"], legal: BV, names: ["{B} IT", "{B} Software", "{B} ICT Services", "{B} Digital"], potential: [4_000, 120_000], staff: "office" },
  { key: "consultancy", segment: "kantoren", weight: 3, sbi: ["70201", "70202"], legal: BV, names: ["{B} Consultancy", "{S} Organisatieadvies", "{B} Management Partners"], potential: [3_000, 40_000], staff: "office" },
  { key: "insurance", segment: "kantoren", weight: 3, sbi: ["66220", "65121", "66300", "64194"], legal: [["bv", 4], ["nv", 1]], names: ["{B} Verzekeringen", "Assurantiekantoor {S}", "{B} Vermogensbeheer", "{B} Bank"], potential: [4_000, 400_000], staff: "office" },
  { key: "staffing", segment: "kantoren", weight: 2, sbi: ["78201", "78202"], legal: BV, names: ["{B} Uitzendbureau", "{B} Personeelsdiensten", "Uitzendbureau {P}"], potential: [3_000, 40_000], staff: "office", group: { parent: "{B} Uitzendgroep", branch: "{base} {P}", chance: 0.08 } },
  { key: "engineering", segment: "kantoren", weight: 2, sbi: ["71120", "71111"], legal: BV, names: ["Ingenieursbureau {S}", "Architectenbureau {S}", "{B} Engineering"], potential: [3_000, 60_000], staff: "office" },
  { key: "real-estate", segment: "kantoren", weight: 2, sbi: ["68203", "70102", "68201"], legal: [["bv", 3], ["stichting", 1]], names: ["{B} Vastgoed", "{B} Holding", "Woningcorporatie {B}", "Bedrijvencentrum {B}"], potential: [10_000, 300_000], staff: "office" },
  { key: "callcenter", segment: "kantoren", weight: 1, sbi: ["82200"], legal: BV, names: ["{B} Klantcontact", "{B} Contact Center"], potential: [15_000, 150_000], staff: "office" },
  { key: "advisor", segment: "kantoren", weight: 1.5, sbi: ["70202"], legal: BV, names: ["Facilitair Adviesbureau {S}", "{B} Facility Consultants", "{S} Huisvestingsadvies"], potential: [1_000, 5_000], staff: "advisor", kind: "influencer" },

  { key: "nursing-home", segment: "zorg", weight: 4, sbi: ["87100", "87302"], legal: [["stichting", 1]], names: ["Zorgcentrum {H}", "Woonzorgcentrum {H}", "Verpleeghuis {H}"], potential: [40_000, 450_000], staff: "care", group: { parent: "Zorggroep {B}", branch: "{base}, locatie {H}", chance: 0.25 } },
  { key: "hospital", segment: "zorg", weight: 0.4, sbi: ["86102", "86101"], legal: [["stichting", 1]], names: ["{B} Ziekenhuis", "Ziekenhuis {P}", "Medisch Centrum {P}"], potential: [400_000, 3_000_000], staff: "care" },
  { key: "gp", segment: "zorg", weight: 3, sbi: ["86210"], legal: [["maatschap", 2], ["bv", 1]], names: ["Huisartsenpraktijk {S}", "Gezondheidscentrum {H}", "Huisartsen {P}"], potential: [2_000, 25_000], staff: "care" },
  { key: "dental", segment: "zorg", weight: 2, sbi: ["86230"], legal: [["bv", 1], ["maatschap", 1]], names: ["Tandartspraktijk {P}", "Mondzorg {B}", "Tandartsen {S}"], potential: [2_000, 15_000], staff: "care" },
  { key: "physio", segment: "zorg", weight: 2, sbi: ["86950"], legal: [["bv", 1], ["vof", 1]], names: ["Fysiotherapie {P}", "{B} Fysio", "Fysiotherapie {S}"], potential: [1_500, 12_000], staff: "care" },
  { key: "disability-care", segment: "zorg", weight: 1, sbi: ["87201", "88103"], legal: [["stichting", 1]], names: ["Stichting {B}", "{B} Zorg", "Woonvoorziening {H}"], potential: [30_000, 300_000], staff: "care" },
  { key: "childcare", segment: "zorg", weight: 2, sbi: ["88910"], legal: [["bv", 1], ["stichting", 1]], names: ["Kinderopvang {H}", "Kinderdagverblijf {H}", "BSO {H}"], potential: [3_000, 30_000], staff: "care", group: { parent: "{B} Kinderopvang", branch: "{base}, {H}", chance: 0.1 } },
  { key: "home-care", segment: "zorg", weight: 1, sbi: ["86942"], legal: [["stichting", 1]], names: ["Thuiszorg {B}", "Wijkverpleging {P}"], potential: [5_000, 50_000], staff: "care" },

  { key: "primary-school", segment: "onderwijs", weight: 4, sbi: ["85201", "85203"], legal: [["stichting", 1]], names: ["Basisschool {H}", "OBS {H}", "CBS {H}", "Openbare Basisschool {H}"], potential: [4_000, 30_000], staff: "school", group: { parent: "Stichting {B} Onderwijs", branch: "{base} {H}", chance: 0.1 } },
  { key: "secondary-school", segment: "onderwijs", weight: 1.5, sbi: ["85311", "85312"], legal: [["stichting", 1]], names: ["{P} College", "{B} Lyceum", "Scholengemeenschap {H}"], potential: [30_000, 220_000], staff: "school" },
  { key: "vocational", segment: "onderwijs", weight: 0.4, sbi: ["85320"], legal: [["stichting", 1]], names: ["ROC {B}", "{B} College"], potential: [100_000, 700_000], staff: "school" },
  { key: "higher-education", segment: "onderwijs", weight: 0.2, sbi: ["85401", "85402"], legal: [["stichting", 1]], names: ["Hogeschool {P}", "Hogeschool {B}"], potential: [200_000, 1_500_000], staff: "school" },
  { key: "training", segment: "onderwijs", weight: 1, sbi: ["85591"], legal: BV, names: ["{B} Opleidingen", "Trainingscentrum {B}"], potential: [3_000, 25_000], staff: "office" },

  { key: "municipality", segment: "overheid", weight: 0.8, sbi: ["84110"], legal: [["overheid", 1]], names: ["Gemeente {M}"], potential: [60_000, 900_000], staff: "government" },
  { key: "public-body", segment: "overheid", weight: 0.7, sbi: ["84130", "84240", "84121"], legal: [["overheid", 1]], names: ["Waterschap {B}", "Veiligheidsregio {V}", "Omgevingsdienst {B}", "Belastingkantoor {P}"], potential: [30_000, 250_000], staff: "government" },

  { key: "hotel", segment: "horeca", weight: 2.5, sbi: ["55101", "55102"], legal: [["bv", 3], ["vof", 1]], names: ["Hotel {B}", "Hotel {P}", "{B} Hotel & Spa", "Hotel-Restaurant {H}"], potential: [8_000, 250_000], staff: "hospitality", group: { parent: "{B} Hotels", branch: "{base} {P}", chance: 0.08 } },
  { key: "restaurant", segment: "horeca", weight: 4, sbi: ["56111", "56112"], legal: [["vof", 2], ["bv", 2], ["eenmanszaak", 1]], names: ["Restaurant {H}", "Eetcafé {H}", "Brasserie {B}", "Pannenkoekenhuis {H}"], potential: [1_500, 15_000], staff: "hospitality" },
  { key: "cafe", segment: "horeca", weight: 2, sbi: ["56300"], legal: [["vof", 2], ["eenmanszaak", 1]], names: ["Café {H}", "Grand Café {B}"], potential: [1_500, 10_000], staff: "hospitality" },
  { key: "events", segment: "horeca", weight: 1, sbi: ["56210", "82300"], legal: BV, names: ["Partycentrum {B}", "{B} Evenementen", "Congrescentrum {B}"], potential: [5_000, 80_000], staff: "hospitality" },
  { key: "recreation", segment: "horeca", weight: 1, sbi: ["55300", "55201"], legal: [["bv", 1], ["vof", 1]], names: ["Camping {H}", "Vakantiepark {B}", "Recreatiepark {H}"], potential: [8_000, 90_000], staff: "hospitality" },
  { key: "sports", segment: "horeca", weight: 2, sbi: ["93112", "93111", "93130"], legal: [["bv", 2], ["stichting", 1], ["vereniging", 1]], names: ["Sportcentrum {B}", "Zwembad {H}", "Fitness {B}", "Sporthal {H}"], potential: [5_000, 70_000], staff: "hospitality" },

  { key: "metal", segment: "industrie", weight: 3, sbi: ["25110", "25620"], legal: BV, names: ["{S} Metaalbewerking", "{B} Staalbouw", "Constructiebedrijf {S}"], potential: [8_000, 90_000], staff: "industry", businessPark: true },
  { key: "plastics", segment: "industrie", weight: 1.5, sbi: ["22220"], legal: BV, names: ["{B} Kunststoffen", "{S} Verpakkingen"], potential: [10_000, 120_000], staff: "industry", businessPark: true },
  { key: "food", segment: "industrie", weight: 3, sbi: ["10710", "10850", "10510", "10130"], legal: [["bv", 4], ["cooperatie", 1]], names: ["Bakkerij {S}", "{B} Food", "{B} Zuivel", "Vleeswarenfabriek {S}"], potential: [10_000, 200_000], staff: "industry", businessPark: true },
  { key: "machines", segment: "industrie", weight: 2, sbi: ["28290", "33200"], legal: BV, names: ["{B} Machinebouw", "{S} Techniek"], potential: [8_000, 100_000], staff: "industry", businessPark: true },
  { key: "construction", segment: "industrie", weight: 3, sbi: ["41000", "43222", "43212"], legal: BV, names: ["Bouwbedrijf {S}", "{S} Installatietechniek", "Aannemersbedrijf {S}"], potential: [3_000, 40_000], staff: "industry", businessPark: true },
  { key: "printing", segment: "industrie", weight: 1, sbi: ["18130"], legal: BV, names: ["Drukkerij {S}", "{B} Print"], potential: [4_000, 30_000], staff: "industry", businessPark: true },
  { key: "logistics", segment: "industrie", weight: 3, sbi: ["49410", "52109", "52210"], legal: BV, names: ["Transportbedrijf {S}", "{B} Logistics", "Distributiecentrum {B}"], potential: [8_000, 200_000], staff: "industry", businessPark: true, group: { parent: "{B} Logistiek Groep", branch: "{base} {P}", chance: 0.05 } },
  { key: "chemistry", segment: "industrie", weight: 0.5, sbi: ["20590", "20420"], legal: [["bv", 3], ["nv", 1]], names: ["{B} Chemie", "{B} Cosmetics"], potential: [20_000, 300_000], staff: "industry", businessPark: true },

  { key: "supermarket", segment: "detailhandel", weight: 3, sbi: ["47110"], legal: [["bv", 2], ["vof", 1]], names: ["Supermarkt {S}", "{S} Supermarkt", "Buurtsuper {H}"], potential: [5_000, 35_000], staff: "retail", group: { parent: "{B} Supermarkten", branch: "{base} {P}", chance: 0.12 } },
  { key: "car-dealer", segment: "detailhandel", weight: 3, sbi: ["47810", "95311"], legal: [["bv", 3], ["vof", 1]], names: ["Autobedrijf {S}", "{S} Auto's", "Garage {S}", "Autoschade {B}"], potential: [3_000, 30_000], staff: "retail", businessPark: true, group: { parent: "{S} Autogroep", branch: "{base} {P}", chance: 0.1 } },
  { key: "fashion", segment: "detailhandel", weight: 2, sbi: ["47713", "47711", "47712"], legal: [["bv", 1], ["eenmanszaak", 1]], names: ["{S} Mode", "Modehuis {S}", "{B} Fashion"], potential: [2_000, 15_000], staff: "retail" },
  { key: "diy", segment: "detailhandel", weight: 1, sbi: ["47527", "47521"], legal: BV, names: ["Bouwmarkt {B}", "{S} IJzerwaren"], potential: [5_000, 35_000], staff: "retail", businessPark: true },
  { key: "pharmacy", segment: "detailhandel", weight: 1.5, sbi: ["47730", "47741"], legal: [["bv", 1]], names: ["Apotheek {H}", "Apotheek {P}", "Drogisterij {S}"], potential: [2_000, 12_000], staff: "retail" },
];

/** Class thresholds in euros of yearly revenue (potential) per segment: key, A, B; below B is C. */
export const CLASS_THRESHOLDS: Record<SegmentCode, readonly [number, number, number]> = {
  kantoren: [150_000, 40_000, 12_000],
  zorg: [300_000, 100_000, 25_000],
  onderwijs: [250_000, 80_000, 20_000],
  horeca: [100_000, 35_000, 10_000],
  industrie: [150_000, 50_000, 15_000],
  overheid: [400_000, 120_000, 40_000],
  detailhandel: [60_000, 20_000, 8_000],
};

export const LEGAL_SUFFIX: Partial<Record<LegalForm, string>> = { bv: "B.V.", nv: "N.V.", vof: "V.O.F." };
