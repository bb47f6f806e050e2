// Each quote line keeps the VAT rate it was written with (issue 8), in basis points: a quote sent at
// 21 % still says 21 % after the company's rates or a product's category change. Existing lines get
// the rate their product's category has now (the general rate without a product).
import { sql } from "kysely";
import type { MigrationDb } from "./columns.js";

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("quote_lines").addColumn("vat_bp", "integer").execute();
  await sql`
    update quote_lines set vat_bp = (
      select case coalesce((select p.vat_category from products p where p.id = quote_lines.product_id), 'high')
        when 'low' then c.vat_low_bp when 'zero' then c.vat_zero_bp else c.vat_high_bp end
      from company_settings c where c.id = 1)`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable("quote_lines").dropColumn("vat_bp").execute();
}
