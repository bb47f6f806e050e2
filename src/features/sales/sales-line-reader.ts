// The rows of a sales file read fast, with the same outcome as domain/sales-line.ts's readSalesLine.
//
// An ERP export repeats itself: 10 million lines name a few thousand dates, 50,000 debtors, 5,000
// products, 40 reps and 12 rayons, and most quantities are small whole numbers. readSalesLine checks
// each cell with regular expressions and builds its results anew for every row, which costs more
// than writing the row. Here a row is read from what earlier rows taught: every cell value that
// readSalesLine read without a problem is remembered with what it made of it (date, debtor, product,
// credit flag, quantity, rep, rayon — each a function of its own cells only), and amounts of the
// plain shapes 1234 / 1234,56 / 1234.56 are read by hand. A row with any cell not met before, or an
// amount of another shape, returns null: the caller reads it with readSalesLine (and calls learn).
// A property test holds the two readers equal (sales-line-reader.unit.test.ts).
import { decimalSeparatorOf } from "../../domain/dutch-input.js";
import { debtorKey, personKey, productKey, type DebtorRef, type SalesField, type SalesLineInput } from "../../domain/sales-line.js";

type Separator = "," | "." | null;

/** A line and what the importer derives from its cells: the keys and the decimal separators used. */
export interface ReadLine {
  line: SalesLineInput;
  debtorKey: string;
  productKey: string;
  repKey: string;
  rayonKey: string;
  /** decimalSeparatorOf the quantity, revenue and cost cells. */
  separators: readonly [Separator, Separator, Separator];
}

/**
 * A copy of `text` that holds nothing else alive. Cells are cut out of the decoded chunk of the file
 * they came from, and V8 keeps a cut of 13 characters or more as a view of the whole chunk: one
 * remembered cell would keep a megabyte of file text in memory (and the first rows of 50,000 debtors
 * the whole file).
 */
export function own<T extends string | null>(text: T): T {
  return (text === null || text.length < 13 ? text : Buffer.from(text, "utf8").toString("utf8")) as T;
}

const ownDebtor = (d: DebtorRef): DebtorRef => ({ number: own(d.number), name: own(d.name), kvk: own(d.kvk), postcode: own(d.postcode), city: own(d.city) });

/** Remembered values per kind stop growing here (a file of only distinct debtors stays bounded). */
const MAX_REMEMBERED = 500_000;

const DEBTOR_FIELDS = ["debtor", "debtorName", "kvkNumber", "postcode", "city"] as const;

