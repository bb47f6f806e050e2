// One entry point for every uploaded table (imports of relations, persons, quotes, sales …):
// CSV or XLSX by content, with size, encoding and zip-bomb checks. Bad files are data, not throws.
import { type Result, err } from "../domain/result.js";
import { readCsvTable } from "./csv-table.js";
import { MAX_TABLE_FILE_BYTES, type ReadTableOptions, type Table, type TableFileProblem } from "./table.js";
import { readXlsxTable } from "./xlsx-table.js";
import { startsLikeZip } from "./zip-guard.js";

export type { ReadTableOptions, Table, TableFileProblem, TableRow } from "./table.js";
export { MAX_TABLE_FILE_BYTES } from "./table.js";

/** An OLE2 compound file: an old .xls, or an XLSX encrypted with a password. */
const isOle2 = (d: Buffer) => d.length >= 8 && d.readUInt32BE(0) === 0xd0cf11e0 && d.readUInt32BE(4) === 0xa1b11ae1;

export async function readTable(data: Buffer, fileName: string, options: ReadTableOptions = {}): Promise<Result<Table, TableFileProblem>> {
  if (data.length > MAX_TABLE_FILE_BYTES) {
    return err({ code: "too_large", message: `The file is ${(data.length / 1024 / 1024).toFixed(1)} MB; at most ${MAX_TABLE_FILE_BYTES / 1024 / 1024} MB is accepted` });
  }
  if (data.length === 0) return err({ code: "empty", message: "The file is empty" });
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? "";
  if (isOle2(data)) {
    return err({
      code: "unreadable",
      message: "This is an old Excel (.xls) or password-protected workbook; save it as .xlsx without a password, or as CSV",
    });
  }
  // The content decides, not the name: an XLSX renamed to .csv is still read as a workbook.
  if (startsLikeZip(data)) return readXlsxTable(data, options);
  if (extension === "xlsx" || extension === "xlsm" || extension === "xls") {
    return err({ code: "not_a_zip", message: `"${fileName}" is not a real Excel workbook (an XLSX file is a ZIP archive); save it again as .xlsx or as CSV` });
  }
  return readCsvTable(data, options);
}
