// Backup and restore of the whole Koers database, online (the server may keep running and writing).
//
// SQLite: the online backup API (better-sqlite3 `backup`), which copies the pages of one consistent
// state while other connections write; the copy is checked (integrity_check) and renamed into place,
// so a failed backup never leaves a file that looks whole. Restore copies a checked backup back over
// the live file with the same API, which takes the database's write lock, so running servers see the
// restored state at their next query and nobody sees half of it.
// PostgreSQL: pg_dump in its custom format (one snapshot: every table as of the same moment). Restore
// drops and recreates the public schema and replays the dump in ONE psql transaction: it either
// replaces everything or, on any error, changes nothing.
// After a restore the schema is migrated to this version of Koers (an older backup is upgraded; a
// backup made by a newer Koers is refused before anything is touched, where that can be seen).
import { spawn } from "node:child_process";
import { closeSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import type { DatabaseConfig } from "../../config.js";
import { AppError } from "../../server/errors.js";
import { migrations } from "../../db/migrations/index.js";

export interface BackupResult {
  file: string;
  bytes: number;
}

const SQLITE_MAGIC = "SQLite format 3\u0000";
const PG_DUMP_MAGIC = "PGDMP";

/** Writes a backup of the configured database to `file` (replaced when it exists). */
export async function backupDatabase(database: DatabaseConfig, file: string): Promise<BackupResult> {
  const partial = join(dirname(file), `.${Date.now()}-${process.pid}.koers-backup-partial`);
  try {
    if (database.engine === "sqlite") {
      const source = new SQLite(database.file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(partial);
      } finally {
        source.close();
      }
      checkSqliteFile(partial);
    } else {
      await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${database.url}`]);
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file, bytes: statSync(file).size };
}

/** Replaces the configured database with the backup in `file`; the caller migrates afterwards. */
export async function restoreDatabase(database: DatabaseConfig, file: string): Promise<void> {
  const kind = backupKind(file);
  if (database.engine === "sqlite") {
    if (kind !== "sqlite") throw new AppError("validation_failed", `${file} is ${kind === "postgres" ? "a PostgreSQL backup (pg_dump); restore it into a PostgreSQL database" : "not a Koers backup"}`);
    checkSqliteFile(file);
    const backup = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      await backup.backup(database.file);
    } finally {
      backup.close();
    }
    return;
  }
  if (kind !== "postgres") throw new AppError("validation_failed", `${file} is ${kind === "sqlite" ? "an SQLite backup; restore it into an SQLite database" : "not a Koers backup"}`);
  // pg_restore turns the dump into SQL; psql runs it after emptying the schema, in one transaction
  // that is committed only when pg_restore has read the whole archive: a dump cut off halfway ends
  // psql's input without COMMIT, and PostgreSQL rolls everything back.
  const script = spawn("pg_restore", ["--no-owner", "--no-privileges", "--file=-", file], { stdio: ["ignore", "pipe", "pipe"] });
  const psql = spawn("psql", ["--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", `--dbname=${database.url}`], { stdio: ["pipe", "ignore", "pipe"] });
  // psql ending early (an error) closes its input; the error it gave is what is reported.
  psql.stdin.on("error", () => {});
  psql.stdin.write("BEGIN;\nDROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n");
  script.stdout.pipe(psql.stdin, { end: false });
  // Both listened to from the start: either may end first.
  const replaying = exited(psql, "psql");
  const dumped = await exited(script, "pg_restore");
  if (dumped === "") psql.stdin.end("COMMIT;\n");
  else psql.stdin.end();
  const replayed = await replaying;
  if (dumped !== "") throw new AppError("validation_failed", `${file} cannot be read, the database is unchanged: ${dumped}`);
  if (replayed !== "") throw new AppError("internal", `the restore was rolled back, the database is unchanged: ${replayed}`);
}

/** What a backup file holds, from its first bytes. */
function backupKind(file: string): "sqlite" | "postgres" | "unknown" {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    throw new AppError("not_found", `there is no file ${file}`);
  }
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    const text = head.subarray(0, read).toString("latin1");
    if (text === SQLITE_MAGIC) return "sqlite";
    if (text.startsWith(PG_DUMP_MAGIC)) return "postgres";
    return "unknown";
  } finally {
    closeSync(fd);
  }
}

/** Refuses an SQLite file that is damaged, is not a Koers database, or was made by a newer Koers. */
function checkSqliteFile(file: string): void {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError("validation_failed", `${file} cannot be opened as a database: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new AppError("validation_failed", `${file} is damaged (SQLite integrity check: ${String(integrity)})`);
    const hasMigrations = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'").get();
    if (!hasMigrations) throw new AppError("validation_failed", `${file} is an SQLite file but not a Koers database`);
    const names = (db.prepare("select name from schema_migrations").pluck().all() as string[]).filter((n) => !(n in migrations));
    if (names.length > 0) throw new AppError("validation_failed", `${file} was made by a newer version of Koers (migration ${names[0]}); update Koers first`);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A file cut off or overwritten: SQLite says "database disk image is malformed".
    throw new AppError("validation_failed", `${file} is damaged: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
  return exited(child, command).then((problem) => {
    if (problem !== "") throw new AppError("unavailable", `${command} failed: ${problem}`);
  });
}

/** Resolves with "" when the process ends well, else with what it said on stderr (or why it did not start). */
function exited(child: ReturnType<typeof spawn>, command: string): Promise<string> {
  return new Promise((resolve) => {
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      // Only the start of a long complaint is useful (a dump of a broken file repeats itself).
      if (stderr.length < 4000) stderr += chunk.toString("utf8");
    });
    child.on("error", (error) => resolve(`${command} could not be started (${error.message}); is the PostgreSQL client installed?`));
    child.on("close", (code) => resolve(code === 0 ? "" : stderr.trim() || `${command} ended with exit code ${code}`));
  });
}
