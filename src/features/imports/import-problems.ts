// The problems an import finds, by row and column, kept in import_problems so every page of the
// report reads them from the database (not from the whole file held in memory). A systematic error
// in a million rows is not a million lines worth reading: beyond STORED_PROBLEMS only the count grows.
import type { Db } from "../../db/kysely.js";

export const STORED_PROBLEMS = 10_000;

export interface ImportProblem {
  row: number;
  column: string;
  code: string;
  message: string;
  field?: string;
  /** The company of the row, as the file names it. */
  company?: string | null;
}

export class ProblemLog {
  private pending: ImportProblem[] = [];
  private stored = 0;
  count = 0;

  constructor(
    private readonly db: Db,
    private readonly importId: number,
  ) {}

  add(problem: ImportProblem): void {
    this.count += 1;
    if (this.stored + this.pending.length < STORED_PROBLEMS) this.pending.push(problem);
  }

  async flush(db: Db = this.db): Promise<void> {
    for (let i = 0; i < this.pending.length; i += 500) {
      const part = this.pending.slice(i, i + 500);
      await db
        .insertInto("import_problems")
        .values(part.map((p) => ({ job_id: this.importId, row_number: p.row, column_name: p.column.slice(0, 200), code: p.code, message: p.message.slice(0, 500), field: p.field ?? null, company: p.company?.slice(0, 200) ?? null })))
        .execute();
    }
    this.stored += this.pending.length;
    this.pending = [];
  }
}

export async function clearProblems(db: Db, importId: number): Promise<void> {
  await db.deleteFrom("import_problems").where("job_id", "=", importId).execute();
}

export function problemsPage(db: Db, importId: number, offset: number, limit: number) {
  return db
    .selectFrom("import_problems")
    .select(["row_number as row", "column_name as column", "code", "message", "field", "company"])
    .where("job_id", "=", importId)
    .orderBy("row_number")
    .orderBy("column_name")
    .offset(offset)
    .limit(limit)
    .execute();
}
