// Use cases of the company settings: read (for the settings page and every printed quote), change
// with optimistic concurrency, and set or remove the logo. The one writer of company_settings.
import type { Selectable, Updateable } from "kysely";
import { normalizeEmail, normalizePhone, normalizeWebUrl } from "../../domain/contact-details.js";
import { normalizeIban } from "../../domain/iban.js";
import { normalizeKvkNumber } from "../../domain/kvk.js";
import { normalizeDutchPostcode } from "../../domain/postcode.js";
import type { Result } from "../../domain/result.js";
import { normalizeVatNumber } from "../../domain/vat-number.js";
import type { VatRates } from "../../domain/vat.js";
import type { Db } from "../../db/kysely.js";
import { AppError, type FieldProblem, fieldProblem, invalid } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import type { CompanySettingsDto, CompanySettingsPatchInput } from "./company.schemas.js";
import type { CompanySettingsTable } from "./company.table.js";
import type { LogoType } from "./logo-image.js";

export const LOGO_URL = "/api/company-settings/logo";

/** The settings as the quote letter needs them: the DTO plus the logo bytes. */
export interface CompanyLetterhead extends CompanySettingsDto {
  vatRates: VatRates;
  logoImage: { contentType: string; data: Buffer } | null;
}

// Every column but the logo bytes: the page reads the logo through its own URL.
const COLUMNS = [
  "legal_name",
  "visit_street",
  "visit_postcode",
  "visit_city",
  "postal_street",
  "postal_postcode",
  "postal_city",
  "kvk_number",
  "vat_number",
  "iban",
  "phone",
  "email",
  "website",
  "closing_text",
  "logo_content_type",
  "payment_term_days",
  "quote_validity_days",
  "vat_high_bp",
  "vat_low_bp",
  "vat_zero_bp",
  "totp_required_for_admins",
  "updated_at",
  "version",
] as const;

type Row = Pick<Selectable<CompanySettingsTable>, (typeof COLUMNS)[number]>;

function toDto(row: Row): CompanySettingsDto {
  return {
    legalName: row.legal_name,
    visitStreet: row.visit_street,
    visitPostcode: row.visit_postcode,
    visitCity: row.visit_city,
    postalStreet: row.postal_street,
    postalPostcode: row.postal_postcode,
    postalCity: row.postal_city,
    kvkNumber: row.kvk_number,
    vatNumber: row.vat_number,
    iban: row.iban,
    phone: row.phone,
    email: row.email,
    website: row.website,
    closingText: row.closing_text,
    paymentTermDays: row.payment_term_days,
    quoteValidityDays: row.quote_validity_days,
    vatRates: { high: row.vat_high_bp, low: row.vat_low_bp, zero: row.vat_zero_bp },
    totpRequiredForAdmins: row.totp_required_for_admins === 1,
    // The version in the address: a new logo is a new URL, so no browser shows the old one.
    logo: row.logo_content_type ? { url: `${LOGO_URL}?v=${row.version}`, contentType: row.logo_content_type } : null,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

async function readRow(db: Db): Promise<Row> {
  const row = await db.selectFrom("company_settings").select(COLUMNS).where("id", "=", 1).executeTakeFirst();
  // Migration 0012 makes the row; without it the database is not migrated.
  if (!row) throw new AppError("internal", "The company settings row is missing; run the migrations");
  return row as Row;
}

export async function getCompanySettings(db: Db): Promise<CompanySettingsDto> {
  return toDto(await readRow(db));
}

/** Everything a printed quote shows of the company, logo bytes included. */
export async function getLetterhead(db: Db): Promise<CompanyLetterhead> {
  const dto = await getCompanySettings(db);
  const logo = dto.logo ? await getLogo(db) : null;
  return { ...dto, logoImage: logo };
}

export async function getLogo(db: Db): Promise<{ contentType: string; data: Buffer } | null> {
  const row = await db.selectFrom("company_settings").select(["logo", "logo_content_type"]).where("id", "=", 1).executeTakeFirst();
  if (!row?.logo || !row.logo_content_type) return null;
  return { contentType: row.logo_content_type, data: Buffer.from(row.logo) };
}

type Columns = Updateable<CompanySettingsTable>;
type TextField = { [K in keyof CompanySettingsPatchInput]-?: NonNullable<CompanySettingsPatchInput[K]> extends string ? K : never }[keyof CompanySettingsPatchInput];

/** Text fields: the column, and the check that normalises a filled-in value ("" clears it). */
const TEXT_FIELDS: Record<TextField, { column: keyof Columns; check?: (value: string) => Result<string, string> }> = {
  legalName: { column: "legal_name" },
  visitStreet: { column: "visit_street" },
  visitPostcode: { column: "visit_postcode", check: normalizeDutchPostcode },
  visitCity: { column: "visit_city" },
  postalStreet: { column: "postal_street" },
  postalPostcode: { column: "postal_postcode", check: normalizeDutchPostcode },
  postalCity: { column: "postal_city" },
  kvkNumber: { column: "kvk_number", check: normalizeKvkNumber },
  vatNumber: { column: "vat_number", check: normalizeVatNumber },
  iban: { column: "iban", check: normalizeIban },
  phone: { column: "phone", check: normalizePhone },
  email: { column: "email", check: normalizeEmail },
  website: { column: "website", check: normalizeWebUrl },
  closingText: { column: "closing_text" },
};

function settingsColumns(input: CompanySettingsPatchInput): { columns: Columns; problems: FieldProblem[] } {
  const columns: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [field, spec] of Object.entries(TEXT_FIELDS) as [TextField, (typeof TEXT_FIELDS)[TextField]][]) {
    const raw = input[field];
    if (raw === undefined) continue;
    // The closing text keeps its line breaks; other fields are one line.
    const value = field === "closingText" ? raw.trim() : raw.trim().replace(/\s+/g, " ");
    if (value === "") {
      if (field === "legalName") problems.push(fieldProblem(field, "required"));
      else columns[spec.column] = "";
      continue;
    }
    const checked = spec.check ? spec.check(value) : { ok: true as const, value };
    if (checked.ok) columns[spec.column] = checked.value;
    else problems.push(fieldProblem(field, checked.error));
  }
  if (input.paymentTermDays !== undefined) columns.payment_term_days = input.paymentTermDays;
  if (input.quoteValidityDays !== undefined) columns.quote_validity_days = input.quoteValidityDays;
  if (input.vatRates !== undefined) {
    columns.vat_high_bp = input.vatRates.high;
    columns.vat_low_bp = input.vatRates.low;
    columns.vat_zero_bp = input.vatRates.zero;
  }
  if (input.totpRequiredForAdmins !== undefined) columns.totp_required_for_admins = input.totpRequiredForAdmins ? 1 : 0;
  return { columns: columns as Columns, problems };
}

/** Writes the columns at `version` (412 when someone saved first), with one audit line per changed field. */
async function writeColumns(db: Db, userId: number, version: number | null, columns: Columns, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = (await readRow(trx)) as unknown as Record<string, unknown>;
    const expected = version ?? (before.version as number);
    const result = await trx
      .updateTable("company_settings")
      .set((eb) => ({ ...columns, updated_at: now.toISOString(), version: eb("version", "+", 1) }))
      .where("id", "=", 1)
      .where("version", "=", expected)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError("version_conflict", `You edited version ${expected}, but the company settings are now at version ${before.version as number}; reload to see the changes`);
    }
    const changes = Object.entries(columns)
      .filter(([k, v]) => k !== "logo" && k !== "logo_content_type" && v !== before[k])
      .map(([k, v]) => [k, before[k] ?? null, v] as const);
    if ("logo" in columns) changes.push(["logo", before.logo_content_type ?? null, columns.logo_content_type ?? null]);
    await writeAudit(trx, { entity: "company_settings", entityId: 1, relationId: null, userId, at: now.toISOString() }, changes);
  });
}

