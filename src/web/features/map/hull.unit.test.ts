import { describe, expect, it } from "vitest";
import { boundsOf, convexHull } from "./hull.js";

describe("the outline of a sub-area", () => {
  it("goes around the outer points and leaves the inner ones inside, closed", () => {
    const hull = convexHull([
      [5, 52],
      [6, 52],
      [6, 53],
      [5, 53],
      [5.5, 52.5],
      [5, 52],
    ]);
    expect(hull).toEqual([
      [5, 52],
      [6, 52],
      [6, 53],
      [5, 53],
      [5, 52],
    ]);
  });

  it("draws nothing for fewer than three places or places on one line", () => {
    expect(convexHull([[5, 52]])).toEqual([]);
    expect(convexHull([[5, 52], [5, 52], [6, 53]])).toEqual([]);
    expect(convexHull([[5, 52], [5.5, 52.5], [6, 53]])).toEqual([]);
  });
});

describe("the view around the points", () => {
  it("is the box of the points with a margin, and at least the minimum span wide around a single point", () => {
    expect(boundsOf([], 0.5)).toBeNull();
    const [[west, north], [east, south]] = boundsOf([[5.1, 52.1]], 0.5) as [[number, number], [number, number]];
    expect([west, east, south, north].map((v) => Math.round(v * 100) / 100)).toEqual([4.85, 5.35, 51.85, 52.35]);
    const wide = boundsOf([[4, 51], [7, 53]], 0.5) as [[number, number], [number, number]];
    expect(wide[0][0]).toBeCloseTo(3.85, 5);
    expect(wide[1][0]).toBeCloseTo(7.15, 5);
  });
});
