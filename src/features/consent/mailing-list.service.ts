// The mailing list of a purpose: only active persons with consent given (and not withdrawn since),
// never persons of dead relations. Read in keyset batches so an export of any size streams.
import type { ConsentPurpose } from "../../domain/consent.js";
import { salutation, type Gender } from "../../domain/person-name.js";
import type { Db } from "../../db/kysely.js";
import type { CellInput } from "../../files/table-writer.js";

const BATCH = 1000;

const HEADERS = {
  nl: ["Relatie", "Aanhef", "Voornaam", "Voorletters", "Tussenvoegsel", "Achternaam", "Functie", "E-mail", "Straat", "Huisnummer", "Postcode", "Plaats", "Land", "Toestemming sinds", "Bron", "Tekstversie"],
  en: ["Relation", "Salutation", "First name", "Initials", "Infix", "Last name", "Job title", "E-mail", "Street", "House number", "Postcode", "City", "Country", "Consent since", "Source", "Text version"],
} as const;

export function mailingListHeaders(locale: "nl" | "en"): readonly string[] {
  return HEADERS[locale];
}

function batch(db: Db, purpose: ConsentPurpose, afterId: number) {
  return db
    .selectFrom("consent_states as cs")
    .innerJoin("persons as p", "p.id", "cs.person_id")
    .innerJoin("relations as r", "r.id", "p.relation_id")
    .select([
      "p.id",
      "p.first_name",
      "p.initials",
      "p.infix",
      "p.last_name",
      "p.gender",
      "p.title",
      "p.job_title",
      "p.email",
      "r.name as relation_name",
      "r.visit_street",
      "r.visit_house_number",
      "r.visit_postcode",
      "r.visit_city",
      "r.visit_country",
      "r.postal_street",
      "r.postal_house_number",
      "r.postal_postcode",
      "r.postal_city",
      "r.postal_country",
      "cs.since",
      "cs.source",
      "cs.text_version",
    ])
    .where("cs.purpose", "=", purpose)
    .where("cs.state", "=", "given")
    .where("cs.person_id", ">", afterId)
    .where("p.active", "=", 1)
    .where("r.status", "!=", "dead")
    .orderBy("cs.person_id")
    .limit(BATCH)
    .execute();
}

/** Rows of the mailing list, in person order; the postal address when there is one, else the visiting address. */
export async function* mailingListRows(db: Db, purpose: ConsentPurpose, locale: "nl" | "en"): AsyncGenerator<CellInput[]> {
  let after = 0;
  for (;;) {
    const rows = await batch(db, purpose, after);
    for (const r of rows) {
      const postal = r.postal_street !== null || r.postal_postcode !== null;
      yield [
        r.relation_name,
        salutation({ firstName: r.first_name, initials: r.initials, infix: r.infix, lastName: r.last_name, gender: r.gender as Gender, title: r.title }, locale),
        r.first_name,
        r.initials,
        r.infix,
        r.last_name,
        r.job_title,
        r.email,
        postal ? r.postal_street : r.visit_street,
        postal ? r.postal_house_number : r.visit_house_number,
        postal ? r.postal_postcode : r.visit_postcode,
        postal ? r.postal_city : r.visit_city,
        postal ? (r.postal_country ?? r.visit_country) : r.visit_country,
        r.since,
        r.source,
        r.text_version,
      ];
    }
    if (rows.length < BATCH) return;
    after = (rows.at(-1) as { id: number }).id;
  }
}
