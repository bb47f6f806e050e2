// Column headers as other CRMs, the KvK, address files and hand-made Excel lists write them, in
// Dutch and English, mapped to the fields Koers imports. Headers are compared normalised: lower
// case, no accents, no spaces or punctuation ("KvK-nummer" = "kvknummer" = "KVK nummer").

export const IMPORT_FIELDS = [
  // the relation (organisation)
  "name",
  "kvkNumber",
  "debtorNumber",
  "legalForm",
  "street",
  "houseNumber",
  "houseNumberAddition",
  "postcode",
  "city",
  "country",
  "phone",
  "email",
  "website",
  "status",
  "accountClass",
  "sbi",
  "revenuePotential",
  "currentSupplier",
  "contractEndDate",
  "notes",
  // who serves it: a user (e-mail address or name) and a rayon (name)
  "owner",
  "rayon",
  // the person (contactpersoon)
  "fullName",
  "firstName",
  "initials",
  "infix",
  "lastName",
  "jobTitle",
  "department",
  "mobile",
  "gender",
  "title",
  "newsletter",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export function isImportField(value: string): value is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(value);
}

/** "KvK-nummer" → "kvknummer", "E-mail adres" → "emailadres", "Vestigingsplaats" → "vestigingsplaats". */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Exact synonyms (already normalised). */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  name: ["bedrijfsnaam", "naam", "organisatie", "organisatienaam", "bedrijf", "firma", "firmanaam", "relatie", "relatienaam", "handelsnaam", "statutairenaam", "company", "companyname", "name", "organization", "organisation", "account", "accountname"],
  kvkNumber: ["kvknummer", "kvk", "kvknr", "kamervankoophandel", "kvkno", "chamberofcommerce", "chamberofcommercenumber", "cocnumber", "coc", "kvknumber"],
  debtorNumber: ["debiteurnummer", "debiteurnr", "debiteur", "klantnummer", "klantnr", "debtornumber", "customernumber", "accountnumber"],
  legalForm: ["rechtsvorm", "legalform"],
  street: ["straat", "straatnaam", "adres", "bezoekadres", "vestigingsadres", "street", "address", "addressline1", "streetaddress"],
  houseNumber: ["huisnummer", "huisnr", "nr", "nummer", "no", "housenumber", "number", "streetnumber"],
  houseNumberAddition: ["toevoeging", "huisnummertoevoeging", "huisnrtoevoeging", "toev", "addition", "housenumberaddition", "suffix"],
  postcode: ["postcode", "pc", "zip", "zipcode", "postalcode", "postcodebezoekadres"],
  city: ["plaats", "woonplaats", "vestigingsplaats", "plaatsnaam", "stad", "gemeente", "city", "town", "place"],
  country: ["land", "country", "landcode", "countrycode"],
  phone: ["telefoon", "tel", "telefoonnummer", "telnr", "telefoonnr", "phone", "phonenumber", "telephone", "doorkiesnummer", "doorkies"],
  email: ["email", "emailadres", "mail", "mailadres", "emailaddress"],
  website: ["website", "internet", "internetadres", "url", "web", "site", "homepage", "www"],
  status: ["status", "relatiestatus", "lifecyclestatus"],
  accountClass: ["klasse", "klantklasse", "klantindeling", "abc", "class", "accountclass", "categorie"],
  sbi: ["sbi", "sbicode", "sbicodes", "sbiactiviteit", "branchecode", "industrycode"],
  revenuePotential: ["omzetpotentieel", "potentieel", "potentie", "omzetpotentie", "ettl", "revenuepotential", "potentialrevenue"],
  currentSupplier: ["huidigeleverancier", "leverancier", "concurrent", "currentsupplier", "supplier", "competitor"],
  contractEndDate: ["einddatumcontract", "contracteinde", "einddatum", "afloopcontract", "aflcontr", "contractenddate", "contractend", "enddate"],
  notes: ["opmerking", "opmerkingen", "notitie", "notities", "notes", "note", "remarks", "comments"],
  owner: ["accountmanager", "accounthouder", "vertegenwoordiger", "verkoper", "buitendienst", "buitendienstmedewerker", "eigenaar", "behandelaar", "contactpersoonintern", "owner", "accountowner", "salesrep", "salesperson", "salesman"],
  rayon: ["rayon", "rayonnaam", "verkoopgebied", "regio", "gebied", "district", "territory", "salesterritory", "region"],
  fullName: ["contactpersoon", "naamcontactpersoon", "contactnaam", "volledigenaam", "contact", "contactname", "fullname", "person"],
  firstName: ["voornaam", "roepnaam", "firstname", "givenname", "forename"],
  initials: ["voorletters", "voorl", "initialen", "initials"],
  infix: ["tussenvoegsel", "tussenvoegsels", "tussenv", "voorvoegsel", "infix"],
  lastName: ["achternaam", "familienaam", "geslachtsnaam", "lastname", "surname", "familyname"],
  jobTitle: ["functie", "functietitel", "functieomschrijving", "jobtitle", "function", "position"],
  department: ["afdeling", "department", "dept"],
  mobile: ["mobiel", "mobielnummer", "mobieltelefoon", "gsm", "06", "mobile", "mobilephone", "cell", "cellphone"],
  gender: ["geslacht", "gender", "sekse", "mv", "sex"],
  title: ["titel", "aanhef", "title", "salutation", "academischetitel"],
  newsletter: ["nieuwsbrief", "mailing", "mailings", "nieuwsbriefakkoord", "optin", "toestemming", "toestemmingmailing", "newsletter", "consent", "marketingconsent"],
};

