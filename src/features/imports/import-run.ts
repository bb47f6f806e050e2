// The import engine shared by the HTTP flow and the CLI: read rows → plan against the database →
// commit in ONE transaction. All or nothing: a failure anywhere (a bad row found at commit time,
// someone editing a matched relation meanwhile, a lost connection, a killed process) leaves no
// imported row behind, and since matching makes a rerun idempotent the same file can simply be run
// again. (Chosen over resumable batches: a half-imported file is exactly what DOMAIN.md's "imports
// nothing half" forbids, and one transaction of 100,000 rows takes seconds — see bench/import.)
import { amsterdamDate } from "../../server/time.js";
import type { Db } from "../../db/kysely.js";
import type { Table } from "../../files/table-reader.js";
import { AppError } from "../../server/errors.js";
import { recordConsent } from "../consent/consent.service.js";
import { type PersonPlanItem, planPersons, planRelations, type RelationPlanItem, type RowAction } from "./import-plan.js";
import { type ImportMapping, type PersonCandidate, readPersonRow, readRelationRow, type RelationCandidate, type RowProblem } from "./import-row.js";
import { writePersons } from "../persons/person-batch.js";
import { writeRelations } from "../relations/relation-batch.js";

export const IMPORT_KINDS = ["relations", "persons"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  skippedDead: number;
  skippedDuplicate: number;
  /** Persons imports: newsletter consents recorded. */
  consentsRecorded: number;
  /** Rows set aside because of their problems (only when the user chose to import the good rows). */
  rejected?: number;
}

export type PlanItem = RelationPlanItem | PersonPlanItem;

export interface ImportAnalysis {
  problems: RowProblem[];
  items: PlanItem[];
  counts: ImportCounts;
}

type TableRows = Pick<Table, "headers" | "rows">;

function readRows(kind: ImportKind, table: TableRows, mapping: ImportMapping) {
  const problems: RowProblem[] = [];
  const candidates: (RelationCandidate | PersonCandidate)[] = [];
  const read = kind === "relations" ? readRelationRow : readPersonRow;
  for (const row of table.rows) {
    const result = read(table.headers, mapping, row.rowNumber, row.cells);
    problems.push(...result.problems);
    if (result.candidate) candidates.push(result.candidate);
  }
  return { problems, candidates };
}

export function countActions(items: readonly PlanItem[]): ImportCounts {
  const n = (a: RowAction) => items.filter((i) => i.action === a).length;
  return {
    created: n("create"),
    updated: n("update"),
    unchanged: n("unchanged"),
    skippedDead: n("skip_dead"),
    skippedDuplicate: n("skip_duplicate"),
    consentsRecorded: items.filter((i) => "consent" in i && i.consent !== null).length,
  };
}

/** Problems found while matching name the field; the user needs the column header of the file. */
function named(problems: readonly RowProblem[], table: TableRows, mapping: ImportMapping): RowProblem[] {
  return problems.map((p) => {
    const index = mapping[p.field];
    return index === undefined ? p : { ...p, column: table.headers[index] ?? p.column };
  });
}

/** What the import would do, row by row, without writing anything. */
export async function analyseImport(db: Db, kind: ImportKind, table: TableRows, mapping: ImportMapping): Promise<ImportAnalysis> {
  const { problems, candidates } = readRows(kind, table, mapping);
  const plan =
    kind === "relations"
      ? await planRelations(db, candidates as RelationCandidate[])
      : await planPersons(db, candidates as PersonCandidate[]);
  const all = [...problems, ...named(plan.problems, table, mapping)].sort((a, b) => a.row - b.row);
  return { problems: all, items: plan.items, counts: countActions(plan.items) };
}

export interface CommitOptions {
  userId: number | null;
  now: Date;
  fileName: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Import the good rows and set aside every row with a problem (the user's choice; the default is
   * all or nothing). The rejected rows and their problems reach `finish`.
   */
  skipInvalid?: boolean;
  /** Runs last inside the transaction (e.g. marking the job committed). */
  finish?: (trx: Db, counts: ImportCounts, rejected: readonly RowProblem[]) => Promise<void>;
}

export class ImportRowsInvalid extends AppError {
  constructor(readonly problems: readonly RowProblem[]) {
    const shown = problems.slice(0, 50);
    const rows = new Set(problems.map((p) => p.row)).size;
    super(
      "validation_failed",
      `${rows} row${rows === 1 ? "" : "s"} cannot be imported (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was imported. Fix the file and try again`,
      shown.map((p) => ({ field: `row ${p.row}${p.company ? ` (${p.company})` : ""}, ${p.column}`, code: p.code, message: p.message })),
    );
  }
}

/**
 * Plans and writes in one transaction; throws ImportRowsInvalid (nothing written) when any row is
 * wrong — unless `skipInvalid`, when the rows with problems are left out and the rest is written.
 */
export async function commitImport(db: Db, kind: ImportKind, table: TableRows, mapping: ImportMapping, options: CommitOptions): Promise<ImportCounts> {
  const read = readRows(kind, table, mapping);
  if (read.problems.length > 0 && !options.skipInvalid) throw new ImportRowsInvalid(read.problems);
  const rejected: RowProblem[] = [...read.problems];
  return db.transaction().execute(async (trx) => {
    const at = options.now.toISOString();
    let candidates = read.candidates;
    const ctx = {
      userId: options.userId,
      at,
      reason: `Import ${options.fileName}`,
      onProgress: (done: number) => options.onProgress?.(done, candidates.length),
    };
    // Matching problems (a taken debtor number, an unknown owner) are found by the plan. Set aside,
    // the plan is made again without those rows: a later row that repeated a rejected one is then
    // that relation's row. Rows are only ever removed, so this ends (at most once per row).
    const planned = async () => {
      for (;;) {
        const plan = kind === "relations" ? await planRelations(trx, candidates as RelationCandidate[]) : await planPersons(trx, candidates as PersonCandidate[]);
        if (plan.problems.length === 0) return plan;
        const problems = named(plan.problems, table, mapping);
        if (!options.skipInvalid) throw new ImportRowsInvalid(problems);
        rejected.push(...problems);
        const bad = new Set(problems.map((p) => p.row));
        candidates = candidates.filter((c) => !bad.has(c.row));
      }
    };
    const plan = await planned();
    if (kind === "relations") {
      await writeRelations(trx, plan.items as RelationPlanItem[], ctx);
    } else {
      const items = plan.items as PersonPlanItem[];
      const personIds = await writePersons(trx, items, ctx);
      await recordConsents(trx, items, personIds, options);
    }
    rejected.sort((a, b) => a.row - b.row);
    const counts: ImportCounts = { ...countActions(plan.items), ...(options.skipInvalid ? { rejected: new Set(rejected.map((p) => p.row)).size } : {}) };
    await options.finish?.(trx, counts, rejected);
    return counts;
  });
}

async function recordConsents(trx: Db, items: readonly PersonPlanItem[], personIds: Map<number, number>, options: CommitOptions) {
  const today = amsterdamDate(options.now);
  for (const item of items) {
    const personId = personIds.get(item.row);
    if (item.consent === null || personId === undefined) continue;
    await recordConsent(
      trx,
      personId,
      item.relationId,
      {
        purpose: "newsletter",
        state: item.consent,
        date: today,
        source: "import",
        textVersion: item.consent === "given" ? `import ${options.fileName}` : null,
        proof: `${options.fileName}, row ${item.row}`,
      },
      { userId: options.userId, now: options.now, today },
    );
  }
}
