// The demo company's own details, so its quotes print as a real letter: name, addresses, KvK and
// VAT numbers, bank account, terms, closing text and its logo (drawn for the demo, in resources/demo).
// Written through the company service, once: an administrator's later changes are left alone.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "../../db/kysely.js";
import type { AuthUser } from "../auth/auth-user.js";
import { getCompanySettings, setLogo, updateCompanySettings } from "../company/company.service.js";
import { sniffLogo } from "../company/logo-image.js";
import { RESOURCES } from "../reference/reference-data.js";
import { COMPANY } from "./company.js";

export const DEMO_COMPANY_SETTINGS = {
  legalName: COMPANY.name,
  visitStreet: "Europalaan 40",
  visitPostcode: "3526 KS",
  visitCity: COMPANY.city,
  postalStreet: "Postbus 2170",
  postalPostcode: "3500 GD",
  postalCity: COMPANY.city,
  // Fictional, but valid in form: 8 digits; NL…B01 passing the eleven test; IBAN passing mod 97.
  kvkNumber: "30276543",
  vatNumber: "NL004495445B01",
  iban: "NL91ABNA0417164300",
  phone: "030 760 12 00",
  email: `offertes@${COMPANY.domain}`,
  website: `https://www.${COMPANY.domain}`,
  paymentTermDays: 30,
  quoteValidityDays: 30,
  closingText:
    "Wij vertrouwen erop u met deze offerte een passend voorstel te doen. Heeft u vragen, of wilt u de offerte samen doornemen? Neem gerust contact op met uw accountmanager.\n\nTeken de offerte voor akkoord en stuur haar terug; wij plannen dan samen de start van de werkzaamheden.",
};

export async function seedCompanySettings(db: Db, admin: AuthUser, now: Date): Promise<void> {
  const current = await getCompanySettings(db);
  if (current.legalName !== "") return;
  await updateCompanySettings(db, admin, current.version, DEMO_COMPANY_SETTINGS, now);
  const data = await readFile(join(RESOURCES, "demo", "glansrijk-logo.png"));
  const contentType = sniffLogo(data);
  if (contentType) await setLogo(db, admin, { contentType, data }, now);
}
