import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandedTrip, DEFAULT_HAVERSINE_PARAMETERS, haversineMetres, haversineTravelModel, TravelModelError } from "./travel-model.js";

const AMSTERDAM = { lat: 52.3731, lon: 4.8926 };
const UTRECHT = { lat: 52.0907, lon: 5.1214 };
const ZWOLLE = { lat: 52.5125, lon: 6.0944 };
const bands = DEFAULT_HAVERSINE_PARAMETERS.bands;

describe("haversine travel model", () => {
  it("drives a short town trip slowly and a long one mostly on the motorway", () => {
    const town = bandedTrip(1000, bands);
    expect(town.metres).toBeCloseTo(1450, 6);
    expect(town.seconds / 60).toBeCloseTo(2.9, 1);
    // Amsterdam – Utrecht: 35 km straight, about 46 km of road in about three quarters of an hour.
    const m = haversineTravelModel().trip(AMSTERDAM, UTRECHT);
    expect(haversineMetres(AMSTERDAM, UTRECHT) / 1000).toBeCloseTo(35.2, 0);
    expect(m.metres / 1000).toBeGreaterThan(44);
    expect(m.metres / 1000).toBeLessThan(48);
    expect(m.seconds / 60).toBeGreaterThan(40);
    expect(m.seconds / 60).toBeLessThan(47);
    // Utrecht – Zwolle: about 74 km straight, 92 km of road, 70 minutes.
    const far = haversineTravelModel().trip(UTRECHT, ZWOLLE);
    expect(far.seconds / 60).toBeGreaterThan(62);
    expect(far.seconds / 60).toBeLessThan(78);
  });

  it("never makes a longer trip shorter or faster, and has no jump at a band's edge", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 300_000, noNaN: true }), fc.double({ min: 0, max: 50_000, noNaN: true }), (d, extra) => {
        const a = bandedTrip(d, bands);
        const b = bandedTrip(d + extra, bands);
        expect(b.metres).toBeGreaterThanOrEqual(a.metres);
        expect(b.seconds).toBeGreaterThanOrEqual(a.seconds);
        // Road at least the straight line.
        expect(a.metres).toBeGreaterThanOrEqual(d);
      }),
    );
    for (const edge of [3000, 20_000]) {
      const below = bandedTrip(edge - 1, bands);
      const above = bandedTrip(edge + 1, bands);
      expect(above.seconds - below.seconds).toBeLessThan(1);
    }
  });

  it("gives a symmetric matrix with a zero diagonal, and none for no points", async () => {
    const m = await haversineTravelModel().matrix([AMSTERDAM, UTRECHT, ZWOLLE]);
    expect(m).toMatchObject({ model: "haversine", size: 3 });
    for (let i = 0; i < 3; i++) {
      expect(m.durations[i * 3 + i]).toBe(0);
      for (let j = 0; j < 3; j++) expect(m.durations[i * 3 + j]).toBe(m.durations[j * 3 + i]);
    }
    expect((await haversineTravelModel().matrix([])).size).toBe(0);
  });

  it("refuses a point without coordinates and parameters that make no sense", async () => {
    await expect(haversineTravelModel().matrix([AMSTERDAM, { lat: Number.NaN, lon: 5 }])).rejects.toMatchObject({ code: "point_invalid" });
    expect(() => haversineTravelModel({ bands: [{ toKm: 10, detour: 1.2, kmh: 50 }], stopSeconds: 0 })).toThrow(TravelModelError);
    expect(() => haversineTravelModel({ bands: [{ toKm: Number.POSITIVE_INFINITY, detour: 0.8, kmh: 50 }], stopSeconds: 0 })).toThrow(TravelModelError);
    expect(() => haversineTravelModel({ bands, stopSeconds: -1 })).toThrow(TravelModelError);
  });
});
