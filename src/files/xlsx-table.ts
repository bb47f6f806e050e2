// XLSX worksheets as text cells. The ZIP container is checked by zip-guard before exceljs sees it.
// Formulas are never evaluated: the value Excel cached when it saved the file is used, or else the
// formula text itself.
import ExcelJS from "exceljs";
import { type Result, err } from "../domain/result.js";
import { tableFromRecords } from "./csv-table.js";
import type { ReadTableOptions, Table, TableFileProblem } from "./table.js";
import { checkZip } from "./zip-guard.js";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A date cell as 'YYYY-MM-DD' (exceljs gives dates as UTC midnight of the day shown). */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * Numbers as plain text: at most 15 significant digits (what Excel shows), no exponent for integers,
 * and a decimal COMMA. The importers read cells in Dutch notation, where "12.345" means twelve
 * thousand; a numeric cell is unambiguous, so it is written the way they read 12,345 back.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(15))).replace(".", ",");
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return plainNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return isoDate(value);
  if ("error" in value) return value.error;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) return cellText(value.text as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) {
    if (value.result !== undefined && value.result !== null) return cellText(value.result as ExcelJS.CellValue);
    const formula = "formula" in value && value.formula ? value.formula : (value as ExcelJS.CellSharedFormulaValue).sharedFormula;
    return `=${formula}`;
  }
  return "";
}

export async function readXlsxTable(data: Buffer, options: ReadTableOptions): Promise<Result<Table, TableFileProblem>> {
  const zip = checkZip(data);
  if (!zip.ok) return zip;
  if (!zip.value.names.includes("xl/workbook.xml")) {
    return err({ code: "unreadable", message: "The file is a ZIP archive but not an Excel workbook (.xlsx); save the list from Excel as .xlsx or CSV" });
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return err({ code: "unreadable", message: `The XLSX workbook cannot be read (${detail}); open it in Excel and save it again` });
  }
  let sheet: ExcelJS.Worksheet | undefined;
  if (options.sheet !== undefined) {
    sheet = workbook.worksheets.find((w) => w.name.trim().toLowerCase() === options.sheet?.trim().toLowerCase());
    if (!sheet) {
      const names = workbook.worksheets.map((w) => `"${w.name}"`).join(", ");
      return err({ code: "unreadable", message: `The workbook has no sheet "${options.sheet}" (sheets: ${names})` });
    }
  } else {
    sheet = workbook.worksheets.find((w) => w.actualRowCount > 0) ?? workbook.worksheets[0];
  }
  if (!sheet || sheet.actualRowCount === 0) return err({ code: "empty", message: "The workbook has no sheet with data" });

  // records[i] is Excel row i + 1, so row numbers stay the ones Excel shows.
  const records: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(width, row.cellCount); c++) cells.push(cellText(row.getCell(c).value).trim());
    records[rowNumber - 1] = cells;
  });
  return tableFromRecords(records, 1, "xlsx", options);
}
