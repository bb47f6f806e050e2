// What the first bytes of an upload already tell, checked while the request is still open so the
// user hears at once that a file is empty, an old .xls or not a real workbook. Everything else about
// the file is read by a background job.
import type { TableFileProblem } from "./table.js";
import { startsLikeZip } from "./zip-guard.js";

const isOle2 = (d: Buffer) => d.length >= 8 && d.readUInt32BE(0) === 0xd0cf11e0 && d.readUInt32BE(4) === 0xa1b11ae1;

export function headProblem(head: Buffer, size: number, fileName: string): TableFileProblem | null {
  if (size === 0 || head.toString("utf8").trim() === "") return { code: "empty", message: "The file is empty" };
  if (isOle2(head)) return { code: "unreadable", message: "This is an old Excel (.xls) or password-protected workbook; save it as .xlsx without a password, or as CSV" };
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? "";
  if (!startsLikeZip(head) && ["xlsx", "xlsm", "xls"].includes(extension)) {
    return { code: "not_a_zip", message: `"${fileName}" is not a real Excel workbook (an XLSX file is a ZIP archive); save it again as .xlsx or as CSV` };
  }
  return null;
}