const isLineNumber = (text: string) => {
  if (text.length === 0 || text.length > 9) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

export class SalesLineReader {
  private readonly at: Partial<Record<SalesField, number>>;
  private readonly debtorColumns: number[];
  private readonly dates = new Map<string, string>();
  private readonly debtors = new Map<string, { ref: DebtorRef; key: string }>();
  private readonly products = new Map<string, { product: SalesLineInput["product"]; key: string }>();
  private readonly credits = new Map<string, boolean>();
  /** Quantity text → milli as readSalesLine gives it, without and with the credit flag. */
  private readonly quantities = [new Map<string, number>(), new Map<string, number>()] as const;
  private readonly quantitySeparators = new Map<string, Separator>();
  private readonly people = new Map<string, { text: string | null; key: string }>();

  constructor(mapping: Partial<Record<SalesField, number>>) {
    this.at = mapping;
    this.debtorColumns = DEBTOR_FIELDS.map((f) => mapping[f]).filter((i): i is number => i !== undefined);
  }

  private cell(cells: readonly string[], f: SalesField): string {
    const i = this.at[f];
    return i === undefined ? "" : (cells[i] ?? "");
  }

  private debtorText(cells: readonly string[]): string {
    const cols = this.debtorColumns;
    if (cols.length === 1) return cells[cols[0] as number] ?? "";
    return cols.map((i) => cells[i] ?? "").join("\u0001");
  }

  private productText(cells: readonly string[]): string {
    const name = this.at.productName;
    return name === undefined ? this.cell(cells, "product") : `${this.cell(cells, "product")}\u0001${cells[name] ?? ""}`;
  }

  // The previous row's cell texts and what they were read as: an ERP writes an invoice's lines one
  // after the other, so the next row mostly repeats its date, debtor, credit flag, rep and rayon. A
  // comparison with the previous text costs less than a map lookup (which hashes the fresh text).
  private lastDate: string | null = null;
  private lastInvoiceDate = "";
  private lastDebtor: string | null = null;
  private lastDebtorEntry: { ref: DebtorRef; key: string } | undefined;
  private lastRep: string | null = null;
  private lastRepEntry: { text: string | null; key: string } | undefined;
  private lastRayon: string | null = null;
  private lastRayonEntry: { text: string | null; key: string } | undefined;
  /** plainAmount's result of the last call that returned true. */
  private cents = 0;
  private separator: Separator = null;

  /** A plain amount (cents, unsigned) into this.cents and this.separator; false for any other shape. */
  private plainAmount(text: string): boolean {
    const n = text.length;
    if (n === 0 || n > 12) return false;
    let whole = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      whole = whole * 10 + (c - 48);
    }
    if (i === 0 || i > 9) return false;
    if (i === n) {
      this.cents = whole * 100;
      this.separator = null;
      return true;
    }
    const sep = text.charCodeAt(i);
    if (sep !== 44 && sep !== 46) return false;
    const digits = n - i - 1;
    if (digits < 1 || digits > 2) return false;
    let fraction = 0;
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c < 48 || c > 57) return false;
      fraction = fraction * 10 + (c - 48);
    }
    this.cents = whole * 100 + (digits === 1 ? fraction * 10 : fraction);
    this.separator = sep === 44 ? "," : ".";
    return true;
  }

  /** The row read from remembered values, or null when readSalesLine must read it. Cells are trimmed. */
  read(cells: readonly string[]): ReadLine | null {
    const invoiceNumber = this.cell(cells, "invoice");
    if (invoiceNumber === "" || invoiceNumber.length > 50) return null;
    const lineText = this.cell(cells, "line");
    if (lineText !== "" && !isLineNumber(lineText)) return null;
    const dateText = this.cell(cells, "date");
    let invoiceDate: string | undefined;
    if (dateText === this.lastDate) invoiceDate = this.lastInvoiceDate;
    else {
      invoiceDate = this.dates.get(dateText);
      if (invoiceDate === undefined) return null;
      this.lastDate = dateText;
      this.lastInvoiceDate = invoiceDate;
    }
    const debtorText = this.debtorText(cells);
    let debtor: { ref: DebtorRef; key: string } | undefined;
    if (debtorText === this.lastDebtor) debtor = this.lastDebtorEntry;
    else {
      debtor = this.debtors.get(debtorText);
      if (debtor === undefined) return null;
      this.lastDebtor = debtorText;
      this.lastDebtorEntry = debtor;
    }
    if (debtor === undefined) return null;
    const product = this.products.get(this.productText(cells));
    if (product === undefined) return null;
    const credit = this.credits.get(this.cell(cells, "credit"));
    if (credit === undefined) return null;
    const quantityText = this.cell(cells, "quantity");
    const quantityMilli = this.quantities[credit ? 1 : 0].get(quantityText);
    const quantitySeparator = this.quantitySeparators.get(quantityText);
    if (quantityMilli === undefined || quantitySeparator === undefined) return null;
    if (!this.plainAmount(this.cell(cells, "revenue"))) return null;
    const revenueCents = this.cents;
    const revenueSeparator = this.separator;
    const costText = this.cell(cells, "cost");
    let costCents: number | null = null;
    let costSeparator: Separator = null;
    if (costText !== "") {
      if (!this.plainAmount(costText)) return null;
      costCents = this.cents;
      costSeparator = this.separator;
    }
    const repText = this.cell(cells, "rep");
    let rep: { text: string | null; key: string } | undefined;
    if (repText === this.lastRep) rep = this.lastRepEntry;
    else {
      rep = this.people.get(repText);
      if (rep === undefined) return null;
      this.lastRep = repText;
      this.lastRepEntry = rep;
    }
    const rayonText = this.cell(cells, "rayon");
    let rayon: { text: string | null; key: string } | undefined;
    if (rayonText === this.lastRayon) rayon = this.lastRayonEntry;
    else {
      rayon = this.people.get(rayonText);
      if (rayon === undefined) return null;
      this.lastRayon = rayonText;
      this.lastRayonEntry = rayon;
    }
    if (rep === undefined || rayon === undefined) return null;
    // readSalesLine's sign rule for a credit line: a positive number becomes its negative.
    return {
      line: {
        invoiceNumber,
        lineNumber: lineText === "" ? null : Number(lineText),
        invoiceDate,
        debtor: debtor.ref,
        product: product.product,
        quantityMilli,
        revenueCents: credit && revenueCents > 0 ? -revenueCents : revenueCents,
        costCents: costCents !== null && credit && costCents > 0 ? -costCents : costCents,
        rep: rep.text,
        rayon: rayon.text,
        credit,
      },
      debtorKey: debtor.key,
      productKey: product.key,
      repKey: rep.key,
      rayonKey: rayon.key,
      separators: [quantitySeparator, revenueSeparator, costSeparator],
    };
  }

  /** Remembers the cell values of a row that readSalesLine read without a problem, and what it made of them. */
  learn(cells: readonly string[], line: SalesLineInput): void {
    // Keys and values are owned copies (see own): they live as long as the import.
    const remember = <V>(map: Map<string, V>, key: string, value: () => V) => {
      if (map.size < MAX_REMEMBERED && !map.has(key)) map.set(own(key), value());
    };
    remember(this.dates, this.cell(cells, "date"), () => own(line.invoiceDate));
    remember(this.debtors, this.debtorText(cells), () => ({ ref: ownDebtor(line.debtor), key: debtorKey(line.debtor) }));
    remember(this.products, this.productText(cells), () => ({ product: { code: own(line.product.code), name: own(line.product.name) }, key: productKey(line.product.code) }));
    remember(this.credits, this.cell(cells, "credit"), () => line.credit);
    const quantityText = this.cell(cells, "quantity");
    remember(this.quantities[line.credit ? 1 : 0], quantityText, () => line.quantityMilli);
    remember(this.quantitySeparators, quantityText, () => decimalSeparatorOf(quantityText));
    remember(this.people, this.cell(cells, "rep"), () => ({ text: own(line.rep), key: personKey(line.rep) }));
    remember(this.people, this.cell(cells, "rayon"), () => ({ text: own(line.rayon), key: personKey(line.rayon) }));
  }
}
