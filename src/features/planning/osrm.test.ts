// The OSRM adapter's guards, over real HTTP against the stub: blocks for large matrices, and a
// clear TravelModelError (never a hang or a half-filled matrix) for every way a server can fail.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import type { TravelPoint } from "../../planning/travel-model.js";
import { type OsrmStub, startOsrmStub } from "../../test-support/osrm-stub.js";
import { osrmBaseUrl, osrmTravelModel } from "./osrm.js";
import { travelModelFor } from "./travel.js";

/** 23 points on a grid over the middle of the country. */
const POINTS: TravelPoint[] = Array.from({ length: 23 }, (_, i) => ({ lat: 51.8 + (i % 5) * 0.1, lon: 4.8 + Math.floor(i / 5) * 0.15 }));

let stub: OsrmStub;
beforeAll(async () => {
  stub = await startOsrmStub({ maxTableSize: 10 });
});
afterAll(async () => stub?.close());
afterEach(() => stub.setMode("ok"));

describe("OSRM adapter", () => {
  it("fetches a matrix larger than the server's table size in blocks that give the same numbers", async () => {
    const big = await startOsrmStub({ maxTableSize: 100 });
    try {
      const whole = await osrmTravelModel({ baseUrl: big.url }).matrix(POINTS);
      expect(big.requests).toEqual([23]);
      stub.requests.length = 0;
      const blocked = await osrmTravelModel({ baseUrl: stub.url, maxTableSize: 10 }).matrix(POINTS);
      // Blocks of 5 sources × 5 destinations: 5 × 5 requests of at most 10 coordinates.
      expect(stub.requests).toHaveLength(25);
      expect(Math.max(...stub.requests)).toBeLessThanOrEqual(10);
      expect([...blocked.durations]).toEqual([...whole.durations]);
      expect([...blocked.distances]).toEqual([...whole.distances]);
    } finally {
      await big.close();
    }
  });

  it("says the table is too big when the server's limit is set higher than the server allows", async () => {
    await expect(osrmTravelModel({ baseUrl: stub.url, maxTableSize: 50 }).matrix(POINTS)).rejects.toMatchObject({ code: "bad_answer", message: expect.stringContaining("TooBig") });
  });

  it.each([
    ["redirect", "unavailable", "redirect"],
    ["slow", "unavailable", "did not answer within 300 ms"],
    ["huge", "bad_answer", "larger than"],
    ["garbage", "bad_answer", "not JSON"],
    ["error", "unavailable", "HTTP 503"],
    ["no_route", "bad_answer", "no road"],
  ] as const)("fails cleanly when the server answers %s", async (mode, code, message) => {
    stub.setMode(mode);
    const model = osrmTravelModel({ baseUrl: stub.url, maxTableSize: 10, timeoutMs: 300, maxResponseBytes: 100_000 });
    await expect(model.matrix(POINTS.slice(0, 4))).rejects.toMatchObject({ code, message: expect.stringContaining(message) });
  });

  it("fails cleanly when nothing listens, and refuses more points than a matrix may hold", async () => {
    await expect(osrmTravelModel({ baseUrl: "http://127.0.0.1:9", timeoutMs: 1000 }).matrix(POINTS.slice(0, 3))).rejects.toMatchObject({ code: "unavailable" });
    await expect(osrmTravelModel({ baseUrl: stub.url, maxPoints: 20 }).matrix(POINTS)).rejects.toMatchObject({ code: "too_many_points" });
  });

  it("accepts only plain http(s) addresses", () => {
    expect(osrmBaseUrl("http://osrm.local:5000/")).toBe("http://osrm.local:5000");
    for (const bad of ["file:///etc/passwd", "ftp://x", "http://u:p@x", "http://x/?a=1", "geen url"]) expect(() => osrmBaseUrl(bad)).toThrow();
    expect(() => loadConfig({ KOERS_OSRM_URL: "ftp://x" })).toThrow(/KOERS_OSRM_URL/);
    expect(loadConfig({ KOERS_OSRM_URL: "http://127.0.0.1:5000/" }).osrmUrl).toBe("http://127.0.0.1:5000");
    expect(loadConfig({}).osrmUrl).toBeNull();
  });
});

describe("the planner's travel model", () => {
  it("is the haversine model without a setting, OSRM with one, and haversine again when OSRM is down", async () => {
    const none = await travelModelFor({ osrmUrl: null }).matrix(POINTS.slice(0, 3));
    expect(none.model).toBe("haversine");
    const osrm = await travelModelFor({ osrmUrl: stub.url }, { maxTableSize: 10 }).matrix(POINTS.slice(0, 3));
    expect(osrm.model).toBe("osrm");
    expect(osrm.note).toBeUndefined();
    stub.setMode("error");
    const down = await travelModelFor({ osrmUrl: stub.url }, { maxTableSize: 10 }).matrix(POINTS.slice(0, 3));
    expect(down.model).toBe("haversine");
    expect(down.note).toContain("HTTP 503");
    expect([...down.durations]).toEqual([...none.durations]);
  });
});
