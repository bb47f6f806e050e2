// Recognising spreadsheet columns by their header, in Dutch or English, for the imports.
import { err, type Result } from "../domain/result.js";
import { normalizeKey } from "../domain/text.js";

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

/**
 * A domain parser whose error is a code (domain/import-values.ts), with the message this kind of
 * import shows instead: the parsers are shared, the wording is the report's.
 */
export function explained<T>(parse: (text: string) => Result<T>, message: (text: string) => string): (text: string) => Result<T> {
  return (text) => {
    const r = parse(text);
    return r.ok ? r : err(message(text.trim()));
  };
}
