import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSalesQuery, SALES_DIMENSIONS, SALES_MEASURES, type SalesDimension, type SalesMeasure, seesMargin, seesSalesDetailOf, SYSTEM_VIEWER, teamScope, type Viewer } from "./access.js";
import { ROLES } from "./roles.js";

const viewer = (role: Viewer["role"], extra: Partial<Viewer> = {}): Viewer => ({ id: 7, role, profitResponsible: false, rayonIds: [1], ...extra });
const shape = (measures: SalesMeasure[], dimensions: SalesDimension[], filterKeys: SalesDimension[] = [], rayonFilter: number[] | null = null) => ({
  measures,
  dimensions,
  filterKeys,
  rayonFilter,
  sortKeys: [],
});

describe("the viewer scope", () => {
  it("shows margins to administrators and to users with profit responsibility only", () => {
    expect(seesMargin(viewer("admin"))).toBe(true);
    expect(seesMargin(viewer("sales_manager"))).toBe(false);
    expect(seesMargin(viewer("sales_manager", { profitResponsible: true }))).toBe(true);
    expect(seesMargin(viewer("field_sales"))).toBe(false);
    expect(seesMargin(SYSTEM_VIEWER)).toBe(true);
  });

  it("refuses margin as a measure or sort key to every viewer without margin rights", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.subarray([...SALES_MEASURES], { minLength: 1 }), fc.boolean(), (role, measures, pr) => {
        const v = viewer(role, { profitResponsible: pr });
        const { refusals } = checkSalesQuery(v, shape(measures, ["month"]));
        const asksMargin = measures.includes("margin") || measures.includes("marginPct");
        expect(refusals.some((r) => r.code === "margin_hidden")).toBe(asksMargin && !seesMargin(v));
      }),
    );
    expect(checkSalesQuery(viewer("field_sales"), { ...shape(["revenue"], ["debtor"]), sortKeys: ["margin"] }).refusals).toContainEqual({ code: "margin_hidden", key: "margin" });
  });

  it("gives a field rep detail of their own rayons and only period and rayon totals of the others", () => {
    const rep = viewer("field_sales", { rayonIds: [1, 2] });
    expect(checkSalesQuery(rep, shape(["revenue"], ["rayon", "month"]))).toEqual({ refusals: [], rayons: null });
    expect(checkSalesQuery(rep, shape(["revenue"], ["debtor"]))).toEqual({ refusals: [], rayons: [1, 2] });
    expect(checkSalesQuery(rep, shape(["revenue"], ["product"], ["rayon"], [3])).refusals).toEqual([{ code: "rayon_detail_hidden", key: "3" }]);
    expect(checkSalesQuery(rep, shape(["revenue"], ["month"], ["rayon"], [3])).refusals).toEqual([]);
    // A rep without a rayon has no detail of anything.
    expect(checkSalesQuery(viewer("field_sales", { rayonIds: [] }), shape(["revenue"], ["debtor"])).rayons).toEqual([]);
  });

  it("keeps debtors and reps out of purchasing's figures", () => {
    const p = viewer("purchasing");
    expect(checkSalesQuery(p, shape(["volume"], ["product", "month"])).refusals).toEqual([]);
    expect(checkSalesQuery(p, shape(["volume"], ["debtor"])).refusals).toEqual([{ code: "dimension_hidden", key: "debtor" }]);
    expect(checkSalesQuery(p, shape(["volume"], ["month"], ["rep"])).refusals).toEqual([{ code: "dimension_hidden", key: "rep" }]);
    expect(seesSalesDetailOf(p, 1)).toBe(false);
  });

  it("never allows detail of a rayon outside the viewer's own to a rep, whatever the query", () => {
    fc.assert(
      fc.property(fc.subarray([...SALES_DIMENSIONS], { minLength: 1 }), fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 3 }), (dimensions, rayonFilter) => {
        const rep = viewer("field_sales", { rayonIds: [1, 2] });
        const { refusals, rayons } = checkSalesQuery(rep, shape(["revenue"], dimensions, rayonFilter.length > 0 ? ["rayon"] : [], rayonFilter.length > 0 ? rayonFilter : null));
        const detailed = dimensions.some((d) => !["year", "quarter", "month", "rayon"].includes(d));
        if (detailed && refusals.length === 0) {
          expect(rayons).toEqual([1, 2]);
          expect(rayonFilter.every((r) => r <= 2)).toBe(true);
        }
      }),
    );
  });

  it("limits per-rep reports to the rep's own row and refuses them to marketing and purchasing", () => {
    expect(teamScope(viewer("sales_manager"), "hitRatio")).toEqual({ access: "all", repIds: null });
    expect(teamScope(viewer("field_sales"), "hitRatio")).toEqual({ access: "own", repIds: [7] });
    expect(teamScope(viewer("marketing"), "contactMoments").access).toBe("none");
    expect(teamScope(viewer("purchasing"), "forecastByRep").access).toBe("none");
    expect(teamScope({ ...viewer("field_sales"), id: null }, "hitRatio").access).toBe("none");
  });
});
