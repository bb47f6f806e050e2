// The company's own details for the letters it sends (issue 8: a quote that can go to a customer):
// one row (id 1) with name, addresses, registration numbers, bank account, logo, terms, closing text
// and the three Dutch VAT rates; and the VAT category of each product. The company.* keys an
// administrator may have put in app_settings by hand before are carried over into the row.
import { blobType } from "./0002_crm_memory.js";
import { sql } from "kysely";
import { columns, type MigrationDb } from "./columns.js";

const OLD_KEYS: Readonly<Record<string, string>> = {
  "company.name": "legal_name",
  "company.street": "visit_street",
  "company.postcode": "visit_postcode",
  "company.city": "visit_city",
  "company.phone": "phone",
  "company.email": "email",
  "company.website": "website",
  "company.kvk": "kvk_number",
  "company.vat": "vat_number",
  "company.iban": "iban",
};

export async function up(db: MigrationDb): Promise<void> {
  const c = columns(db);
  let tb = db.schema
    .createTable("company_settings")
    .addColumn("id", "integer", (col) => col.primaryKey())
    // Always 1: the table holds exactly one row, made here.
    .addCheckConstraint("company_settings_one_row", sql`id = 1`);
  for (const name of ["legal_name", "visit_street", "visit_postcode", "visit_city", "postal_street", "postal_postcode", "postal_city", "kvk_number", "vat_number", "iban", "phone", "email", "website", "closing_text"]) {
    tb = tb.addColumn(name, "text", (col) => col.notNull().defaultTo(""));
  }
  tb = tb
    .addColumn("logo", blobType(db))
    // image/png | image/jpeg, set with the logo.
    .addColumn("logo_content_type", "text")
    // Days: payment term on the letter, and how long a new quote stays valid.
    .addColumn("payment_term_days", "integer", (col) => col.notNull().defaultTo(30))
    .addColumn("quote_validity_days", "integer", (col) => col.notNull().defaultTo(30))
    // Basis points: 2100 = 21 %.
    .addColumn("vat_high_bp", "integer", (col) => col.notNull().defaultTo(2100))
    .addColumn("vat_low_bp", "integer", (col) => col.notNull().defaultTo(900))
    .addColumn("vat_zero_bp", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("version", "integer", (col) => col.notNull().defaultTo(1));
  await c.instant(tb, "updated_at", (col) => col.notNull()).execute();

  const row: Record<string, string | number> = { id: 1, updated_at: new Date(0).toISOString() };
  const old = await db.selectFrom("app_settings").select(["key", "value"]).where("key", "in", Object.keys(OLD_KEYS)).execute();
  for (const r of old as { key: string; value: string }[]) row[OLD_KEYS[r.key] as string] = r.value;
  await db.insertInto("company_settings").values(row).execute();
  await db.deleteFrom("app_settings").where("key", "in", Object.keys(OLD_KEYS)).execute();

  // high | low | zero (domain/vat.ts): the rate itself lives in company_settings.
  await db.schema.alterTable("products").addColumn("vat_category", "text", (col) => col.notNull().defaultTo("high")).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("products").dropColumn("vat_category").execute();
  await db.schema.dropTable("company_settings").execute();
}
