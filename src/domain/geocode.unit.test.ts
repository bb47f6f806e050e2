import { describe, expect, it } from "vitest";
import { areaPrecisions, type Gazetteer, geocodeAddress, placePrecisionM } from "./geocode.js";

const place = (name: string, lat: number, lon: number, population: number) => ({ name, lat, lon, population, precisionM: placePrecisionM(population) });

const g: Gazetteer = {
  areas: new Map([
    ["3511", { lat: 52.0884, lon: 5.1176, precisionM: 400 }],
    ["7255", { lat: 52.05, lon: 6.31, precisionM: 1800 }],
    ["7551", { lat: 52.26, lon: 6.79, precisionM: 600 }],
  ]),
  places: new Map([
    ["utrecht", [place("Utrecht", 52.0908, 5.1222, 290_529)]],
    // Largest first, as the gazetteer keeps them.
    ["hengelo", [place("Hengelo", 52.2658, 6.7931, 102_773), place("Hengelo", 52.0508, 6.3097, 4510)]],
  ]),
  sortedAreas: ["3511", "7255", "7551"],
};

describe("offline geocoding", () => {
  it("takes the postcode area's centroid first, with its precision", () => {
    expect(geocodeAddress(g, { postcode: "3511 AB", city: "Hengelo" })).toEqual({ lat: 52.0884, lon: 5.1176, source: "pc4", precisionM: 400 });
  });

  it("falls back on the place when the postcode area is not in the table", () => {
    expect(geocodeAddress(g, { postcode: "3599 ZZ", city: "utrecht" })).toMatchObject({ source: "place", lat: 52.0908 });
    expect(geocodeAddress(g, { postcode: null, city: " Utrecht " })).toMatchObject({ source: "place" });
  });

  it("picks the place of a shared name in the postcode's region, else the largest", () => {
    expect(geocodeAddress(g, { postcode: "7256 AA", city: "Hengelo" })).toMatchObject({ lat: 52.0508 });
    expect(geocodeAddress(g, { postcode: "7552 AA", city: "Hengelo" })).toMatchObject({ lat: 52.2658 });
    expect(geocodeAddress(g, { postcode: null, city: "Hengelo" })).toMatchObject({ lat: 52.2658 });
  });

  it("gives nothing for foreign, unknown or empty addresses", () => {
    expect(geocodeAddress(g, { postcode: "3511", city: "Antwerpen", country: "BE" })).toBeNull();
    expect(geocodeAddress(g, { postcode: "9999 XX", city: "Nergenshuizen" })).toBeNull();
    expect(geocodeAddress(g, { postcode: null, city: null })).toBeNull();
    expect(geocodeAddress(g, { postcode: "", city: "" })).toBeNull();
  });

  it("makes a large town less precise than a village, never below a kilometre", () => {
    expect(placePrecisionM(0)).toBe(2500);
    expect(placePrecisionM(500)).toBe(1000);
    expect(placePrecisionM(800_000)).toBeGreaterThan(placePrecisionM(100_000));
    expect(placePrecisionM(100_000)).toBe(3500);
  });

  it("sizes a postcode area by the distance to its nearest neighbour", () => {
    // 0.01° of latitude ≈ 1.1 km; the third point is 11 km away.
    const [a, b, c] = areaPrecisions([{ lat: 52, lon: 5 }, { lat: 52.01, lon: 5 }, { lat: 52.1, lon: 5 }]);
    expect(a).toBe(1100);
    expect(b).toBe(1100);
    expect(c).toBe(10_000);
    expect(areaPrecisions([{ lat: 52, lon: 5 }, { lat: 52.0001, lon: 5 }])).toEqual([300, 300]);
  });
});
