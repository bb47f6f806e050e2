// One invoice line from the ERP, as a row of a sales import: read, checked and normalised. The
// importer adds the row number and column header; here only the values count.
//
// Credit notes: a credit line counts against its period with negative quantity and revenue. ERPs
// write them either with negative numbers and a credit flag, or with positive numbers and a flag;
// a negative quantity or revenue WITHOUT a flag is refused (a sign error must not pass as a credit).
import { isIsoDate } from "./calendar.js";
import { parseAmount, parseQuantityMilli } from "./dutch-input.js";
import { parseDutchDate, parseYesNo } from "./import-values.js";
import { normalizeKey } from "./text.js";

export const SALES_FIELDS = [
  "invoice",
  "line",
  "date",
  "debtor",
  "debtorName",
  "kvkNumber",
  "postcode",
  "city",
  "product",
  "productName",
  "quantity",
  "revenue",
  "cost",
  "rep",
  "rayon",
  "credit",
] as const;
export type SalesField = (typeof SALES_FIELDS)[number];
export const REQUIRED_SALES_FIELDS: readonly SalesField[] = ["invoice", "date", "debtor", "product", "revenue"];

export interface SalesLineInput {
  invoiceNumber: string;
  /** null when the file has no line column: the importer numbers the lines of an invoice in file order. */
  lineNumber: number | null;
  invoiceDate: string;
  debtor: DebtorRef;
  product: { code: string; name: string | null };
  quantityMilli: number;
  revenueCents: number;
  /** null: the ERP gave no cost, so no margin. */
  costCents: number | null;
  rep: string | null;
  rayon: string | null;
  credit: boolean;
}

/** How the file names a debtor: ERP debtor number and/or name, KvK number, postcode. */
export interface DebtorRef {
  number: string | null;
  name: string | null;
  kvk: string | null;
  postcode: string | null;
  city: string | null;
}

export interface SalesCellProblem {
  field: SalesField;
  code: string;
  message: string;
}

/** The window of dates a sales line may have: not before 1990, not after today. */
export interface DateWindow {
  earliest: string;
  latest: string;
}

const MAX_TEXT = 200;

/** Reads one row (cells by field, "" when the column is absent) into a line, or its problems. */
export function readSalesLine(cell: (f: SalesField) => string, window: DateWindow): { line: SalesLineInput | null; problems: SalesCellProblem[] } {
  const problems: SalesCellProblem[] = [];
  const fail = (field: SalesField, code: string, message: string) => problems.push({ field, code, message });

  const invoiceNumber = cell("invoice");
  if (invoiceNumber === "") fail("invoice", "required", "is empty");
  else if (invoiceNumber.length > 50) fail("invoice", "too_long", "is longer than 50 characters");

  let lineNumber: number | null = null;
  const lineText = cell("line");
  if (lineText !== "") {
    if (!/^\d{1,9}$/.test(lineText)) fail("line", "line_invalid", `expected a line number such as 1, got "${lineText}"`);
    else lineNumber = Number(lineText);
  }

  let invoiceDate = "";
  const dateText = cell("date");
  if (dateText === "") fail("date", "required", "is empty");
  else {
    const parsed = parseDutchDate(dateText);
    if (!parsed.ok || !isIsoDate(parsed.value)) fail("date", "date_invalid", `expected a date such as 15-03-2025 or 2025-03-15, got "${dateText}"`);
    else if (parsed.value < window.earliest || parsed.value > window.latest) {
      fail("date", "date_out_of_range", `${parsed.value} lies outside ${window.earliest} – ${window.latest}`);
    } else invoiceDate = parsed.value;
  }

  const debtorText = cell("debtor");
  const debtorName = cell("debtorName") || null;
  if (debtorText === "" && debtorName === null) fail("debtor", "required", "is empty");
  const debtor: DebtorRef = {
    // A debtor column of digits and codes is the ERP number; with letters and spaces it is a name.
    number: debtorText !== "" && isDebtorNumber(debtorText) ? debtorText : null,
    name: debtorName ?? (debtorText !== "" && !isDebtorNumber(debtorText) ? debtorText.slice(0, MAX_TEXT) : null),
    kvk: cell("kvkNumber").replace(/\D/g, "") || null,
    postcode: normalizePostcode(cell("postcode")),
    city: cell("city") || null,
  };

  const productCode = cell("product");
  if (productCode === "") fail("product", "required", "is empty");

  const credit = readCredit(cell("credit"), fail);
  const quantity = readSigned("quantity", cell("quantity") === "" ? "1" : cell("quantity"), parseQuantityMilli, credit, fail);
  const revenue = readSigned("revenue", cell("revenue"), parseAmount, credit, fail, true);
  const costText = cell("cost");
  const cost = costText === "" ? null : readSigned("cost", costText, parseAmount, credit, fail);

  if (problems.length > 0) return { line: null, problems };
  return {
    line: {
      invoiceNumber,
      lineNumber,
      invoiceDate,
      debtor,
      product: { code: productCode.slice(0, 50), name: cell("productName") || null },
      quantityMilli: quantity ?? 0,
      revenueCents: revenue ?? 0,
      costCents: cost,
      rep: cell("rep") || null,
      rayon: cell("rayon") || null,
      credit,
    },
    problems,
  };
}

