// Contact persons of a demo relation: Dutch names (with infix and initials), a job title that fits
// the kind of organisation, the DMU roles that title usually holds, and contact details.
import type { DmuRole } from "../../domain/dmu.js";
import { type Gender, normalizeInitials, personSortKey } from "../../domain/person-name.js";
import { normalizeKey } from "../../domain/text.js";
import type { Staff } from "./industries.js";
import { FEMALE_FIRST, MALE_FIRST, NEUTRAL_FIRST, SURNAMES } from "./names.js";
import type { Random } from "./prng.js";

type Job = readonly [title: string, department: string | null, roles: readonly DmuRole[]];

const FACILITY: Job = ["Facilitair manager", "Facilitaire zaken", ["decider", "buyer"]];
const OFFICE_MANAGER: Job = ["Office manager", "Facilitaire zaken", ["user", "gatekeeper"]];
const RECEPTION: Job = ["Receptioniste", "Receptie", ["gatekeeper"]];
const BUYER: Job = ["Inkoper", "Inkoop", ["buyer"]];
const CONTROLLER: Job = ["Controller", "Financiën", ["influencer"]];

/**
 * Job titles per kind of organisation, by the position of the person at the relation: the first
 * person is who decides, the second who buys or runs the facilities, the third who answers the
 * phone, the fourth who uses the service or has a say in it.
 */
const JOBS: Record<Staff, readonly (readonly Job[])[]> = {
  office: [
    [["Directeur", "Directie", ["decider"]], ["Algemeen directeur", "Directie", ["decider"]], FACILITY, ["Managing partner", "Directie", ["decider"]]],
    [FACILITY, OFFICE_MANAGER, BUYER, ["Hoofd facilitaire dienst", "Facilitaire zaken", ["decider", "buyer"]]],
    [RECEPTION, ["Managementassistent", "Directie", ["gatekeeper"]], OFFICE_MANAGER],
    [CONTROLLER, ["HR-manager", "HR", ["influencer"]], ["Preventiemedewerker", null, ["influencer", "initiator"]], ["Medewerker facilitaire zaken", "Facilitaire zaken", ["user"]]],
  ],
  legal: [
    [["Managing partner", "Directie", ["decider"]], ["Notaris", null, ["decider"]]],
    [["Kantoormanager", "Bedrijfsvoering", ["decider", "buyer"]], OFFICE_MANAGER],
    [["Secretaresse", "Secretariaat", ["gatekeeper"]], RECEPTION],
    [["Advocaat", null, ["user"]], CONTROLLER],
  ],
  care: [
    [["Bestuurder", "Raad van Bestuur", ["decider"]], ["Locatiemanager", "Management", ["decider"]], ["Praktijkhouder", null, ["decider"]]],
    [["Manager bedrijfsvoering", "Bedrijfsvoering", ["decider", "buyer"]], ["Hoofd facilitair bedrijf", "Facilitair bedrijf", ["decider", "buyer"]], ["Praktijkmanager", null, ["buyer", "user"]]],
    [["Medewerker receptie", "Receptie", ["gatekeeper"]], ["Secretaresse", "Secretariaat", ["gatekeeper"]]],
    [["Deskundige infectiepreventie", "Kwaliteit", ["influencer"]], ["Teamleider facilitair", "Facilitair bedrijf", ["user", "initiator"]], ["Teamleider zorg", null, ["user"]]],
  ],
  school: [
    [["Directeur", "Directie", ["decider"]], ["Rector", "Directie", ["decider"]], ["Directeur-bestuurder", "Bestuur", ["decider"]]],
    [["Manager bedrijfsvoering", "Bedrijfsvoering", ["decider", "buyer"]], ["Hoofd facilitaire dienst", "Facilitaire dienst", ["buyer"]]],
    [["Administratief medewerker", "Administratie", ["gatekeeper"]], ["Conciërge", "Facilitaire dienst", ["user", "gatekeeper"]]],
    [["Conciërge", "Facilitaire dienst", ["user", "initiator"]], ["Preventiemedewerker", null, ["influencer"]]],
  ],
  government: [
    [["Teamleider facilitaire zaken", "Facilitaire zaken", ["decider"]], ["Afdelingshoofd bedrijfsvoering", "Bedrijfsvoering", ["decider"]]],
    [["Inkoopadviseur", "Inkoop", ["buyer"]], ["Contractmanager", "Inkoop", ["buyer", "influencer"]]],
    [["Medewerker servicedesk", "Facilitaire zaken", ["gatekeeper"]], RECEPTION],
    [["Huismeester", "Facilitaire zaken", ["user", "initiator"]], ["Adviseur duurzaamheid", null, ["influencer"]]],
  ],
  hospitality: [
    [["Eigenaar", null, ["decider", "buyer"]], ["Algemeen manager", "Directie", ["decider"]], ["Hotelmanager", "Directie", ["decider"]]],
    [["Bedrijfsleider", null, ["buyer", "user"]], ["Executive housekeeper", "Housekeeping", ["user", "influencer"]]],
    [["Medewerker front office", "Receptie", ["gatekeeper"]]],
    [["Chef-kok", "Keuken", ["user"]], ["Teamleider housekeeping", "Housekeeping", ["user", "initiator"]]],
  ],
  industry: [
    [["Directeur", "Directie", ["decider"]], ["Vestigingsmanager", "Directie", ["decider"]], ["Plantmanager", "Productie", ["decider"]]],
    [BUYER, ["Manager facilitaire zaken", "Facilitaire zaken", ["decider", "buyer"]], ["Hoofd inkoop", "Inkoop", ["buyer"]]],
    [RECEPTION, ["Managementassistent", "Directie", ["gatekeeper"]]],
    [["KAM-coördinator", "Kwaliteit", ["influencer", "initiator"]], ["Productieleider", "Productie", ["user"]], ["Hoofd technische dienst", "Technische dienst", ["user"]]],
  ],
  retail: [
    [["Eigenaar", null, ["decider", "buyer"]], ["Filiaalmanager", null, ["decider"]], ["Vestigingsmanager", null, ["decider"]]],
    [["Bedrijfsleider", null, ["buyer", "user"]], ["Assistent-filiaalmanager", null, ["user"]]],
    [["Medewerker administratie", "Administratie", ["gatekeeper"]]],
    [["Medewerker winkel", null, ["user"]]],
  ],
  advisor: [
    [["Senior adviseur huisvesting", null, ["influencer"]], ["Eigenaar", null, ["influencer"]]],
    [["Adviseur facilitaire contracten", null, ["influencer"]]],
    [["Office manager", null, ["gatekeeper"]]],
    [["Junior adviseur", null, ["influencer"]]],
  ],
};

