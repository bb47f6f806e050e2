// koers import sales FILE and koers sales rebuild: the same analysis and commit jobs the web app
// starts, run in a worker thread of this process with a progress bar, and the same row/column report.
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { SYSTEM_VIEWER, type Viewer } from "../domain/access.js";
import { SALES_FIELDS, type SalesField } from "../domain/sales-line.js";
import type { DatabaseHandle } from "../db/kysely.js";
import type { Config } from "../config.js";
import { normalizeHeader } from "../files/dutch-headers.js";
import { problemsPage } from "../features/imports/import-problems.js";
import { pathSource } from "../features/imports/import-source.js";
import type { JobRunner } from "../features/jobs/job-runner.js";
import type { SalesAnalysis } from "../features/sales/sales-analyse.job.js";
import type { SalesCommitResult } from "../features/sales/sales-commit.job.js";
import { commitSalesImport, startSalesImport } from "../features/sales/sales-import.service.js";
import { findUserByEmail } from "../features/users/user.repository.js";
import { toAuthUser } from "../features/users/user.service.js";
import { AppError } from "../server/errors.js";
import { cliRunner, runCliJob, runJobHere } from "./job-progress.js";
import { withDatabase } from "./session.js";

interface SalesImportOptions {
  createMissing?: boolean;
  dryRun?: boolean;
  user?: string;
  mapping?: string;
}

const SHOWN_PROBLEMS = 50;

async function viewerOf(handle: DatabaseHandle, email: string | undefined): Promise<Viewer> {
  if (!email) return SYSTEM_VIEWER;
  const row = await findUserByEmail(handle.db, email);
  if (!row) throw new AppError("not_found", `no user with e-mail ${email}`);
  return toAuthUser(handle.db, row);
}

/** { "<field>": "<column header>" | <column number, 1 = A> } → field → column index. */
function mappingFrom(json: string, headers: readonly string[]): Partial<Record<SalesField, number>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new AppError("bad_request", "--mapping is not JSON");
  }
  const out: Partial<Record<SalesField, number>> = {};
  for (const [field, column] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(SALES_FIELDS as readonly string[]).includes(field)) throw new AppError("bad_request", `mapping: "${field}" is not a field (fields: ${SALES_FIELDS.join(", ")})`);
    const index = typeof column === "number" ? column - 1 : headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(String(column)));
    if (index < 0 || index >= headers.length) throw new AppError("bad_request", `mapping: column "${String(column)}" is not in the file`);
    out[field as SalesField] = index;
  }
  return out;
}

async function importSales(handle: DatabaseHandle, config: Config, file: string, opts: SalesImportOptions): Promise<void> {
  const path = resolve(file);
  const source = pathSource(path);
  const viewer = await viewerOf(handle, opts.user);
  // One runner for the command: it claims the jobs it queues, and runs them here.
  const jobs = cliRunner(handle, config);
  try {
    await importWith(handle, jobs, file, path, source, viewer, opts);
  } finally {
    await jobs.stop();
  }
}

