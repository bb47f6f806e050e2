// koers import relations|persons FILE: the same reading, matching and all-or-nothing commit as the
// upload in the web app, with a progress bar on stderr and the same row/column error report.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import type { Db } from "../db/kysely.js";
import { type ImportField, isImportField, normalizeHeader } from "../files/dutch-headers.js";
import { readTable, type Table } from "../files/table-reader.js";
import type { ImportMapping, RowProblem } from "../features/imports/import-row.js";
import { analyseImport, commitImport, type ImportCounts, type ImportKind, ImportRowsInvalid } from "../features/imports/import-run.js";
import { initialMapping, layoutKey, mappingProblems } from "../features/imports/import.service.js";
import { insertJob, rememberMapping } from "../features/imports/import.repository.js";
import { findUserByEmail } from "../features/users/user.repository.js";
import { AppError } from "../server/errors.js";
import { withDatabase } from "./session.js";

/** Row problems printed before "… and N more". */
const SHOWN_PROBLEMS = 50;

interface ImportOptions {
  mapping?: string;
  dryRun?: boolean;
  user?: string;
  sheet?: string;
}

function readFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new AppError("not_found", `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A mapping file: { "<field>": "<column header>" | <column number, 1 = A> }, e.g.
 * { "name": "Firma", "kvkNumber": "KvK", "city": 5 }.
 */
export function mappingFromFile(text: string, headers: readonly string[]): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", `the mapping file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new AppError("bad_request", 'the mapping file must be an object such as { "name": "Bedrijfsnaam" }');
  const mapping: ImportMapping = {};
  for (const [field, column] of Object.entries(json)) {
    if (!isImportField(field)) throw new AppError("bad_request", `mapping: "${field}" is not a field (fields: name, kvkNumber, street, postcode, city, …)`);
    const index = typeof column === "number" ? column - 1 : headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(String(column)));
    if (index < 0 || index >= headers.length) throw new AppError("bad_request", `mapping: column "${String(column)}" for ${field} is not in the file (columns: ${headers.join(", ")})`);
    mapping[field as ImportField] = index;
  }
  return mapping;
}

function printProblems(problems: readonly RowProblem[]): void {
  for (const p of problems.slice(0, SHOWN_PROBLEMS)) console.error(`  row ${p.row}${p.company ? ` (${p.company})` : ""}, ${p.column}: ${p.message}`);
  if (problems.length > SHOWN_PROBLEMS) console.error(`  … and ${problems.length - SHOWN_PROBLEMS} more`);
}

function summary(counts: ImportCounts, kind: ImportKind): string {
  const parts = [`${counts.created} created`, `${counts.updated} updated`, `${counts.unchanged} unchanged`, `${counts.skippedDead} skipped (dead relation)`];
  if (counts.skippedDuplicate > 0) parts.push(`${counts.skippedDuplicate} skipped (repeated row)`);
  if (kind === "persons") parts.push(`${counts.consentsRecorded} newsletter consents recorded`);
  return parts.join(", ");
}

async function importingUserId(db: Db, email: string | undefined): Promise<number | null> {
  if (!email) return null;
  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError("not_found", `no user with e-mail ${email}`);
  return user.id;
}

async function runImport(kind: ImportKind, file: string, opts: ImportOptions): Promise<void> {
  const data = readFile(file);
  const read = await readTable(data, file, opts.sheet ? { sheet: opts.sheet } : {});
  if (!read.ok) throw new AppError("validation_failed", `${basename(file)}: ${read.error.message}`);
  const table: Table = read.value;
  await withDatabase(async ({ db }) => {
    const chosen = opts.mapping ? mappingFromFile(readFile(opts.mapping).toString("utf8"), table.headers) : null;
    const mapping = chosen ?? (await initialMapping(db, kind, table.headers)).fields;
    const wrong = mappingProblems(kind, table.headers, mapping as Record<string, number>);
    if (wrong.length > 0) {
      for (const w of wrong) console.error(`  ${w.field}: ${w.message}`);
      throw new AppError("validation_failed", `${basename(file)}: the columns could not all be mapped; write a mapping file and pass it with --mapping`);
    }
    for (const [field, index] of Object.entries(mapping)) console.error(`  ${table.headers[index] ?? "?"} → ${field}`);

    if (opts.dryRun) {
      const analysis = await analyseImport(db, kind, table, mapping);
      if (analysis.problems.length > 0) {
        printProblems(analysis.problems);
        throw new AppError("validation_failed", `${basename(file)}: ${analysis.problems.length} problems; nothing would be imported`);
      }
      console.log(`${basename(file)} (dry run, nothing written): ${summary(analysis.counts, kind)}`);
      return;
    }

    const now = new Date();
    const userId = await importingUserId(db, opts.user);
    const bar = new SingleBar({ stream: process.stderr, format: "  importing [{bar}] {value}/{total} rows", hideCursor: true, clearOnComplete: true });
    bar.start(table.rows.length, 0);
    try {
      const counts = await commitImport(db, kind, table, mapping, {
        userId,
        now,
        fileName: basename(file),
        onProgress: (done) => bar.update(done),
        finish: async (trx, result) => {
          // The run is kept in the import history (without its rows); the mapping is remembered.
          await insertJob(trx, {
            kind, file_name: basename(file), format: table.format, encoding: table.encoding ?? null, delimiter: table.delimiter ?? null,
            headers: JSON.stringify(table.headers), rows: "[]", row_count: table.rows.length, layout_key: layoutKey(kind, table.headers),
            mapping: JSON.stringify({ source: chosen ? "chosen" : "recognised", fields: mapping }), status: "committed",
            counts: JSON.stringify(result), created_by: userId, created_at: now.toISOString(), committed_at: now.toISOString(),
          });
          if (chosen) await rememberMapping(trx, kind, layoutKey(kind, table.headers), JSON.stringify(chosen), userId, now.toISOString());
        },
      });
      bar.stop();
      console.log(`${basename(file)}: ${summary(counts, kind)}`);
    } catch (error) {
      bar.stop();
      if (error instanceof ImportRowsInvalid) {
        printProblems(error.problems);
        throw new AppError("validation_failed", `${basename(file)}: ${error.message}`);
      }
      throw error;
    }
  });
}

export function registerImportCommands(importCommand: Command): void {
  for (const kind of ["relations", "persons"] as const) {
    importCommand
      .command(`${kind} <file>`)
      .description(
        kind === "relations"
          ? "import relations (CSV or XLSX; Dutch or English headers such as Bedrijfsnaam, KvK-nummer, Straat, Huisnummer, Postcode, Plaats, Telefoon, E-mail), matched on KvK number, else name + postcode; all or nothing"
          : "import persons (Voornaam, Tussenvoegsel, Achternaam, Functie, E-mail, Nieuwsbrief …) of relations named by KvK-nummer or Bedrijfsnaam + Postcode; all or nothing",
      )
      .option("--mapping <file>", 'JSON file: field → column header or number, e.g. { "name": "Firma", "city": 5 }')
      .option("--dry-run", "check the file and show what would happen; write nothing")
      .option("--sheet <name>", "XLSX: the worksheet to read (default: the first with data)")
      .option("--user <email>", "the user the import is recorded for in history and audit trail")
      .action((file: string, opts: ImportOptions) => runImport(kind, file, opts));
  }
}
