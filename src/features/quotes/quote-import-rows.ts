// Reading a spreadsheet of quotes as reps keep them: one row per quote (or per line, with the quote
// number repeated). Dutch or English headers; Dutch number notation; chance "35%"; decision a month
// name ("mei", "okt"), a month with year, a date, or "verloren"/"lost". Nothing touches the database.
import type { IsoDate, Month } from "../../domain/calendar.js";
import { monthOf } from "../../domain/calendar.js";
import { isLostMarker, parseAmount, parseDecision, parsePercentage, parseQuantity } from "../../domain/dutch-input.js";
import { formatQuoteNumber, parseQuoteNumber, type QuoteNumber } from "../../domain/quote-number.js";
import { normalizeKey } from "../../domain/text.js";
import { cellOf, type ImportProblem, matchColumns } from "../../files/import-columns.js";
import type { ImportTable } from "../../server/table-file.js";
import { quantityToMilli } from "./quote-line.js";

const FIELDS = {
  relation: ["naam", "relatie", "relatienaam", "klant", "klantnaam", "bedrijf", "bedrijfsnaam", "name", "relation", "relation name", "customer", "company"],
  number: ["offertenr", "offertenummer", "offerte nr", "offerte", "quote number", "quote no", "quote nr", "quote", "number"],
  product: ["product", "artikel", "productcode", "artikelcode", "product code", "item"],
  quantity: ["aantal", "hoeveelheid", "volume", "quantity", "qty", "units"],
  amount: ["bedrag", "offertebedrag", "waarde", "totaal", "amount", "value", "total"],
  chance: ["kans", "vk", "verkoopkans", "scoringskans", "chance", "probability", "win probability"],
  decision: ["beslissing", "beslismaand", "beslisdatum", "verwachte beslissing", "decision", "decision month", "expected decision", "close date"],
  rep: ["verkoper", "vertegenwoordiger", "accountmanager", "rep", "sales rep", "salesperson", "owner"],
} as const;
type Field = keyof typeof FIELDS;
const REQUIRED: Field[] = ["relation", "number", "amount", "chance", "decision"];

export interface ImportLine {
  row: number;
  product: string | null;
  quantityMilli: number;
  amountCents: number;
}

export interface ImportQuote {
  /** First row of the quote in the file. */
  row: number;
  number: QuoteNumber;
  relationName: string;
  rep: string | null;
  lost: boolean;
  /** 0 when lost. */
  probability: number;
  decisionMonth: Month;
  lines: ImportLine[];
  /** Header of each field's column, for messages. */
  columns: Partial<Record<Field, string>>;
}

interface RowValues {
  number: QuoteNumber | null;
  relationName: string;
  rep: string | null;
  lost: boolean;
  probability: number | null;
  decisionMonth: Month | null;
  line: ImportLine | null;
}

/** Every quote of the file, or every problem with it (row and column named). */
export function readQuoteRows(table: ImportTable, asOf: IsoDate): { quotes: ImportQuote[]; problems: ImportProblem[] } {
  const { columns, problems } = matchColumns<Field>(table.headers, FIELDS, REQUIRED);
  if (problems.length > 0) return { quotes: [], problems };
  if (table.rows.length === 0) return { quotes: [], problems: [{ row: null, column: null, message: "the file holds no quote rows" }] };
  const headers = Object.fromEntries(Object.entries(columns).map(([f, c]) => [f, c?.header])) as Partial<Record<Field, string>>;
  const byNumber = new Map<string, ImportQuote>();

  for (const { rowNumber, cells } of table.rows) {
    const fail = (f: Field, message: string) => problems.push({ row: rowNumber, column: headers[f] ?? f, message });
    const values = readRow(cells, columns, asOf, fail);
    if (values.number === null || values.probability === null || values.decisionMonth === null || values.line === null) continue;
    values.line.row = rowNumber;
    const key = formatQuoteNumber(values.number);
    const seen = byNumber.get(key);
    if (!seen) {
      byNumber.set(key, {
        row: rowNumber,
        number: values.number,
        relationName: values.relationName,
        rep: values.rep,
        lost: values.lost,
        probability: values.probability,
        decisionMonth: values.decisionMonth,
        lines: [values.line],
        columns: headers,
      });
      continue;
    }
    // Further rows of the same number are further lines; the quote's own fields must agree.
    const differs = (f: Field, same: boolean) => {
      if (!same) fail(f, `differs from row ${seen.row}, an earlier line of the same quote ${key}`);
      return !same;
    };
    const conflicts = [
      differs("relation", normalizeKey(values.relationName) === normalizeKey(seen.relationName)),
      differs("chance", values.lost === seen.lost && values.probability === seen.probability),
      differs("decision", values.decisionMonth === seen.decisionMonth),
      differs("rep", normalizeKey(values.rep ?? "") === normalizeKey(seen.rep ?? "")),
    ];
    if (!conflicts.some(Boolean)) seen.lines.push(values.line);
  }
  return { quotes: [...byNumber.values()], problems };
}

