// Spreadsheet files for the product and quote imports, through the shared reader (src/files): a file
// that cannot be read at all is a 4xx with the reader's message; rows are checked by the importers.
import { readTable, type Table } from "../files/table-reader.js";
import { AppError } from "./errors.js";

/** What the importers need of a table: the header texts and the data rows with their row numbers. */
export type ImportTable = Pick<Table, "headers" | "rows">;

export async function readTableFile(buffer: Buffer, fileName: string): Promise<ImportTable> {
  const result = await readTable(buffer, fileName);
  if (!result.ok) {
    throw new AppError(result.error.code === "too_large" ? "payload_too_large" : "bad_request", `${fileName}: ${result.error.message}`);
  }
  return result.value;
}
