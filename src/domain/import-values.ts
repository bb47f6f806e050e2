// Cell values of relation and person imports as other CRMs and Excel lists write them, and the keys
// an import matches on (DOMAIN.md: match on KvK number, else normalised name + postcode; persons
// within their relation on e-mail, else name). Pure: every parser returns a Result with a field code.
import { isIsoDate } from "./calendar.js";
import type { RelationStatus } from "./lifecycle.js";
import type { Gender } from "./person-name.js";
import { type Result, err, ok } from "./result.js";
import { normalizeKey } from "./text.js";

const STATUS_WORDS: Record<string, RelationStatus> = {
  suspect: "suspect",
  prospect: "prospect",
  klant: "customer",
  customer: "customer",
  client: "customer",
  oudklant: "former_customer",
  exklant: "former_customer",
  voormaligeklant: "former_customer",
  formercustomer: "former_customer",
  former: "former_customer",
  dood: "dead",
  dead: "dead",
  nietbenaderen: "dead",
  donotcontact: "dead",
};

const compact = (text: string) => normalizeKey(text).replace(/ /g, "");

/** "Klant", "Oud-klant", "Niet benaderen", "former_customer" → a lifecycle status. */
export function parseStatusText(text: string): Result<RelationStatus> {
  const status = STATUS_WORDS[compact(text)];
  return status ? ok(status) : err("import_status_invalid");
}

/** "A", "b", "Key account", "KA" → the class code; "-" or "geen" → null. */
export function parseClassText(text: string): Result<string | null> {
  const key = compact(text);
  if (key === "" || key === "geen" || key === "none") return ok(null);
  if (key === "a" || key === "b" || key === "c") return ok(key.toUpperCase());
  if (key === "key" || key === "keyaccount" || key === "ka" || key === "sleutelklant") return ok("key");
  return err("import_class_invalid");
}

/** "m", "man", "dhr.", "de heer", "v", "vrouw", "mevr.", "mevrouw", "x" → m/v/x. */
export function parseGender(text: string): Result<Gender> {
  const key = compact(text);
  if (["m", "man", "male", "dhr", "heer", "deheer", "mr"].includes(key)) return ok("m");
  if (["v", "f", "vrouw", "female", "mevr", "mevrouw", "mw", "mrs", "ms"].includes(key)) return ok("v");
  if (["x", "onbekend", "unknown", "anders", "other", "nonbinary"].includes(key)) return ok("x");
  return err("import_gender_invalid");
}

/** Yes/no as lists write it: ja/nee, j/n, yes/no, 1/0, waar/onwaar, x for ticked. */
export function parseYesNo(text: string): Result<boolean> {
  const key = compact(text);
  if (["ja", "j", "yes", "y", "1", "true", "waar", "x", "akkoord", "actief", "active"].includes(key)) return ok(true);
  if (["nee", "n", "no", "0", "false", "onwaar", "neen", "inactief", "inactive"].includes(key)) return ok(false);
  return err("import_yes_no_invalid");
}

const COUNTRIES: Record<string, string> = {
  nederland: "NL",
  netherlands: "NL",
  thenetherlands: "NL",
  holland: "NL",
  belgie: "BE",
  belgium: "BE",
  duitsland: "DE",
  germany: "DE",
  deutschland: "DE",
  frankrijk: "FR",
  france: "FR",
  luxemburg: "LU",
  luxembourg: "LU",
  verenigdkoninkrijk: "GB",
  unitedkingdom: "GB",
};

/** "Nederland", "NL", "België" → ISO 3166 alpha-2 code. */
export function parseCountry(text: string): Result<string> {
  const key = compact(text);
  const named = COUNTRIES[key];
  if (named) return ok(named);
  return /^[a-z]{2}$/.test(key) ? ok(key.toUpperCase()) : err("import_country_invalid");
}

const LEGAL_FORMS: Record<string, string> = {
  bv: "bv",
  besloten: "bv",
  beslotenvennootschap: "bv",
  nv: "nv",
  naamlozevennootschap: "nv",
  vof: "vof",
  cv: "cv",
  eenmanszaak: "eenmanszaak",
  maatschap: "maatschap",
  stichting: "stichting",
  vereniging: "vereniging",
  cooperatie: "cooperatie",
  overheid: "overheid",
  buitenlands: "buitenlands",
};

/** "B.V.", "Besloten Vennootschap", "Stichting" → the legal form code; unknown forms are "other". */
export function parseLegalForm(text: string): string {
  return LEGAL_FORMS[compact(text)] ?? "other";
}