function readCredit(text: string, fail: (f: SalesField, code: string, message: string) => void): boolean {
  if (text === "") return false;
  const t = text.trim().toLowerCase();
  if (["credit", "creditnota", "cn", "c", "creditfactuur"].includes(t)) return true;
  if (["debet", "factuur", "invoice", "d", "f"].includes(t)) return false;
  const yesNo = parseYesNo(text);
  if (yesNo.ok) return yesNo.value;
  fail("credit", "credit_invalid", `expected ja/nee or credit/factuur, got "${text}"`);
  return false;
}

/**
 * A number whose sign must agree with the credit flag. With the flag, a positive number is the size
 * of the credit and is made negative; without it, a negative number is refused.
 */
function readSigned(
  field: SalesField,
  text: string,
  parse: (t: string) => { ok: true; value: number } | { ok: false; error: string },
  credit: boolean,
  fail: (f: SalesField, code: string, message: string) => void,
  required = false,
): number | null {
  if (text === "") {
    if (required) fail(field, "required", "is empty");
    return null;
  }
  const r = parse(text);
  if (!r.ok) {
    fail(field, field === "quantity" ? "quantity_invalid" : "amount_invalid", r.error);
    return null;
  }
  if (credit) return r.value > 0 ? -r.value : r.value;
  if (r.value < 0) {
    fail(field, "negative_without_credit", `is negative (${text}) on a line that is not marked as a credit note`);
    return null;
  }
  return r.value;
}

/** ERP debtor numbers: a code with at least one digit and no spaces ("10042", "D-1001", "DEB.77A"). */
export function isDebtorNumber(text: string): boolean {
  return /^[A-Za-z0-9][\w\-./]{0,29}$/.test(text.trim()) && /\d/.test(text);
}

function normalizePostcode(text: string): string | null {
  const m = /^(\d{4})\s*([a-zA-Z]{2})$/.exec(text.trim());
  return m ? `${m[1]} ${m[2]?.toUpperCase()}` : null;
}

/** The key a debtor is known by within one import: the same key is the same debtor. */
export function debtorKey(d: DebtorRef): string {
  if (d.number !== null) return `n:${d.number.toLowerCase()}`;
  if (d.kvk !== null) return `k:${d.kvk}`;
  return `p:${normalizeKey(d.name ?? "")}|${d.postcode ?? ""}`;
}

export const productKey = (code: string) => code.trim().toLowerCase();
export const personKey = (text: string | null) => (text === null ? "" : normalizeKey(text));
