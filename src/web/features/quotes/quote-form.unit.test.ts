import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client.js";
import { emptyLine, type LineValues, lineAmount, quoteFieldErrors, totalOf } from "./quote-form.js";

const product = { id: 7, code: "GLS-02", name: "Glasbewassing", unit: "uur", listPriceCents: 4500 };
const line = (change: Partial<LineValues>): LineValues => ({ ...emptyLine(), product, quantity: 1, unitPrice: 45, discount: 0, ...change });

describe("the live amounts of the quote form", () => {
  it("computes a line as quantity × price × (1 − discount), rounded half away from zero to a cent, like the server", () => {
    // 3 × € 45,00 × 0,925 = € 124,875 → € 124,88
    expect(lineAmount(line({ quantity: 3, discount: 7.5 }))).toBe(12488);
    // 0,5 × € 0,01 = half a cent → 1 cent
    expect(lineAmount(line({ quantity: 0.5, unitPrice: "0,01" }))).toBe(1);
    expect(lineAmount(line({ quantity: 12.345, unitPrice: "1.234,56" }))).toBe(1524064);
  });

  it("shows no amount or total while a line is incomplete or invalid", () => {
    expect(lineAmount(line({ product: null }))).toBeNull();
    expect(lineAmount(line({ quantity: "" }))).toBeNull();
    expect(lineAmount(line({ quantity: 1.2345 }))).toBeNull();
    expect(lineAmount(line({ discount: 120 }))).toBeNull();
    expect(totalOf([line({ quantity: 2 }), line({ unitPrice: "" })])).toBeNull();
    expect(totalOf([line({ quantity: 2 }), line({ quantity: 1, discount: 10 })])).toBe(9000 + 4050);
  });
});

describe("server field errors on the quote form", () => {
  const t = ((key: string, options?: { defaultValue?: string }) => options?.defaultValue ?? key) as unknown as TFunction;

  it("puts a problem of a line beside that line's input and keeps unknown fields apart", () => {
    const error = new ApiError(400, "validation_failed", "invalid", [
      { field: "lines.1.unitPriceCents", code: "too_large", message: "is too large" },
      { field: "lines.0.productId", code: "product_unknown", message: "is not a known product" },
      { field: "advice.overruleReason", code: "overrule_reason_too_short", message: "too short" },
      { field: "advice.answers.chance", code: "too_large", message: "is too large" },
    ]);
    const mapped = quoteFieldErrors(t, error);
    expect(mapped.byField).toEqual({
      "lines.1.unitPrice": "is too large",
      "lines.0.product": "is not a known product",
      overruleReason: "too short",
    });
    expect(mapped.other.map((f) => f.field)).toEqual(["advice.answers.chance"]);
  });
});
