// Form values of a quote ↔ the API body, and the live line amounts. The arithmetic is the server's
// own (features/quotes/quote-line.ts: quantity in thousandths, price in cents, discount in basis
// points, rounded once, half away from zero), so the amount shown is the amount saved.
import type { TFunction } from "i18next";
import { lineAmountCents, percentToBasisPoints, quantityToMilli } from "../../../features/quotes/quote-line.js";
import { ApiError, type FieldError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { centsToEuros, eurosToCents } from "../../components/money.js";
import type { ProductChoice } from "../products/ProductPicker.js";
import { isMonthText } from "./months.js";
import type { QuoteCreate, QuoteDetail } from "./quotes.api.js";

export interface LineValues {
  /** Stable React key of the row (rows can be removed from the middle). */
  key: string;
  product: ProductChoice | null;
  quantity: number | string;
  /** Euros, as typed; defaults to the product's list price. */
  unitPrice: number | string;
  /** Percent, at most 2 decimals. */
  discount: number | string;
}

export interface QuoteFormValues {
  contactPersonId: string | null;
  repId: string | null;
  title: string;
  lines: LineValues[];
  probability: number | string;
  decisionMonth: string;
  validUntil: string;
  notes: string;
  /** Needed when the advice (for the real total) is not go. */
  overruleReason: string;
}

let nextKey = 0;
export function emptyLine(): LineValues {
  nextKey += 1;
  return { key: `line-${nextKey}`, product: null, quantity: 1, unitPrice: "", discount: 0 };
}

/** A line's amount in cents, or null while a value is incomplete or invalid. */
export function lineAmount(line: LineValues): number | null {
  if (line.product === null || line.quantity === "" || line.unitPrice === "") return null;
  const quantity = quantityToMilli(Number(line.quantity));
  const price = eurosToCents(line.unitPrice);
  const discount = percentToBasisPoints(line.discount === "" ? 0 : Number(line.discount));
  if (!quantity.ok || price === null || price === undefined || !discount.ok) return null;
  return lineAmountCents(quantity.value, price, discount.value);
}

/** The sum of the line amounts in cents; null while any line is incomplete. */
export function totalOf(lines: readonly LineValues[]): number | null {
  let total = 0;
  for (const line of lines) {
    const amount = lineAmount(line);
    if (amount === null) return null;
    total += amount;
  }
  return total;
}

/** The unit price field of a newly picked product: its list price in euros ("" when unknown). */
export function listPriceText(product: ProductChoice): number | string {
  return product.listPriceCents === null ? "" : Number(centsToEuros(product.listPriceCents));
}

/** The saved lines of a draft as form lines, to edit them. */
export function linesOf(lines: QuoteDetail["lines"]): LineValues[] {
  return lines.map((l) => ({
    ...emptyLine(),
    product: l.product ? { ...l.product, listPriceCents: null } : null,
    quantity: l.quantity,
    unitPrice: Number(centsToEuros(l.unitPriceCents)),
    discount: l.discountBasisPoints / 100,
  }));
}

export function lineInputs(lines: readonly LineValues[]): QuoteCreate["lines"] {
  return lines.map((l) => ({
    productId: l.product?.id ?? 0,
    quantity: Number(l.quantity),
    unitPriceCents: eurosToCents(l.unitPrice) ?? 0,
    discountPercent: l.discount === "" ? 0 : Number(l.discount),
  }));
}

const text = (v: string) => (v.trim() === "" ? undefined : v.trim());

export function quoteBody(relationId: number, v: QuoteFormValues): Omit<QuoteCreate, "advice"> {
  return {
    relationId,
    contactPersonId: v.contactPersonId === null ? null : Number(v.contactPersonId),
    ...(v.repId !== null ? { repId: Number(v.repId) } : {}),
    title: text(v.title) ?? null,
    lines: lineInputs(v.lines),
    probability: Number(v.probability),
    decisionMonth: v.decisionMonth,
    validUntil: text(v.validUntil) ?? null,
    notes: text(v.notes) ?? null,
  };
}

export function validateQuote(t: TFunction) {
  return {
    probability: (v: number | string) => (v === "" ? t("fieldErrors.required") : Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 100 ? null : t("quotes.form.probabilityRange")),
    decisionMonth: (v: string) => (v === "" ? t("fieldErrors.required") : isMonthText(v) ? null : t("fieldErrors.month_invalid")),
    lines: {
      product: (v: ProductChoice | null) => (v === null ? t("fieldErrors.required") : null),
      quantity: (v: number | string) => (v === "" ? t("fieldErrors.required") : quantityToMilli(Number(v)).ok ? null : t("fieldErrors.quantity_invalid")),
      unitPrice: (v: number | string) => {
        const cents = eurosToCents(v);
        return cents === null ? t("fieldErrors.required") : cents === undefined ? t("fieldErrors.amount_invalid") : null;
      },
      discount: (v: number | string) => (v === "" || percentToBasisPoints(Number(v)).ok ? null : t("fieldErrors.discount_invalid")),
    },
  };
}

/** API field → form field: lines.2.unitPriceCents → lines.2.unitPrice; the advice's reason → overruleReason. */
const LINE_FIELDS: Record<string, string> = { productId: "product", quantity: "quantity", unitPriceCents: "unitPrice", discountPercent: "discount", discountBasisPoints: "discount" };
const TOP_FIELDS: Record<string, string> = {
  contactPersonId: "contactPersonId",
  repId: "repId",
  title: "title",
  probability: "probability",
  decisionMonth: "decisionMonth",
  decisionDate: "decisionMonth",
  validUntil: "validUntil",
  notes: "notes",
  lines: "lines",
  "advice.overruleReason": "overruleReason",
  lostReason: "lostReason",
  competitorWon: "competitorWon",
};

/** The server's field problems as form errors; the problems no field shows are returned apart. */
export function quoteFieldErrors(t: TFunction, error: unknown): { byField: Record<string, string>; other: FieldError[] } {
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  if (!(error instanceof ApiError)) return { byField, other };
  for (const problem of error.fields) {
    const line = /^lines\.(\d+)\.(\w+)$/.exec(problem.field);
    const field = line ? (LINE_FIELDS[line[2] ?? ""] ? `lines.${line[1]}.${LINE_FIELDS[line[2] ?? ""]}` : undefined) : TOP_FIELDS[problem.field];
    if (field === undefined) other.push(problem);
    else byField[field] ??= fieldMessage(t, problem);
  }
  return { byField, other };
}
