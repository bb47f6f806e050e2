// The quote's arguments: per product on the quote's lines, the product's arguments whose requirement
// the relation has (domain/requirements.ts), those for a hard requirement first; arguments that answer
// none are left out. With them the comparison with the current supplier where its score is known.
import { type Static, Type } from "typebox";
import type { Db } from "../../db/kysely.js";
import { argumentsFor, hardFirst, supplierComparison } from "../../domain/requirements.js";
import { ProductArgument } from "../products/product.schemas.js";
import { argumentsOfProducts } from "../products/product-arguments.js";
import { RequirementSchema } from "../relations/relation.schemas.js";
import { currentSupplierOf, requirementsOfRelation } from "../relations/relation.service.js";
import { getQuote } from "./quote-read.js";
import type { QuoteDetailDto } from "./quote.schemas.js";

export const QuoteArguments = Type.Object({
  requirements: Type.Array(RequirementSchema, { description: "The relation's requirements the arguments were matched on, hard ones first" }),
  currentSupplier: Type.Union([Type.String(), Type.Null()], { description: "The relation's current supplier, as heard" }),
  comparison: Type.Array(RequirementSchema, { description: "The requirements on which the current supplier's score against us is known, hard ones first" }),
  products: Type.Array(
    Type.Object({
      product: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
      arguments: Type.Array(Type.Object({ ...ProductArgument.properties, hard: Type.Boolean({ description: "It answers a hard requirement" }) }), {
        description: "Only those that answer one of the requirements, those for a hard requirement first",
      }),
      leftOut: Type.Integer({ description: "How many of the product's arguments answer none of the requirements" }),
    }),
  ),
});
export type QuoteArgumentsDto = Static<typeof QuoteArguments>;

export async function quoteArguments(db: Db, quoteId: number, now: Date): Promise<QuoteArgumentsDto> {
  return argumentsOfQuote(db, await getQuote(db, quoteId, now));
}

/** The matching arguments of a quote already read (the printed letter reads it once). */
export async function argumentsOfQuote(db: Db, quote: QuoteDetailDto): Promise<QuoteArgumentsDto> {
  const products = [...new Map(quote.lines.flatMap((l) => (l.product ? [[l.product.id, l.product] as const] : []))).values()];
  const [requirements, currentSupplier, byProduct] = await Promise.all([
    requirementsOfRelation(db, quote.relation.id),
    currentSupplierOf(db, quote.relation.id),
    argumentsOfProducts(db, products.map((p) => p.id)),
  ]);
  return {
    requirements: hardFirst(requirements),
    currentSupplier,
    comparison: supplierComparison(requirements),
    products: products.map((p) => {
      const all = byProduct.get(p.id) ?? [];
      const shown = argumentsFor(all, requirements);
      return { product: { id: p.id, code: p.code, name: p.name }, arguments: shown, leftOut: all.length - shown.length };
    }),
  };
}