export async function updateCompanySettings(db: Db, user: AuthUser, version: number, input: CompanySettingsPatchInput, now: Date): Promise<CompanySettingsDto> {
  const { columns, problems } = settingsColumns(input);
  // Requiring a second factor of every administrator starts with one's own: otherwise the switch
  // would shut its own maker out of everything but the set-up page.
  if (input.totpRequiredForAdmins === true) {
    const own = await db.selectFrom("users").select("totp_secret").where("id", "=", user.id).executeTakeFirst();
    if (!own?.totp_secret) problems.push(fieldProblem("totpRequiredForAdmins", "totp_own_first"));
  }
  if (problems.length > 0) throw invalid(...problems);
  await writeColumns(db, user.id, version, columns, now);
  return getCompanySettings(db);
}

/** A new logo (already checked as a whole PNG or JPEG); replaces the old one. */
export async function setLogo(db: Db, user: AuthUser, image: { contentType: LogoType; data: Buffer }, now: Date): Promise<CompanySettingsDto> {
  await writeColumns(db, user.id, null, { logo: image.data, logo_content_type: image.contentType }, now);
  return getCompanySettings(db);
}

export async function removeLogo(db: Db, user: AuthUser, now: Date): Promise<CompanySettingsDto> {
  await writeColumns(db, user.id, null, { logo: null, logo_content_type: null }, now);
  return getCompanySettings(db);
}

/** Whether every administrator must log in with a second factor (TOTP). */
export async function totpRequiredForAdmins(db: Db): Promise<boolean> {
  const row = await db.selectFrom("company_settings").select("totp_required_for_admins").where("id", "=", 1).executeTakeFirst();
  return row?.totp_required_for_admins === 1;
}

/** Days a new quote stays valid when it names no date of its own (the quotes feature asks here). */
export async function quoteValidityDays(db: Db): Promise<number> {
  const row = await db.selectFrom("company_settings").select("quote_validity_days").where("id", "=", 1).executeTakeFirst();
  return row?.quote_validity_days ?? 30;
}
