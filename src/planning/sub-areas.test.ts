import { describe, expect, it } from "vitest";
import { createRandom } from "./random.js";
import { proposeSubAreas, type SubAreaPoint } from "./sub-areas.js";

/** `n` relations scattered over a rayon of about 60 × 60 km around Utrecht, classes by chance. */
function rayon(n: number, seed: number): SubAreaPoint[] {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const u = r.next();
    return { id: i + 1, lat: 51.85 + r.next() * 0.55, lon: 4.8 + r.next() * 0.85, weight: u < 0.1 ? 12 : u < 0.4 ? 6 : u < 0.8 ? 3 : 0 };
  });
}

const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => Math.hypot((a.lat - b.lat) * 111.2, (a.lon - b.lon) * 111.2 * Math.cos((52 * Math.PI) / 180));

describe("sub-area proposal", () => {
  it("puts every relation in exactly one sub-area, one per day of the cycle", () => {
    const points = rayon(300, 7);
    const plan = proposeSubAreas(points, { cycleWeeks: 3, daysPerWeek: 5 });
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.value.areas).toHaveLength(15);
    const ids = plan.value.areas.flatMap((a) => a.relationIds).sort((a, b) => a - b);
    expect(ids).toEqual(points.map((p) => p.id));
    expect(plan.value.areas.map((a) => `${a.week}-${a.weekday}`)).toEqual([1, 2, 3].flatMap((w) => [1, 2, 3, 4, 5].map((d) => `${w}-${d}`)));
  });

  it("balances the visits a year within about ten per cent of the mean", () => {
    for (const seed of [1, 2, 3]) {
      const plan = proposeSubAreas(rayon(400, seed), { cycleWeeks: 2, daysPerWeek: 5 });
      if (!plan.ok) throw new Error(plan.error);
      expect(plan.value.imbalance).toBeLessThanOrEqual(1.15);
    }
  });

  it("keeps areas compact: far smaller than the rayon, and separate towns apart", () => {
    const plan = proposeSubAreas(rayon(400, 4), { cycleWeeks: 2, daysPerWeek: 5 });
    if (!plan.ok) throw new Error(plan.error);
    // Ten areas of a 60 × 60 km square: a fair share is a 19 km square, mean radius well under 15 km.
    for (const a of plan.value.areas) expect(a.meanRadiusKm).toBeLessThan(15);

    // Two towns 50 km apart with the same workload: one sub-area each.
    const towns: SubAreaPoint[] = [];
    for (let i = 0; i < 20; i++) towns.push({ id: i + 1, lat: 52.0 + (i % 5) * 0.01, lon: 4.3 + Math.floor(i / 5) * 0.01, weight: 6 });
    for (let i = 0; i < 20; i++) towns.push({ id: i + 21, lat: 52.0 + (i % 5) * 0.01, lon: 5.03 + Math.floor(i / 5) * 0.01, weight: 6 });
    const split = proposeSubAreas(towns, { cycleWeeks: 2, daysPerWeek: 1 });
    if (!split.ok) throw new Error(split.error);
    const groups = split.value.areas.map((a) => a.relationIds);
    expect(groups.map((g) => g.length)).toEqual([20, 20]);
    expect(groups.some((g) => g.every((id) => id <= 20))).toBe(true);
    const [a, b] = split.value.areas;
    expect(km(a?.centre ?? { lat: 0, lon: 0 }, b?.centre ?? { lat: 0, lon: 0 })).toBeGreaterThan(45);
  });

  it("is the same plan for the same input, and refuses cycles other than 2 or 3 weeks", () => {
    const points = rayon(150, 9);
    const home = { lat: 52.09, lon: 5.12 };
    expect(proposeSubAreas(points, { cycleWeeks: 2, daysPerWeek: 4, home })).toEqual(proposeSubAreas(points, { cycleWeeks: 2, daysPerWeek: 4, home }));
    expect(proposeSubAreas(points, { cycleWeeks: 4, daysPerWeek: 5 })).toEqual({ ok: false, error: "cycle_weeks_invalid" });
    expect(proposeSubAreas(points, { cycleWeeks: 2, daysPerWeek: 6 })).toEqual({ ok: false, error: "days_per_week_invalid" });
    expect(proposeSubAreas([{ id: 1, lat: Number.NaN, lon: 5, weight: 3 }], { cycleWeeks: 2, daysPerWeek: 5 })).toEqual({ ok: false, error: "point_invalid" });
  });

  it("answers fewer relations than days with some empty days last, and no relations with empty days", () => {
    const few = proposeSubAreas(rayon(3, 5), { cycleWeeks: 2, daysPerWeek: 5 });
    if (!few.ok) throw new Error(few.error);
    expect(few.value.areas.filter((a) => a.relationIds.length > 0).length).toBeLessThanOrEqual(3);
    expect(few.value.areas.flatMap((a) => a.relationIds)).toHaveLength(3);
    const none = proposeSubAreas([], { cycleWeeks: 2, daysPerWeek: 5 });
    expect(none.ok && none.value.areas.every((a) => a.relationIds.length === 0 && a.centre === null)).toBe(true);
  });
});