/** Longer headers that start with one of these stems mean that field ("Telefoonnummer vast", "Postcode vestiging"). */
const STEMS: readonly (readonly [string, ImportField])[] = [
  ["kvk", "kvkNumber"],
  ["debiteur", "debtorNumber"],
  ["postcode", "postcode"],
  ["huisnummertoev", "houseNumberAddition"],
  ["huisnummer", "houseNumber"],
  ["straat", "street"],
  ["vestigingsplaats", "city"],
  ["woonplaats", "city"],
  ["plaats", "city"],
  ["telefoon", "phone"],
  ["mobiel", "mobile"],
  ["email", "email"],
  ["website", "website"],
  ["voornaam", "firstName"],
  ["achternaam", "lastName"],
  ["tussenvoegsel", "infix"],
  ["functie", "jobTitle"],
  ["nieuwsbrief", "newsletter"],
  ["bedrijfsnaam", "name"],
  ["sbi", "sbi"],
  ["einddatumcontract", "contractEndDate"],
  ["huidigeleverancier", "currentSupplier"],
];

/** The headers of one kind of import: exact synonyms (normalised) and stems longer headers start with. */
export interface HeaderDictionary<F extends string> {
  readonly synonyms: Readonly<Record<F, readonly string[]>>;
  readonly stems?: readonly (readonly [string, F])[];
}

/** Header recognition for a dictionary: the one mechanism every import (relations, sales …) uses. */
export function headerMatcher<F extends string>(dictionary: HeaderDictionary<F>) {
  const exact = new Map<string, F>(
    (Object.entries(dictionary.synonyms) as [F, readonly string[]][]).flatMap(([field, names]) => names.map((n): [string, F] => [normalizeHeader(n), field])),
  );
  const stems = dictionary.stems ?? [];
  /** The field a header means, or null when it is not recognised. */
  const recognize = (header: string): F | null => {
    const key = normalizeHeader(header);
    if (key === "") return null;
    const found = exact.get(key);
    if (found) return found;
    for (const [stem, field] of stems) if (key.startsWith(stem)) return field;
    return null;
  };
  /**
   * A proposed mapping: field → index of the column it is read from. When two columns mean the same
   * field (two phone columns), the first one wins; the user can change it.
   */
  const propose = (headers: readonly string[]): Partial<Record<F, number>> => {
    const mapping: Partial<Record<F, number>> = {};
    headers.forEach((header, index) => {
      const field = recognize(header);
      if (field !== null && mapping[field] === undefined) mapping[field] = index;
    });
    return mapping;
  };
  return { recognize, propose };
}

const CRM_HEADERS = headerMatcher<ImportField>({ synonyms: SYNONYMS, stems: STEMS });

/** The CRM field (relation or person) a header means, or null when it is not recognised. */
export const recognizeHeader = CRM_HEADERS.recognize;
/** A proposed mapping of a relations or persons file. */
export const proposeMapping = CRM_HEADERS.propose;
