// From API input to quote columns: lines priced from products, the decision month, and checks of the
// people a quote points at. Every problem is collected so the form can show each beside its field.
import { isIsoDate, type Month, monthOf } from "../../domain/calendar.js";
import { AppError, type FieldProblem, fieldProblem } from "../../server/errors.js";
import { getPerson } from "../persons/person.service.js";
import type { Viewer } from "../../domain/access.js";
import { mayActFor } from "../../domain/acting.js";
import { actorOf } from "../users/user.service.js";
import { productsByIds } from "../products/product.service.js";
import type { Db } from "../../db/kysely.js";
import { lineAmountCents, percentToBasisPoints, quantityToMilli } from "./quote-line.js";
import type { QuoteLineInputDto } from "./quote.schemas.js";

export interface PreparedLine {
  position: number;
  product_id: number | null;
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  discount_bp: number;
  amount_cents: number;
}

export interface Totals {
  totalCents: number;
  unitsMilli: number;
}

export function totalsOf(lines: readonly Pick<PreparedLine, "amount_cents" | "quantity_milli">[]): Totals {
  return {
    totalCents: lines.reduce((sum, l) => sum + l.amount_cents, 0),
    unitsMilli: lines.reduce((sum, l) => sum + l.quantity_milli, 0),
  };
}

/** Prices every line: unit price defaults to the list price, discount in basis points or percent. */
export async function prepareLines(db: Db, viewer: Viewer, inputs: readonly QuoteLineInputDto[]): Promise<{ lines: PreparedLine[]; problems: FieldProblem[] }> {
  const products = await productsByIds(db, viewer, inputs.map((l) => l.productId));
  const problems: FieldProblem[] = [];
  const lines: PreparedLine[] = [];
  inputs.forEach((input, i) => {
    const at = (field: string) => `lines.${i}.${field}`;
    const product = products.get(input.productId);
    if (!product) problems.push(fieldProblem(at("productId"), "product_unknown"));
    const quantity = quantityToMilli(input.quantity);
    if (!quantity.ok) problems.push(fieldProblem(at("quantity"), "quantity_invalid"));
    let discount = input.discountBasisPoints ?? 0;
    if (input.discountPercent !== undefined) {
      const bp = percentToBasisPoints(input.discountPercent);
      if (input.discountBasisPoints !== undefined) problems.push(fieldProblem(at("discountPercent"), "discount_given_twice"));
      else if (!bp.ok) problems.push(fieldProblem(at("discountPercent"), "discount_invalid"));
      else discount = bp.value;
    }
    if (!product || !quantity.ok) return;
    const unitPrice = input.unitPriceCents ?? product.list_price_cents;
    lines.push({
      position: i + 1,
      product_id: product.id,
      description: input.description?.trim() || product.name,
      quantity_milli: quantity.value,
      unit_price_cents: unitPrice,
      discount_bp: discount,
      amount_cents: lineAmountCents(quantity.value, unitPrice, discount),
    });
  });
  return { lines, problems };
}

/**
 * The decision month, from a date when one is given (a date fixes its month). Returns undefined
 * fields when the input names neither.
 */
export function decisionOf(
  input: { decisionMonth?: string | undefined; decisionDate?: string | null | undefined },
  problems: FieldProblem[],
): { month?: Month; date?: string | null } {
  const out: { month?: Month; date?: string | null } = {};
  if (input.decisionDate !== undefined && input.decisionDate !== null) {
    if (!isIsoDate(input.decisionDate)) {
      problems.push(fieldProblem("decisionDate", "date_invalid"));
      return out;
    }
    out.date = input.decisionDate;
    out.month = monthOf(input.decisionDate);
    if (input.decisionMonth !== undefined && input.decisionMonth !== out.month) problems.push(fieldProblem("decisionMonth", "decision_month_mismatch"));
    return out;
  }
  if (input.decisionDate === null) out.date = null;
  if (input.decisionMonth !== undefined) out.month = input.decisionMonth;
  return out;
}

export function checkDate(field: string, value: string | null | undefined, problems: FieldProblem[]): void {
  if (value !== undefined && value !== null && !isIsoDate(value)) problems.push(fieldProblem(field, "date_invalid"));
}

/** The contact person must be a person of the quote's relation. */
export async function checkContactPerson(db: Db, relationId: number, personId: number | null | undefined, problems: FieldProblem[]) {
  if (personId === undefined || personId === null) return;
  try {
    const person = await getPerson(db, personId);
    if (person.relationId !== relationId) problems.push(fieldProblem("contactPersonId", "person_not_of_relation"));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") problems.push(fieldProblem("contactPersonId", "person_unknown"));
    else throw error;
  }
}

/**
 * The rep a quote is made for: an active user the viewer may act for (domain/acting.ts: a rep for
 * himself, inside sales for the field reps of its rayons, managers for anyone); 403 otherwise.
 */
export async function checkRep(db: Db, viewer: Viewer, repId: number | undefined, problems: FieldProblem[]) {
  if (repId === undefined) return;
  const rep = await actorOf(db, repId);
  if (!rep) {
    problems.push(fieldProblem("repId", "user_unknown"));
    return;
  }
  if (!mayActFor(viewer, rep)) throw new AppError("forbidden", `You may not record quotes for ${rep.name}`);
}
