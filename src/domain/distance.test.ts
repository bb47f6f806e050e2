import { describe, expect, it } from "vitest";
import { boundingBox, haversineKm, nearestFirst, roundKm } from "./distance.js";

const utrecht = { lat: 52.0907, lon: 5.1214 };
const amsterdam = { lat: 52.3676, lon: 4.9041 };
const groningen = { lat: 53.2194, lon: 6.5665 };

describe("distance", () => {
  it("measures straight-line kilometres between Dutch cities", () => {
    expect(roundKm(haversineKm(utrecht, amsterdam))).toBeCloseTo(34.4, 0);
    expect(haversineKm(utrecht, groningen)).toBeGreaterThan(155);
    expect(haversineKm(utrecht, groningen)).toBeLessThan(163);
    expect(haversineKm(utrecht, utrecht)).toBe(0);
    expect(haversineKm(utrecht, amsterdam)).toBeCloseTo(haversineKm(amsterdam, utrecht), 9);
  });

  it("rounds to one decimal", () => {
    expect(roundKm(12.34)).toBe(12.3);
    expect(roundKm(12.35)).toBe(12.4);
  });

  it("gives a box that holds every point within the radius", () => {
    const box = boundingBox(utrecht, 40);
    expect(amsterdam.lat).toBeLessThan(box.maxLat);
    expect(amsterdam.lon).toBeGreaterThan(box.minLon);
    expect(groningen.lat).toBeGreaterThan(box.maxLat);
    // A point exactly 40 km east lies inside the box.
    const east = { lat: utrecht.lat, lon: box.maxLon - 1e-6 };
    expect(haversineKm(utrecht, east)).toBeLessThanOrEqual(40.01);
  });

  it("sorts nearest first, ties by id", () => {
    const sorted = nearestFirst(utrecht, [
      { id: 3, ...groningen },
      { id: 2, ...amsterdam },
      { id: 1, ...amsterdam },
    ]);
    expect(sorted.map((s) => s.id)).toEqual([1, 2, 3]);
  });
});