async function importWith(handle: DatabaseHandle, jobs: JobRunner, file: string, path: string, source: ReturnType<typeof pathSource>, viewer: Viewer, opts: SalesImportOptions): Promise<void> {
  let mapping: Partial<Record<SalesField, number>> | undefined;
  if (opts.mapping) {
    const { readFileSync } = await import("node:fs");
    const { openTableStream } = await import("../files/table-stream.js");
    const opened = await openTableStream(source, path, { maxBytes: Number.MAX_SAFE_INTEGER });
    if (!opened.ok) throw new AppError("validation_failed", `${basename(file)}: ${opened.error.message}`);
    mapping = mappingFrom(readFileSync(opts.mapping, "utf8"), opened.value.headers);
  }
  const started = await startSalesImport(handle.db, jobs, viewer, { fileName: basename(file), fileId: null, path, source, createMissing: opts.createMissing === true, ...(mapping ? { mapping } : {}) }, new Date());
  if (started.status === "mapping") {
    for (const f of started.requiredFields.filter((f) => started.mapping[f] === undefined)) console.error(`  no column for ${f}`);
    throw new AppError("validation_failed", `${basename(file)}: not every required column was recognised (columns: ${started.headers.join(", ")}); pass --mapping`);
  }
  for (const [field, index] of Object.entries(started.mapping)) console.error(`  ${started.headers[index] ?? "?"} → ${field}`);
  const analysisJobId = started.analysisJob?.id as number;
  // The job was queued by startSalesImport; run it here.
  const analysis = (await runJobHere(handle, jobs, analysisJobId)) as SalesAnalysis;
  if (analysis.problems > 0) {
    const problems = await problemsPage(handle.db, started.id, 0, SHOWN_PROBLEMS);
    for (const p of problems) console.error(`  row ${p.row}${p.column ? `, ${p.column}` : ""}: ${p.message}`);
    if (analysis.problems > problems.length) console.error(`  … and ${analysis.problems - problems.length} more`);
    throw new AppError("validation_failed", `${basename(file)}: ${analysis.problems} problem${analysis.problems === 1 ? "" : "s"}; nothing was imported. Fix the file and run again`);
  }
  console.error(`  ${analysis.rows.toLocaleString("en")} lines: ${analysis.lines.new} new, ${analysis.lines.changed} changed, ${analysis.lines.unchanged} unchanged${analysis.credits ? `, ${analysis.credits} credit lines` : ""}`);
  for (const d of analysis.deadDebtors) console.error(`  ${d.name} is dead in Koers: its lines are imported, it stays dead`);
  if (opts.dryRun) {
    console.log(`${basename(file)} (dry run, nothing written): ${analysis.lines.new} new, ${analysis.lines.changed} changed, ${analysis.lines.unchanged} unchanged`);
    return;
  }
  const committing = await commitSalesImport(handle.db, jobs, viewer, started.id);
  const result = (await runJobHere(handle, jobs, committing.commitJob?.id as number)) as SalesCommitResult;
  const made = Object.entries(result.createdMissing).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  console.log(
    `${basename(file)}: ${result.lines.created.toLocaleString("en")} lines created, ${result.lines.replaced} replaced, ${result.lines.unchanged} unchanged` +
      `${made.length > 0 ? `; created ${made.join(", ")}` : ""}${result.statusChanges > 0 ? `; ${result.statusChanges} relations changed status` : ""}`,
  );
}

export function registerSalesCommands(program: Command, importCommand: Command): void {
  importCommand
    .command("sales <file>")
    .description("import invoice lines from the ERP (CSV or XLSX: factuur, regel, datum, debiteur, artikel, aantal, omzet, kostprijs, verkoper, rayon), idempotent on invoice + line")
    .option("--create-missing", "create unknown debtors (as customers), products, salespeople and rayons")
    .option("--dry-run", "check the file and show what would happen; write nothing")
    .option("--mapping <file>", 'JSON file: field → column header or number, e.g. { "revenue": "Netto", "date": 3 }')
    .option("--user <email>", "the user the import is recorded for")
    .action((file: string, opts: SalesImportOptions) => withDatabase((handle, config) => importSales(handle, config, file, opts)));

  const sales = program.command("sales").description("sales figures (VIS)");
  sales
    .command("rebuild")
    .description("rebuild every sales rollup from the invoice lines and prove they equal a scan of the lines")
    .action(() =>
      withDatabase(async (handle, config) => {
        const result = (await runCliJob(handle, config, "sales.rebuild", {})) as { differences: Record<string, number>; equal: boolean };
        for (const [name, n] of Object.entries(result.differences)) console.log(`  ${name}: ${n === 0 ? "equal to the lines" : `${n} rows differ`}`);
        if (!result.equal) throw new AppError("internal", "the rollups differ from the lines");
        console.log("rollups rebuilt and equal to a scan of the lines");
      }),
    );
}