/** Titles by kind of organisation, used for about one person in twelve. */
const TITLES: Record<Staff, readonly string[]> = {
  office: ["drs.", "ir.", "ing.", "mr."],
  legal: ["mr."],
  care: ["dr.", "drs."],
  school: ["drs.", "dr."],
  government: ["drs.", "mr.", "ing."],
  hospitality: ["ing."],
  industry: ["ing.", "ir."],
  retail: ["ing."],
  advisor: ["ir.", "ing."],
};

const GENDER_MIX = [["m", 48], ["v", 48], ["x", 4]] as const;

/** normalizeKey of the few hundred name parts, remembered (it runs for every person). */
const keys = new Map<string, string>();
function key(text: string): string {
  let k = keys.get(text);
  if (k === undefined) {
    k = normalizeKey(text).replace(/ /g, "");
    keys.set(text, k);
  }
  return k;
}

const EXTRA_INITIALS = ["J", "M", "A", "H", "P", "C", "W", "G", "E"] as const;

export interface DemoPerson {
  first_name: string;
  initials: string;
  infix: string | null;
  last_name: string;
  sort_key: string;
  gender: Gender;
  title: string | null;
  job_title: string;
  department: string | null;
  phone_direct: string | null;
  phone_mobile: string | null;
  email: string;
  linkedin_url: string | null;
  active: number;
  left_on: string | null;
  roles: readonly DmuRole[];
}

export function mobileNumber(r: Random): string {
  return `06 ${r.int(1, 6)}${r.digits(7)}`;
}

/** A landline number with its area code: "030 123 4567" or "0546 123 456" (ten digits in all). */
export function landline(r: Random, areaCode: string): string {
  const rest = 10 - areaCode.length;
  const subscriber = `${r.int(2, 9)}${r.digits(rest - 1)}`;
  return `${areaCode} ${subscriber.slice(0, 3)} ${subscriber.slice(3)}`;
}

const DAY_MS = 86_400_000;

/** `nowMs` is the seeding moment (epoch ms): a person who left did so 1–24 months before it. */
export function makePerson(r: Random, staff: Staff, position: number, domain: string, areaCode: string, nowMs: number): DemoPerson {
  const gender: Gender = r.weighted(GENDER_MIX);
  const first = r.pick(gender === "m" ? MALE_FIRST : gender === "v" ? FEMALE_FIRST : NEUTRAL_FIRST);
  const [infix, last] = r.pick(SURNAMES);
  const initials = normalizeInitials(r.chance(0.3) ? `${first.charAt(0)}${r.pick(EXTRA_INITIALS)}` : first.charAt(0));
  const options = JOBS[staff][Math.min(position, 3)] as readonly Job[];
  const [job_title, department, roles] = r.pick(options);
  const localPart = `${key(first)}.${key(`${infix ?? ""}${last}`)}`;
  const active = r.chance(0.95);
  return {
    first_name: first,
    initials,
    infix,
    last_name: last,
    sort_key: personSortKey({ firstName: first, initials, infix, lastName: last, gender, title: null }),
    gender,
    title: r.chance(1 / 12) ? r.pick(TITLES[staff]) : null,
    job_title,
    department,
    phone_direct: r.chance(0.5) ? landline(r, areaCode) : null,
    phone_mobile: r.chance(0.6) ? mobileNumber(r) : null,
    email: `${r.chance(0.3) ? localPart.replace(/^[^.]+/, (f) => f.charAt(0)) : localPart}@${domain}`,
    linkedin_url: r.chance(0.3) ? `https://www.linkedin.com/in/${localPart.replace(/\./g, "-")}-${r.digits(4)}` : null,
    active: active ? 1 : 0,
    left_on: active ? null : new Date(nowMs - r.int(30, 730) * DAY_MS).toISOString().slice(0, 10),
    roles,
  };
}
