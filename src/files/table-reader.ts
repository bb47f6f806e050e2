// One entry point for every uploaded table read whole (imports that plan over all rows at once:
// relations, persons, products, quotes): the streaming reader of table-stream.ts, collected. Bad
// files are data, not throws.
import { type Result, err, ok } from "../domain/result.js";
import { MAX_TABLE_FILE_BYTES, type ReadTableOptions, type Table, type TableFileProblem, type TableRow } from "./table.js";
import { bufferSource, openTableStream, TableReadError } from "./table-stream.js";

export type { ReadTableOptions, Table, TableFileProblem, TableRow } from "./table.js";
export { MAX_TABLE_FILE_BYTES } from "./table.js";

export async function readTable(data: Buffer, fileName: string, options: ReadTableOptions = {}): Promise<Result<Table, TableFileProblem>> {
  const opened = await openTableStream(bufferSource(data), fileName, { ...options, maxBytes: MAX_TABLE_FILE_BYTES });
  if (!opened.ok) return opened;
  const { headers, format, encoding, delimiter } = opened.value;
  const rows: TableRow[] = [];
  try {
    for await (const row of opened.value.rows) rows.push(row);
  } catch (error) {
    if (error instanceof TableReadError) {
      const code = error.message.includes("more than") ? "too_large" : error.message.includes("bytes that are not") ? "encoding" : "unreadable";
      return err({ code, message: error.message });
    }
    throw error;
  }
  if (rows.length === 0) return err({ code: "empty", message: "The file has a header row but no data rows" });
  return ok({ headers, rows, format, ...(encoding ? { encoding } : {}), ...(delimiter ? { delimiter } : {}) });
}
