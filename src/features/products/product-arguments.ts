// The arguments (unique selling points) of products, each tagged with the requirement it answers.
// The products feature is the only writer of product_arguments; quotes read them through
// argumentsOfProducts to show the ones that match the relation's requirements.
import type { Db } from "../../db/kysely.js";
import { inTransaction } from "../../db/kysely.js";
import type { Viewer } from "../../domain/access.js";
import { requirementKey } from "../../domain/product-arguments.js";
import { type FieldProblem, fieldProblem, invalid } from "../../server/errors.js";
import type { ProductArgumentDto, ProductArgumentsInput } from "./product.schemas.js";
import { getProduct } from "./product.service.js";

/** The arguments of each product, in their order; products without arguments are absent. */
export async function argumentsOfProducts(db: Db, productIds: readonly number[]): Promise<Map<number, ProductArgumentDto[]>> {
  const byProduct = new Map<number, ProductArgumentDto[]>();
  if (productIds.length === 0) return byProduct;
  const rows = await db
    .selectFrom("product_arguments")
    .select(["product_id", "requirement", "text"])
    .where("product_id", "in", [...new Set(productIds)])
    .orderBy("product_id")
    .orderBy("position")
    .execute();
  for (const r of rows) {
    const list = byProduct.get(r.product_id) ?? [];
    list.push({ requirement: r.requirement, text: r.text });
    byProduct.set(r.product_id, list);
  }
  return byProduct;
}

/** The arguments of a product the viewer can see (404 otherwise). */
export async function getProductArguments(db: Db, viewer: Viewer, productId: number): Promise<{ items: ProductArgumentDto[] }> {
  await getProduct(db, viewer, productId);
  return { items: (await argumentsOfProducts(db, [productId])).get(productId) ?? [] };
}

/** Replaces the arguments of a product with `input.items` (trimmed; blank ones are a field problem). */
export async function replaceProductArguments(db: Db, viewer: Viewer, productId: number, input: ProductArgumentsInput): Promise<{ items: ProductArgumentDto[] }> {
  await getProduct(db, viewer, productId);
  const problems: FieldProblem[] = [];
  const items = input.items.map((a, i) => {
    const requirement = a.requirement.trim().replace(/\s+/g, " ");
    const text = a.text.trim();
    if (requirementKey(requirement) === "") problems.push(fieldProblem(`items.${i}.requirement`, "required"));
    if (text === "") problems.push(fieldProblem(`items.${i}.text`, "required"));
    return { requirement, text };
  });
  if (problems.length > 0) throw invalid(...problems);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("product_arguments").where("product_id", "=", productId).execute();
    if (items.length > 0) {
      await trx
        .insertInto("product_arguments")
        .values(items.map((a, position) => ({ product_id: productId, position, requirement: a.requirement, requirement_key: requirementKey(a.requirement), text: a.text })))
        .execute();
    }
  });
  return { items };
}
