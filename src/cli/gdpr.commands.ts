// GDPR housekeeping: `koers gdpr purge` erases persons of relations dead for longer than the
// retention setting (app_settings gdpr.dead_relation_retention_months). Run it from cron, e.g. nightly.
import { type Command, InvalidArgumentError } from "commander";
import { isIsoDate } from "../domain/calendar.js";
import { purgeExpiredPersons } from "../features/gdpr/erase.service.js";
import { amsterdamDate } from "../server/time.js";
import { withDatabase } from "./session.js";

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError("must be a date YYYY-MM-DD");
  return value;
}

export function registerGdprCommands(program: Command): void {
  const gdpr = program.command("gdpr").description("GDPR (AVG) housekeeping");
  gdpr
    .command("purge")
    .description("erase the persons of relations dead for longer than the retention period")
    .option("--today <date>", "count the retention back from this date (default: today in Amsterdam)", isoDate)
    .option("--dry-run", "only count what would be erased", false)
    .action(async (opts: { today?: string; dryRun: boolean }) => {
      await withDatabase(async ({ db }) => {
        const now = new Date();
        const result = await purgeExpiredPersons(db, opts.today ?? amsterdamDate(now), { dryRun: opts.dryRun, now });
        const verb = opts.dryRun ? "would erase" : "erased";
        console.log(
          `${verb} ${result.persons} person(s) of ${result.relations} relation(s) dead since before ${result.deadBefore} (retention ${result.retentionMonths} months)`,
        );
      });
    });
}
