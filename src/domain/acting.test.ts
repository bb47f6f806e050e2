import { describe, expect, it } from "vitest";
import { mayActFor, mayChooseQuoteNumber } from "./acting.js";

const v = (role: "admin" | "sales_manager" | "field_sales" | "inside_sales" | "marketing", id = 1, rayonIds: number[] = [1]) => ({ id, role, profitResponsible: false, rayonIds });
const rep = (id: number, rayonIds: number[]) => ({ id, role: "field_sales" as const, rayonIds });

describe("acting for others", () => {
  it("lets a rep act for himself only", () => {
    expect(mayActFor(v("field_sales", 1), rep(1, [1]))).toBe(true);
    expect(mayActFor(v("field_sales", 1), rep(2, [1]))).toBe(false);
  });

  it("lets inside sales act for the field reps of its rayons, and managers for anyone", () => {
    expect(mayActFor(v("inside_sales", 9, [1, 2]), rep(2, [2]))).toBe(true);
    expect(mayActFor(v("inside_sales", 9, [1, 2]), rep(3, [3]))).toBe(false);
    expect(mayActFor(v("inside_sales", 9, [1]), { id: 4, role: "sales_manager", rayonIds: [1] })).toBe(false);
    expect(mayActFor(v("sales_manager", 7), rep(3, [3]))).toBe(true);
    expect(mayActFor(v("marketing", 5), rep(3, [3]))).toBe(false);
  });

  it("keeps chosen quote numbers to administrators", () => {
    expect(mayChooseQuoteNumber(v("admin"))).toBe(true);
    expect(mayChooseQuoteNumber(v("sales_manager"))).toBe(false);
  });
});
