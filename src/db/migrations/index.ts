// Every migration, in order. Listed by hand (not read from a folder) so that the same list works
// from src/ under tsx and from dist/ after a build.
import type { Migration } from "kysely";
import * as core from "./0001_core.js";
import * as crmMemory from "./0002_crm_memory.js";
import * as imports from "./0003_imports.js";
import * as quotes from "./0004_quotes.js";
import * as relationIndexes from "./0005_relation_indexes.js";
import * as jobs from "./0006_jobs.js";
import * as sales from "./0007_sales.js";
import * as salesViews from "./0008_sales_views.js";
import * as importRows from "./0009_import_rows.js";
import * as appointments from "./0010_appointments.js";
import * as userAdmin from "./0011_user_admin.js";
import * as companySettings from "./0012_company_settings.js";
import * as geo from "./0013_geo.js";
import * as calendarFeeds from "./0014_calendar_feeds.js";
import * as productTrigrams from "./0015_product_trigrams.js";
import * as planning from "./0016_planning.js";
import * as visitPreparations from "./0017_visit_preparations.js";
import * as salesImportBatches from "./0020_sales_import_batches.js";
import * as totp from "./0021_totp.js";
import * as importProblemCompany from "./0022_import_problem_company.js";
import * as quoteLineVat from "./0023_quote_line_vat.js";
import * as mailIntake from "./0024_mail_intake.js";
import * as territoryRegions from "./0026_territory_regions.js";
import * as visitTemplates from "./0029_visit_templates.js";
import * as relationNews from "./0030_relation_news.js";
import * as productArguments from "./0031_product_arguments.js";
import * as mailImap from "./0032_mail_imap.js";
import * as relationCustomers from "./0035_relation_customers.js";
import * as quoteEventUnits from "./0037_quote_event_units.js";
import * as relationSearchPrefixes from "./0038_relation_search_prefixes.js";
import * as mailImapStatus from "./0039_mail_imap_status.js";

export const migrations: Record<string, Migration> = {
  "0001_core": core,
  "0002_crm_memory": crmMemory,
  "0003_imports": imports,
  "0004_quotes": quotes,
  "0005_relation_indexes": relationIndexes,
  "0006_jobs": jobs,
  "0007_sales": sales,
  "0008_sales_views": salesViews,
  "0009_import_rows": importRows,
  "0010_appointments": appointments,
  "0011_user_admin": userAdmin,
  "0012_company_settings": companySettings,
  "0013_geo": geo,
  "0014_calendar_feeds": calendarFeeds,
  "0015_product_trigrams": productTrigrams,
  "0016_planning": planning,
  "0017_visit_preparations": visitPreparations,
  "0020_sales_import_batches": salesImportBatches,
  "0021_totp": totp,
  "0022_import_problem_company": importProblemCompany,
  "0023_quote_line_vat": quoteLineVat,
  "0024_mail_intake": mailIntake,
  "0026_territory_regions": territoryRegions,
  "0029_visit_templates": visitTemplates,
  "0030_relation_news": relationNews,
  "0031_product_arguments": productArguments,
  "0032_mail_imap": mailImap,
  "0035_relation_customers": relationCustomers,
  "0037_quote_event_units": quoteEventUnits,
  "0038_relation_search_prefixes": relationSearchPrefixes,
  "0039_mail_imap_status": mailImapStatus,
};
