// koers import quotes|products FILE and koers report forecast: the same services as the API, on the
// configured database. Imports are all or nothing; their errors name row and column.
import { SYSTEM_VIEWER } from "../domain/access.js";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { isIsoDate } from "../domain/calendar.js";
import type { Db } from "../db/kysely.js";
import type { AuthUser } from "../features/auth/auth-user.js";
import { exportForecast } from "../features/forecast/forecast-export.js";
import { forecast, forecastReportOf } from "../features/forecast/forecast.service.js";
import { describeProblem, type ImportProblem } from "../files/import-columns.js";
import { readTableFile } from "../server/table-file.js";
import { importProducts } from "../features/products/product-import.js";
import { importQuotes } from "../features/quotes/quote-import.service.js";
import { findUserByEmail } from "../features/users/user.repository.js";
import { ensureSystemUser, SYSTEM_USER, toAuthUser } from "../features/users/user.service.js";
import { AppError } from "../server/errors.js";
import { amsterdamDate } from "../server/time.js";
import { withDatabase } from "./session.js";

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError("must be a date YYYY-MM-DD");
  return value;
}

function readFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new AppError("not_found", `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The user an import is recorded for (created relations, quote history): the one named with --user,
 * else the first active administrator. A CLI run has no login; an administrator ran it. On a fresh
 * database without one, the system account (which cannot log in) stands in, and says so.
 */
async function importingUser(db: Db, email: string | undefined): Promise<AuthUser> {
  if (email) {
    const named = await findUserByEmail(db, email);
    if (!named) throw new AppError("not_found", `no user with e-mail ${email}`);
    return toAuthUser(db, named);
  }
  const admin = await db.selectFrom("users").selectAll().where("role", "=", "admin").where("active", "=", 1).orderBy("id").limit(1).executeTakeFirst();
  if (admin) return toAuthUser(db, admin);
  console.error(`koers: no administrator yet; the import is recorded for "${SYSTEM_USER.name}" (name a user with --user)`);
  return toAuthUser(db, await ensureSystemUser(db, new Date()));
}

function failImport(file: string, errors: readonly ImportProblem[]): never {
  for (const problem of errors) console.error(`  ${describeProblem(problem)}`);
  throw new AppError("validation_failed", `${basename(file)}: ${errors.length} error${errors.length === 1 ? "" : "s"}; nothing was imported`);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function registerQuoteCommands(importCommand: Command, reportCommand: Command): void {
  importCommand
    .command("quotes <file>")
    .description("import a quote list (CSV or XLSX; Dutch or English headers such as Naam, Offertenr, Product, Aantal, Bedrag, Kans, Beslissing)")
    .option("--as-of <date>", "reference date: a month without a year is the first such month on or after it (default: today)", isoDate)
    .option("--user <email>", "the user the import is recorded for (default: the first administrator)")
    .action(async (file: string, opts: { asOf?: string; user?: string }) => {
      const buffer = readFile(file);
      await withDatabase(async ({ db }) => {
        const now = new Date();
        const user = await importingUser(db, opts.user);
        const result = await importQuotes(db, user, await readTableFile(buffer, file), { asOf: opts.asOf ?? amsterdamDate(now), now });
        if (!result.ok) failImport(file, result.errors);
        console.log(
          `${basename(file)}: ${plural(result.quotesCreated, "quote", "quotes")} created, ${result.quotesUpdated} updated, ${result.quotesUnchanged} unchanged; ` +
            `${plural(result.relationsCreated, "relation", "relations")} created as prospect, ${plural(result.productsCreated, "product", "products")} created`,
        );
      });
    });

  importCommand
    .command("products <file>")
    .description("import products (CSV or XLSX; code, name, unit, group, segment, list price, cost price, launch date, active), matched by code")
    .action(async (file: string) => {
      const buffer = readFile(file);
      await withDatabase(async ({ db }) => {
        const result = await importProducts(db, SYSTEM_VIEWER, await readTableFile(buffer, file), new Date());
        if (!result.ok) failImport(file, result.errors);
        console.log(
          `${basename(file)}: ${plural(result.created, "product", "products")} created, ${result.updated} updated, ${result.unchanged} unchanged; ` +
            `${plural(result.groupsCreated, "product group", "product groups")} and ${plural(result.segmentsCreated, "market segment", "market segments")} created`,
        );
      });
    });

  reportCommand
    .command("forecast")
    .description("expected revenue and volume per month from the open quotes (amount × probability in the decision month)")
    .option("--from <month>", "first month, YYYY-MM (default: this month)")
    .option("--to <month>", "last month, YYYY-MM (default: from + 11 months)")
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv", "xlsx"]).default("json"))
    .addOption(new Option("--dialect <dialect>", "CSV: nl = ; and decimal commas (Dutch Excel), intl = , and decimal points").choices(["nl", "intl"]).default("nl"))
    .option("--output <file>", "write to this file instead of standard output")
    .action(async (opts: { from?: string; to?: string; format: "json" | "csv" | "xlsx"; dialect: "nl" | "intl"; output?: string }) => {
      if (opts.format === "xlsx" && !opts.output && process.stdout.isTTY) {
        throw new AppError("bad_request", "xlsx is a binary format: name a file with --output or redirect the output");
      }
      await withDatabase(async ({ db }) => {
        const now = new Date();
        let body: string | Buffer;
        if (opts.format === "json") body = `${JSON.stringify(await forecastReportOf(db, opts, now))}\n`;
        else body = (await exportForecast(await forecast(db, { from: opts.from, to: opts.to, by: "month" }, now), opts.format, { dialect: opts.dialect })).body;
        if (opts.output) writeFileSync(opts.output, body);
        else process.stdout.write(body);
      });
    });
}
