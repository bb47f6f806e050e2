// Recognising spreadsheet columns by their header, in Dutch or English, for the imports.
import { isIsoDate } from "../../domain/calendar.js";
import { err, ok, type Result } from "../../domain/result.js";
import { normalizeKey } from "../../domain/text.js";

export interface ImportProblem {
  /** Row number in the file (header = 1); null for a problem with the file as a whole. */
  row: number | null;
  /** The column's header as written in the file. */
  column: string | null;
  message: string;
}

/** "row 7, column Bedrag: …", the form the CLI prints. */
export function describeProblem(p: ImportProblem): string {
  const where = [p.row !== null ? `row ${p.row}` : null, p.column !== null ? `column ${p.column}` : null].filter(Boolean).join(", ");
  return where === "" ? p.message : `${where}: ${p.message}`;
}

export type ColumnIndex<F extends string> = Partial<Record<F, { index: number; header: string }>>;

/**
 * Finds each field's column: a header matches when its normalised form equals one of the field's
 * names ("Offertenr." and "offerte nr" both normalise to a listed name). Missing required fields are
 * reported; a field found twice is reported too (which column would win is a guess).
 */
export function matchColumns<F extends string>(
  headers: readonly string[],
  names: Readonly<Record<F, readonly string[]>>,
  required: readonly F[],
): { columns: ColumnIndex<F>; problems: ImportProblem[] } {
  const columns: ColumnIndex<F> = {};
  const problems: ImportProblem[] = [];
  const lookup = new Map<string, F>();
  for (const [field, list] of Object.entries(names) as [F, readonly string[]][]) for (const n of list) lookup.set(normalizeKey(n), field);
  headers.forEach((header, index) => {
    const field = lookup.get(normalizeKey(header));
    if (field === undefined) return;
    if (columns[field]) problems.push({ row: 1, column: header, message: `is a second column for ${field} (first: ${columns[field]?.header})` });
    else columns[field] = { index, header };
  });
  for (const field of required) {
    if (!columns[field]) {
      problems.push({
        row: null,
        column: null,
        message: `no column for ${field}: expected a header such as ${names[field].slice(0, 3).map((n) => `"${n}"`).join(", ")} (found: ${headers.join(", ") || "nothing"})`,
      });
    }
  }
  return { columns, problems };
}

/** The trimmed cell of a field, or "" when the column is absent or the row is short. */
export function cellOf<F extends string>(cells: readonly string[], columns: ColumnIndex<F>, field: F): string {
  const column = columns[field];
  return column ? (cells[column.index] ?? "").trim() : "";
}

/** A calendar date: 2027-03-15, 15-03-2027, 15/3/2027 or 15.3.2027 (day first, Dutch). */
export function parseDate(text: string): Result<string> {
  const t = text.trim();
  if (isIsoDate(t)) return ok(t);
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) {
    const iso = `${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}`;
    if (isIsoDate(iso)) return ok(iso);
  }
  return err(`expected a date such as 15-03-2027 or 2027-03-15, got "${t}"`);
}

const YES = new Set(["ja", "j", "yes", "y", "1", "true", "waar", "actief", "active"]);
const NO = new Set(["nee", "n", "no", "0", "false", "onwaar", "inactief", "inactive"]);

export function parseYesNo(text: string): Result<boolean> {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return ok(true);
  if (NO.has(t)) return ok(false);
  return err(`expected ja/nee or yes/no, got "${text.trim()}"`);
}
