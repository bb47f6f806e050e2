import { describe, expect, it } from "vitest";
import { lifecycleFromSales } from "./sales-lifecycle.js";

describe("lifecycle from sales", () => {
  it("makes a prospect with a recent invoice a customer, and a customer without one for 24 months a former customer", () => {
    expect(lifecycleFromSales("prospect", 202611, 202612, 24)).toMatchObject({ to: "customer" });
    expect(lifecycleFromSales("suspect", 202503, 202612, 24)).toMatchObject({ to: "customer" });
    expect(lifecycleFromSales("customer", 202412, 202612, 24)).toMatchObject({ to: "former_customer", reason: "Geen factuur sinds 2024-12 (24 maanden)" });
    expect(lifecycleFromSales("customer", 202501, 202612, 24)).toBeNull();
    expect(lifecycleFromSales("former_customer", 202610, 202612, 24)).toMatchObject({ to: "customer" });
  });

  it("never moves a dead relation, nor one without invoices", () => {
    expect(lifecycleFromSales("dead", 202612, 202612, 24)).toBeNull();
    expect(lifecycleFromSales("prospect", null, 202612, 24)).toBeNull();
    // An old first invoice does not make a customer: it would be a former customer at once.
    expect(lifecycleFromSales("prospect", 202001, 202612, 24)).toBeNull();
  });
});
