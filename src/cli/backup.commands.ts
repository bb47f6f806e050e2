// `koers backup FILE` and `koers restore FILE`: the whole database to one file and back, online (see
// features/backup/backup.service.ts). The file's kind follows the engine: an SQLite database file, or
// a pg_dump archive in its custom format.
import { resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig, readEnvironment } from "../config.js";
import { backupDatabase, restoreDatabase } from "../features/backup/backup.service.js";
import { AppError } from "../server/errors.js";
import { withDatabase } from "./session.js";

const where = (database: ReturnType<typeof loadConfig>["database"]) => (database.engine === "sqlite" ? database.file : new URL(database.url).pathname.slice(1));

export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("write a backup of the whole database to FILE, while Koers keeps running")
    .argument("<file>", "the backup file (replaced when it exists)")
    .action(async (file: string) => {
      const { database } = loadConfig(readEnvironment());
      const result = await backupDatabase(database, resolve(file));
      console.log(`backup of ${where(database)} written to ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB)`);
    });
  program
    .command("restore")
    .description("replace the whole database with the backup in FILE (all changes since that backup are lost)")
    .argument("<file>", "a file written by koers backup")
    .option("--yes", "confirm that every record now in the database is replaced", false)
    .action(async (file: string, opts: { yes: boolean }) => {
      const { database } = loadConfig(readEnvironment());
      if (!opts.yes) throw new AppError("validation_failed", `restore replaces every record in ${where(database)} with the backup; run it again with --yes to do so`);
      await restoreDatabase(database, resolve(file));
      // An older backup is brought up to this version's schema.
      const relations = await withDatabase(async ({ db }) => {
        const row = await db.selectFrom("relations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
        return Number(row.n);
      });
      console.log(`restored ${where(database)} from ${resolve(file)}: ${relations.toLocaleString("nl-NL")} relations`);
    });
}
