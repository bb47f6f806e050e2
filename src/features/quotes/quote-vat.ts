// The VAT rate of a quote line: the rate of its product's category in the company's settings (the
// general rate for a line without a product, or a product of unknown category). Fixed on the line
// when it is written, so a quote says what it said when it was sent.
import { SYSTEM_VIEWER } from "../../domain/access.js";
import { DEFAULT_VAT_CATEGORY, isVatCategory } from "../../domain/vat.js";
import type { Db } from "../../db/kysely.js";
import { getCompanySettings } from "../company/company.service.js";
import { productsByIds } from "../products/product.service.js";

/** A function from a line's product id to its VAT rate in basis points, as the settings are now. */
export async function vatRateOfLines(db: Db, productIds: readonly (number | null)[]): Promise<(productId: number | null) => number> {
  const ids = productIds.filter((id): id is number => id !== null);
  // The VAT category is no cost figure: the system viewer reads it for every user.
  const [company, products] = await Promise.all([getCompanySettings(db), ids.length > 0 ? productsByIds(db, SYSTEM_VIEWER, ids) : Promise.resolve(new Map())]);
  return (productId) => {
    const category = productId !== null ? products.get(productId)?.vat_category : undefined;
    return company.vatRates[isVatCategory(category) ? category : DEFAULT_VAT_CATEGORY];
  };
}
