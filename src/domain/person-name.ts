// Dutch person names: initials, infix (tussenvoegsel), titles, salutations and sort order.
// "De heer ir. J. van der Berg" sorts under B: the infix is not part of the sort key.
import { normalizeKey } from "./text.js";

/** Dutch forms ask m/v/x: man, vrouw, x (non-binary or unknown). */
export const GENDERS = ["m", "v", "x"] as const;
export type Gender = (typeof GENDERS)[number];

export interface PersonName {
  firstName: string | null;
  initials: string | null;
  infix: string | null;
  lastName: string;
  gender: Gender;
  title: string | null;
}

/** Academic and professional titles written before the name, in their Dutch spelling. */
const TITLES_BEFORE = ["prof.", "dr.", "drs.", "mr.", "ir.", "ing.", "bc.", "ds."] as const;
/** Titles written after the name (international degrees and registered titles). */
const TITLES_AFTER = ["MSc", "MA", "BSc", "BA", "MBA", "PhD", "LLM", "LLB", "RA", "RC", "AA"] as const;

/** "Ir" → "ir.", "msc" → "MSc"; "dr. ir." → "dr. ir."; unknown titles are kept as typed. */
export function normalizeTitle(input: string): string {
  return input
    .trim()
    .split(/\s+/)
    .filter((part) => part !== "")
    .map((part) => {
      const bare = part.replace(/\.$/, "").toLowerCase();
      const before = TITLES_BEFORE.find((t) => t === `${bare}.`);
      if (before) return before;
      return TITLES_AFTER.find((t) => t.toLowerCase() === bare) ?? part;
    })
    .join(" ");
}

function splitTitle(title: string | null): { before: string; after: string } {
  if (!title) return { before: "", after: "" };
  const parts = normalizeTitle(title).split(" ");
  const after = parts.filter((p) => (TITLES_AFTER as readonly string[]).includes(p));
  return { before: parts.filter((p) => !after.includes(p)).join(" "), after: after.join(" ") };
}

/** "jp" → "J.P.", "J. P." → "J.P.", "th.j" → "Th.J." (multi-letter initials keep their case). */
export function normalizeInitials(input: string): string {
  const trimmed = input.trim();
  if (trimmed === "") return "";
  const chunks = /[.\s]/.test(trimmed) ? trimmed.split(/[.\s]+/).filter((c) => c !== "") : [...trimmed.replace(/-/g, "")];
  return chunks.map((c) => `${c.charAt(0).toUpperCase()}${c.slice(1).toLowerCase()}.`).join("");
}

/** Infixes are written in lower case after a first name or initials: "Van Der" → "van der". */
export function normalizeInfix(input: string): string {
  return input.trim().replace(/\s+/g, " ").toLowerCase();
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The initials to show: typed initials, else the first letter of the first name. */
function initialsOf(p: PersonName): string {
  if (p.initials && p.initials.trim() !== "") return normalizeInitials(p.initials);
  if (p.firstName && p.firstName.trim() !== "") return `${p.firstName.trim().charAt(0).toUpperCase()}.`;
  return "";
}

/** Surname with its infix as it stands after a first name: "van der Berg". */
export function surname(p: PersonName): string {
  return [p.infix ? normalizeInfix(p.infix) : "", p.lastName.trim()].filter((s) => s !== "").join(" ");
}

/** Surname standing alone, as in a salutation: the infix is capitalised ("Van der Berg"). */
export function surnameAlone(p: PersonName): string {
  return capitalizeFirst(surname(p));
}

/** The name in lists: "Jan van der Berg", or "J. van der Berg" when the first name is unknown. */
export function displayName(p: PersonName): string {
  const given = p.firstName && p.firstName.trim() !== "" ? p.firstName.trim() : initialsOf(p);
  return [given, surname(p)].filter((s) => s !== "").join(" ");
}

/** Address line of a letter or envelope: "De heer ir. J. van der Berg MSc". */
export function formalName(p: PersonName, locale: "nl" | "en" = "nl"): string {
  const { before, after } = splitTitle(p.title);
  const prefix = { nl: { m: "De heer", v: "Mevrouw", x: "" }, en: { m: "Mr", v: "Ms", x: "" } }[locale][p.gender];
  return [prefix, before, initialsOf(p), surname(p), after].filter((s) => s !== "").join(" ");
}

/** Opening of a letter: "Geachte heer Van der Berg," — gender x gets initials and full surname. */
export function salutation(p: PersonName, locale: "nl" | "en" = "nl"): string {
  if (locale === "en") {
    if (p.gender === "x") return `Dear ${[initialsOf(p), surname(p)].filter((s) => s !== "").join(" ")},`;
    return `Dear ${p.gender === "m" ? "Mr" : "Ms"} ${surnameAlone(p)},`;
  }
  if (p.gender === "x") return `Geachte ${[initialsOf(p), surname(p)].filter((s) => s !== "").join(" ")},`;
  return `Geachte ${p.gender === "m" ? "heer" : "mevrouw"} ${surnameAlone(p)},`;
}

/** Sort key: last name without infix, then infix, then first name or initials. */
export function personSortKey(p: PersonName): string {
  return normalizeKey([p.lastName, p.infix ?? "", p.firstName ?? p.initials ?? ""].join(" "));
}