function readRow(
  cells: readonly string[],
  columns: ReturnType<typeof matchColumns<Field>>["columns"],
  asOf: IsoDate,
  fail: (f: Field, message: string) => void,
): RowValues {
  const cell = (f: Field) => cellOf(cells, columns, f);
  const out: RowValues = { number: null, relationName: cell("relation"), rep: cell("rep") || null, lost: false, probability: null, decisionMonth: null, line: null };
  if (out.relationName === "") fail("relation", "is empty: every quote needs the relation's name");
  else if (out.relationName.length > 200) fail("relation", "is longer than 200 characters");

  const numberText = cell("number");
  const number = parseQuoteNumber(numberText);
  if (numberText === "") fail("number", "is empty: the quote number makes a second import of the same file change nothing");
  else if (!number.ok) fail("number", `'${numberText}' is not a quote number: ${number.error}`);
  else out.number = number.value;

  const amountText = cell("amount");
  const amount = parseAmount(amountText);
  let amountCents: number | null = null;
  if (amountText === "") fail("amount", "is empty");
  else if (!amount.ok) fail("amount", `'${amountText}' is not an amount: ${amount.error}`);
  else if (amount.value < 0) fail("amount", `'${amountText}' is negative`);
  else amountCents = amount.value;

  const quantityText = cell("quantity");
  let quantityMilli: number | null = 1000; // no quantity: one unit (a contract, a project)
  if (quantityText !== "") {
    const quantity = parseQuantity(quantityText);
    const milli = quantity.ok ? quantityToMilli(quantity.value) : null;
    if (!quantity.ok) fail("quantity", `'${quantityText}' is not a quantity: ${quantity.error}`);
    else if (milli && !milli.ok) fail("quantity", `'${quantityText}': ${milli.error}`);
    quantityMilli = milli?.ok ? milli.value : null;
  }

  const product = cell("product");
  if (product.length > 50) fail("product", "is longer than 50 characters (a product code or short name is expected)");

  const chanceText = cell("chance");
  if (isLostMarker(chanceText)) out.lost = true;
  else if (chanceText === "") fail("chance", "is empty");
  else {
    const chance = parsePercentage(chanceText);
    if (!chance.ok) fail("chance", `'${chanceText}' is not a chance: ${chance.error}`);
    else out.probability = chance.value;
  }

  const decisionText = cell("decision");
  const decision = parseDecision(decisionText, asOf);
  if (decisionText === "") {
    if (!out.lost) fail("decision", "is empty: give the expected decision month, or 'verloren'/'lost'");
  }
  else if (!decision.ok) fail("decision", `'${decisionText}' is not a decision: ${decision.error}`);
  else if (decision.value.kind === "lost") out.lost = true;
  else out.decisionMonth = decision.value.month;

  if (out.lost) {
    // A lost quote stands at 0 % (DOMAIN.md); its month is the reference month when none is given.
    out.probability = 0;
    out.decisionMonth = out.decisionMonth ?? (decision.ok || decisionText === "" ? monthOf(asOf) : null);
  }
  if (amountCents !== null && quantityMilli !== null) out.line = { row: 0, product: product || null, quantityMilli, amountCents };
  return out;
}
