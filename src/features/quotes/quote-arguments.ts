// The quote's arguments: per product on the quote's lines, the product's arguments whose requirement
// the relation has (domain/product-arguments.ts); arguments that answer none are left out.
import { type Static, Type } from "typebox";
import type { Db } from "../../db/kysely.js";
import { matchingArguments } from "../../domain/product-arguments.js";
import { ProductArgument } from "../products/product.schemas.js";
import { argumentsOfProducts } from "../products/product-arguments.js";
import { requirementsOfRelation } from "../relations/relation.service.js";
import { getQuote } from "./quote-read.js";
import type { QuoteDetailDto } from "./quote.schemas.js";

export const QuoteArguments = Type.Object({
  requirements: Type.Array(Type.String(), { description: "The relation's requirements the arguments were matched on" }),
  products: Type.Array(
    Type.Object({
      product: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
      arguments: Type.Array(ProductArgument, { description: "Only those that answer one of the requirements" }),
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
  const [requirements, byProduct] = await Promise.all([requirementsOfRelation(db, quote.relation.id), argumentsOfProducts(db, products.map((p) => p.id))]);
  return {
    requirements,
    products: products.map((p) => {
      const all = byProduct.get(p.id) ?? [];
      const shown = matchingArguments(all, requirements);
      return { product: { id: p.id, code: p.code, name: p.name }, arguments: shown, leftOut: all.length - shown.length };
    }),
  };
}
