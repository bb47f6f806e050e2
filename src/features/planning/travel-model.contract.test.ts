// One contract for every TravelModel: the haversine model and the OSRM adapter (against a stub
// OSRM server on loopback) must both give what the planner relies on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haversineMetres, haversineTravelModel, type TravelModel, type TravelPoint } from "../../planning/travel-model.js";
import { type OsrmStub, startOsrmStub } from "../../test-support/osrm-stub.js";
import { osrmTravelModel } from "./osrm.js";

const PLACES: TravelPoint[] = [
  { lat: 52.3731, lon: 4.8926 }, // Amsterdam
  { lat: 52.0907, lon: 5.1214 }, // Utrecht
  { lat: 52.5125, lon: 6.0944 }, // Zwolle
  { lat: 51.4416, lon: 5.4697 }, // Eindhoven
  { lat: 52.0116, lon: 4.3571 }, // Delft
  { lat: 52.0705, lon: 4.3007 }, // Den Haag
  { lat: 53.2194, lon: 6.5665 }, // Groningen
  { lat: 52.0908, lon: 5.1222 }, // Utrecht again, 100 m off
];

let stub: OsrmStub;
beforeAll(async () => {
  stub = await startOsrmStub({ maxTableSize: 5 });
});
afterAll(async () => stub?.close());

const MODELS: [string, () => TravelModel][] = [
  ["haversine", () => haversineTravelModel()],
  ["osrm (stub)", () => osrmTravelModel({ baseUrl: stub.url, maxTableSize: 5, timeoutMs: 2_000 })],
];

describe.each(MODELS)("travel model contract: %s", (_name, make) => {
  it("answers n × n tables with a zero diagonal and finite, non-negative entries, named by the model", async () => {
    const model = make();
    const m = await model.matrix(PLACES);
    const n = PLACES.length;
    expect(m.size).toBe(n);
    expect(m.model).toBe(model.name);
    expect(m.durations).toHaveLength(n * n);
    expect(m.distances).toHaveLength(n * n);
    for (let i = 0; i < n; i++) {
      expect(m.durations[i * n + i]).toBe(0);
      expect(m.distances[i * n + i]).toBe(0);
    }
    for (const v of [...m.durations, ...m.distances]) expect(Number.isFinite(v) && v >= 0).toBe(true);
    expect(Number.isFinite(model.stopSeconds) && model.stopSeconds >= 0).toBe(true);
  });

  it("gives road distances no shorter than the straight line and speeds a car can drive", async () => {
    const m = await make().matrix(PLACES);
    const n = PLACES.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const straight = haversineMetres(PLACES[i] as TravelPoint, PLACES[j] as TravelPoint);
        const road = m.distances[i * n + j] as number;
        const seconds = m.durations[i * n + j] as number;
        expect(road).toBeGreaterThanOrEqual(straight * 0.999);
        if (straight > 1000) {
          const kmh = road / 1000 / (seconds / 3600);
          expect(kmh).toBeGreaterThan(10);
          expect(kmh).toBeLessThan(130);
        }
      }
    }
    // Amsterdam → Utrecht by car: 35–70 km, 25–75 minutes; Groningen is further than Utrecht.
    expect((m.distances[1] as number) / 1000).toBeGreaterThan(35);
    expect((m.distances[1] as number) / 1000).toBeLessThan(70);
    expect((m.durations[1] as number) / 60).toBeGreaterThan(25);
    expect((m.durations[1] as number) / 60).toBeLessThan(75);
    expect(m.durations[6] as number).toBeGreaterThan(m.durations[1] as number);
  });

  it("answers empty and single-point lists, and refuses a point without coordinates", async () => {
    const model = make();
    expect((await model.matrix([])).size).toBe(0);
    const one = await model.matrix([PLACES[0] as TravelPoint]);
    expect([one.size, ...one.durations]).toEqual([1, 0]);
    await expect(model.matrix([PLACES[0] as TravelPoint, { lat: Number.NaN, lon: 5 }])).rejects.toMatchObject({ code: "point_invalid" });
    await expect(model.matrix([{ lat: 91, lon: 5 }])).rejects.toMatchObject({ code: "point_invalid" });
  });
});
