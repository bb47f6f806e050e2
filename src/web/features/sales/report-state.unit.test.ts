import { describe, expect, it } from "vitest";
import type { Viewer } from "../../../domain/access.js";
import { filterableRayons, offeredDimensions, offeredMeasures, readReportState, reportLink, stateOfRequest, toRequest, writeReportState } from "./report-state.js";

const manager: Viewer = { id: 2, role: "sales_manager", profitResponsible: true, rayonIds: [] };
const rep: Viewer = { id: 3, role: "field_sales", profitResponsible: false, rayonIds: [1] };
const buyer: Viewer = { id: 4, role: "purchasing", profitResponsible: false, rayonIds: [] };

describe("the sales report's choices", () => {
  it("offer margin only to a viewer with profit responsibility", () => {
    expect(offeredMeasures(manager)).toContain("marginPct");
    expect(offeredMeasures(rep)).toEqual(["volume", "revenue", "customers", "invoices"]);
  });

  it("offer purchasing no debtors and no reps", () => {
    expect(offeredDimensions(buyer)).not.toContain("debtor");
    expect(offeredDimensions(buyer)).not.toContain("rep");
    expect(offeredDimensions(buyer)).toContain("product");
  });

  it("survive the URL: a link reproduces the same request", () => {
    const state = readReportState(new URLSearchParams("m=revenue,margin&d=rayon,month&from=2025-01&to=2025-06&cmp=1&top=10&sort=change.revenue:asc&f.productGroup=2,3"), manager, "2025-06");
    const again = readReportState(writeReportState(state), manager, "2025-06");
    expect(again).toEqual(state);
    expect(toRequest(state)).toEqual({
      measures: ["revenue", "margin"],
      dimensions: ["rayon", "month"],
      from: "2025-01",
      to: "2025-06",
      filters: { productGroup: [2, 3] },
      compare: "previousYear",
      sort: [{ key: "change.revenue", direction: "asc" }],
      limit: 10,
    });
    expect(stateOfRequest(toRequest(state) as NonNullable<ReturnType<typeof toRequest>>)).toEqual(state);
  });

  it("drop from a shared link what the viewer may not ask", () => {
    const state = readReportState(new URLSearchParams("m=revenue,marginPct&d=debtor,rep&sort=marginPct:desc"), rep, "2025-06");
    expect(state.measures).toEqual(["revenue"]);
    expect(state.sort).toBeNull();
    expect(readReportState(new URLSearchParams("m=volume&d=debtor,product"), buyer, "2025-06").dimensions).toEqual(["product"]);
  });

  it("turn the moving annual total off where the API refuses it", () => {
    expect(readReportState(new URLSearchParams("m=revenue&d=rayon&mat=1"), manager, "2025-06").mat).toBe(false);
    expect(readReportState(new URLSearchParams("m=customers&d=month&mat=1"), manager, "2025-06").mat).toBe(false);
    const mat = readReportState(new URLSearchParams("m=revenue&d=month&mat=1&cmp=1"), manager, "2025-06");
    expect([mat.mat, mat.compare]).toEqual([true, false]);
  });

  it("limit a field rep's rayon filter to the own rayons once detail is asked", () => {
    expect(filterableRayons(rep, { dimensions: ["rayon", "month"], filters: {} })).toBeNull();
    expect(filterableRayons(rep, { dimensions: ["debtor"], filters: {} })).toEqual([1]);
    expect(filterableRayons(manager, { dimensions: ["debtor"], filters: {} })).toBeNull();
  });

  it("open on this year's revenue per month against last year", () => {
    expect(toRequest(readReportState(new URLSearchParams(), rep, "2025-06"))).toEqual({ measures: ["revenue"], dimensions: ["month"], from: "2025-01", to: "2025-06", compare: "previousYear" });
    expect(reportLink({ measures: ["revenue"], dimensions: ["rayon"], from: "2025-01", to: "2025-06" })).toBe("/sales/report?m=revenue&d=rayon&from=2025-01&to=2025-06&cmp=0");
  });
});