/** A date as Dutch lists write it: 15-03-2027, 15/3/2027, 15.03.27 (day first), or 2027-03-15. */
export function parseDutchDate(text: string): Result<string> {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dutch) [d, m, y] = [Number(dutch[1]), Number(dutch[2]), dutch[3]?.length === 2 ? 2000 + Number(dutch[3]) : Number(dutch[3])];
  else return err("date_invalid");
  const date = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return isIsoDate(date) ? ok(date) : err("date_invalid");
}

/** SBI codes as written in lists: "62.01; 4321", "6201 / 43.21" → ["6201", "4321"]. */
export function parseSbiList(text: string): string[] {
  return [...new Set(text.split(/[;,/|\s]+/).map((c) => c.replace(/\./g, "").trim().toUpperCase()).filter((c) => c !== ""))];
}

/**
 * A house number with its addition as one text: ("12", "a") → "12a", ("12", "2") → "12-2",
 * ("12", "bis") → "12 bis". An addition already in the number is kept.
 */
export function joinHouseNumber(number: string, addition: string): string {
  const n = number.trim();
  const a = addition.trim();
  const alreadyIn = n.replace(/^\d+/, "").replace(/[\s-]/g, "").toLowerCase();
  if (a === "" || (alreadyIn !== "" && alreadyIn === a.replace(/[\s-]/g, "").toLowerCase())) return n;
  if (/^[a-z]$/i.test(a)) return `${n}${a.toLowerCase()}`;
  if (/^\d+$/.test(a)) return `${n}-${a}`;
  return `${n} ${a}`;
}

/** "Hoofdstraat 12 a" → street "Hoofdstraat", number "12 a"; a street without a number stays whole. */
export function splitStreetAndNumber(address: string): { street: string; houseNumber: string | null } {
  const m = /^(.*?\S)\s+(\d+(?:\s*[-/]?\s*[a-z0-9]{1,6})?)$/i.exec(address.trim());
  if (!m) return { street: address.trim(), houseNumber: null };
  return { street: (m[1] as string).trim(), houseNumber: (m[2] as string).replace(/\s+/g, " ") };
}

/** Infixes that start a Dutch or Flemish surname, longest first so "van der" wins over "van". */
const INFIXES = ["van den", "van der", "van de", "van het", "in 't", "in de", "in het", "op de", "uit den", "uit de", "van 't", "van", "de", "den", "der", "het", "'t", "te", "ten", "ter", "la", "le", "du", "di", "da", "del", "von", "zu"];

/**
 * A full name in one column → first name, infix and last name: "Jan van der Berg", "J.P. de Vries",
 * "Berg, Jan van der". Initials written with dots go to `initials`.
 */
export function splitFullName(full: string): { firstName: string | null; initials: string | null; infix: string | null; lastName: string } {
  const text = full.trim().replace(/\s+/g, " ");
  if (text.includes(",")) {
    // "Berg, Jan van der" (sorted form, as exports of address books have it)
    const [last, rest = ""] = text.split(",", 2).map((p) => p.trim()) as [string, string?];
    const lower = rest.toLowerCase();
    const infix = INFIXES.find((i) => lower.endsWith(` ${i}`) || lower === i) ?? null;
    const given = infix ? rest.slice(0, rest.length - infix.length).trim() : rest;
    return { ...givenName(given), infix, lastName: last };
  }
  const words = text.split(" ");
  if (words.length === 1) return { firstName: null, initials: null, infix: null, lastName: text };
  const lower = words.map((w) => w.toLowerCase());
  for (let start = 1; start < words.length - 1; start++) {
    for (const infix of INFIXES) {
      const n = infix.split(" ").length;
      if (start + n < words.length && lower.slice(start, start + n).join(" ") === infix) {
        return { ...givenName(words.slice(0, start).join(" ")), infix, lastName: words.slice(start + n).join(" ") };
      }
    }
  }
  return { ...givenName(words.slice(0, -1).join(" ")), infix: null, lastName: words.at(-1) as string };
}

function givenName(text: string): { firstName: string | null; initials: string | null } {
  if (text === "") return { firstName: null, initials: null };
  return /^([A-Za-z]{1,3}\.\s*)+$/.test(text) ? { firstName: null, initials: text } : { firstName: text, initials: null };
}

/** The key a relation row is matched on when it has no KvK number: normalised name + postcode. */
export function relationNameKey(name: string, postcode: string | null): string {
  return `${normalizeKey(name)}|${(postcode ?? "").replace(/\s/g, "").toUpperCase()}`;
}

/**
 * The key a person is matched on within a relation when there is no e-mail: surname with infix and
 * the first initial, so "J. van der Berg" and "Jan van der Berg" are the same person.
 */
export function personNameKey(p: { firstName: string | null; initials: string | null; infix: string | null; lastName: string }): string {
  const initial = normalizeKey(p.firstName ?? p.initials ?? "").charAt(0);
  return `${normalizeKey(`${p.infix ?? ""} ${p.lastName}`)}|${initial}`;
}
