// Wiring of background job kinds: each kind's handler lives in its feature; this list says where.
// A worker thread imports the module of the kind it runs (so a kind adds no start-up cost).
import { type JobKinds, jobKind } from "../features/jobs/job-runner.js";

const here = import.meta.url;

export const JOB_KINDS: JobKinds = {
  "forecast.asOf": jobKind(here, "../features/forecast/forecast.job", "forecastAsOfJob"),
  "exports.run": jobKind(here, "../features/exports/export.job", "exportJob"),
  "products.import": jobKind(here, "../features/products/product-import.job", "productImportJob"),
  "quotes.import": jobKind(here, "../features/quotes/quote-import.job", "quoteImportJob"),
  "imports.read": jobKind(here, "../features/imports/import.jobs", "importReadJob"),
  "imports.analyse": jobKind(here, "../features/imports/import.jobs", "importAnalyseJob"),
  "imports.commit": jobKind(here, "../features/imports/import.jobs", "importCommitJob"),
  "sales.read": jobKind(here, "../features/sales/sales-read.job", "salesReadJob"),
  "sales.analyse": jobKind(here, "../features/sales/sales-analyse.job", "salesAnalyseJob"),
  "sales.commit": jobKind(here, "../features/sales/sales-commit.job", "salesCommitJob"),
  "sales.rebuild": jobKind(here, "../features/sales/sales-maintenance.job", "salesRebuildJob"),
  "sales.daily": jobKind(here, "../features/sales/sales-maintenance.job", "salesDailyJob"),
  "geo.geocode": jobKind(here, "../features/geo/geocode.job", "geocodeJob"),
  "planning.cycle": jobKind(here, "../features/planning/planning.jobs", "cyclePlanJob"),
  "planning.route": jobKind(here, "../features/planning/planning.jobs", "dayRouteJob"),
  "mail.intake": jobKind(here, "../features/mail-intake/mail-intake.job", "mailIntakeJob"),
  // Reads the logging mailbox (KOERS_MAIL_IMAP_*), every poll interval.
  "mail.imap": jobKind(here, "../features/mail-intake/mail-imap.job", "mailImapJob"),
  // One relation's feed ("Nu ophalen") and every feed (the hourly schedule): the same handler.
  "news.fetch": jobKind(here, "../features/news/news.job", "newsFetchJob"),
  "news.fetchAll": jobKind(here, "../features/news/news.job", "newsFetchJob"),
};
