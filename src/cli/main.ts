#!/usr/bin/env node
// The koers command: administration and batch work on the configured database (same settings as
// the server: DATABASE_URL etc.). Each subcommand lives in its own file under cli/.
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.js";
import { AppError } from "../server/errors.js";
import { registerAdminCommands } from "./admin.commands.js";
import { registerBackupCommands } from "./backup.commands.js";
import { registerImportCommands } from "./import.commands.js";
import { registerQuoteCommands } from "./quote.commands.js";
import { registerGdprCommands } from "./gdpr.commands.js";
import { registerGeoCommands } from "./geo.commands.js";
import { registerSalesCommands } from "./sales.commands.js";
import { registerSolveCommands } from "./solve.commands.js";

const program = new Command("koers")
  .description("Koers: CRM, sales information, quotes and rayon planning for B2B field sales")
  .showHelpAfterError()
  .exitOverride();

registerAdminCommands(program);
registerGdprCommands(program);
// Shared command groups: each feature adds its subcommands (import relations, import quotes …).
const importCommand = program.command("import").description("import CSV or XLSX files");
const reportCommand = program.command("report").description("print or export reports");
registerImportCommands(importCommand);
registerQuoteCommands(importCommand, reportCommand);
registerSalesCommands(program, importCommand);
registerSolveCommands(program);
registerBackupCommands(program);
registerGeoCommands(program);

/** Prints a user-facing error (no stack trace) and sets the exit code. */
export function reportCliError(error: unknown): void {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
    return;
  }
  if (error instanceof AppError) {
    console.error(`koers: ${error.message}`);
    for (const f of error.fields) console.error(`  ${f.field}: ${f.message}`);
  } else if (error instanceof ConfigError) {
    console.error(`koers: configuration: ${error.message}`);
  } else {
    console.error(`koers: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = error instanceof AppError && error.status < 500 ? 1 : 2;
}

program.parseAsync(process.argv).catch(reportCliError);
