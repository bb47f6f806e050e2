import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bestDayOrder, type DayStop, scheduleOrder } from "./day-route.js";
import { solveDayExactly } from "./exact-day.js";
import { exhaustiveDayCost } from "./exhaustive-day.js";
import { cityZoneOf, EVENING_PEAK, MORNING_PEAK, peakDelayMinutes, peakDelays, RANDSTAD_CITIES } from "./peak-traffic.js";
import { randomDay } from "./random-instances.js";
import { haversineTravelModel } from "./travel-model.js";

const AMSTERDAM = RANDSTAD_CITIES.findIndex((c) => c.name === "Amsterdam");
const UTRECHT = RANDSTAD_CITIES.findIndex((c) => c.name === "Utrecht");
const at = (h: number, m = 0) => h * 60 + m;

describe("travel against the traffic: the peak penalty", () => {
  it("knows the four big Randstad cities by their ring roads, and nothing outside", () => {
    expect(cityZoneOf({ lat: 52.3731, lon: 4.8922 })).toBe(AMSTERDAM); // Dam
    expect(RANDSTAD_CITIES[cityZoneOf({ lat: 51.9244, lon: 4.4777 })]?.name).toBe("Rotterdam");
    expect(RANDSTAD_CITIES[cityZoneOf({ lat: 52.0786, lon: 4.2887 })]?.name).toBe("Den Haag");
    expect(cityZoneOf({ lat: 52.0907, lon: 5.1214 })).toBe(UTRECHT);
    expect(cityZoneOf({ lat: 52.028, lon: 5.168 })).toBe(-1); // Houten
    expect(cityZoneOf({ lat: 52.156, lon: 5.389 })).toBe(-1); // Amersfoort
  });

  it("slows a drive into a city that arrives in the morning peak, and one out of a city that leaves in the evening peak", () => {
    // An hour's drive from outside into Amsterdam, arriving at 08:30 free-flow: 40 % of 60 = 24 minutes.
    expect(peakDelayMinutes(-1, AMSTERDAM, at(7, 30), 60)).toBe(24);
    // Short trips lose at least 10, long ones at most 25 minutes.
    expect(peakDelayMinutes(-1, AMSTERDAM, at(8), 10)).toBe(10);
    expect(peakDelayMinutes(-1, AMSTERDAM, at(7), 90)).toBe(25);
    // Towards the end of the peak only what is left of it: arriving at 09:20 costs 10 minutes.
    expect(peakDelayMinutes(-1, AMSTERDAM, at(8, 20), 60)).toBe(10);
    expect(peakDelayMinutes(-1, AMSTERDAM, at(8, 30), 60)).toBe(0);
    // Against the traffic: out of the city in the morning, into it in the evening, nothing.
    expect(peakDelayMinutes(AMSTERDAM, -1, at(8), 60)).toBe(0);
    expect(peakDelayMinutes(-1, AMSTERDAM, at(16), 30)).toBe(0);
    // Out of the city in the evening peak; a trip inside one city or between outside places never.
    expect(peakDelayMinutes(AMSTERDAM, -1, at(17), 50)).toBe(20);
    expect(peakDelayMinutes(UTRECHT, UTRECHT, at(8), 20)).toBe(0);
    expect(peakDelayMinutes(-1, -1, at(8), 20)).toBe(0);
    // From one city into another: both jams, the larger counts once.
    expect(peakDelayMinutes(UTRECHT, AMSTERDAM, at(7, 45), 45)).toBe(18);
    expect(MORNING_PEAK).toEqual({ from: 420, to: 570 });
    expect(EVENING_PEAK).toEqual({ from: 960, to: 1110 });
  });

  it("never lets a later departure arrive earlier, and never falls faster than the clock", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1, max: 3 }), fc.integer({ min: -1, max: 3 }), fc.double({ min: 300, max: 1300, noNaN: true }), fc.double({ min: 0, max: 120, noNaN: true }), fc.double({ min: 1, max: 150, noNaN: true }), (from, to, a, gap, base) => {
        const b = a + gap;
        const da = peakDelayMinutes(from, to, a, base);
        const db = peakDelayMinutes(from, to, b, base);
        expect(da).toBeGreaterThanOrEqual(0);
        expect(da - db).toBeLessThanOrEqual(gap + 1e-9);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the exact day with rush-hour delays", () => {
  it("still finds the optimum, the same as trying every order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 7 }), fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 8, maxLength: 8 }), (seed, visits, zones) => {
        const day = randomDay(seed, visits);
        const size = visits + 1;
        const delay = (i: number, j: number, depart: number) => peakDelayMinutes(zones[i] as number, zones[j] as number, depart, day.time[i * size + j] as number);
        const problem = { ...day, delay };
        const best = exhaustiveDayCost(problem);
        const result = solveDayExactly(problem);
        if (!Number.isFinite(best)) {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value.cost).toBeCloseTo(best, 6);
      }),
      { numRuns: 150 },
    );
  });
});

describe("a rep's day with the option on", () => {
  // Home in Houten, south of Utrecht; a customer in Amsterdam and one in Amersfoort, both free to
  // move in the working day (08:30–16:00, an hour each), and an appointment in Zeist at 15:00.
  const model = haversineTravelModel();
  const places = [
    { lat: 52.028, lon: 5.168 }, // home, Houten
    { lat: 52.37, lon: 4.9 }, // Amsterdam
    { lat: 52.156, lon: 5.389 }, // Amersfoort
    { lat: 52.089, lon: 5.233 }, // Zeist
  ];
  const size = places.length;
  const minutes = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) minutes[i * size + j] = i === j ? 0 : model.trip(places[i] as (typeof places)[number], places[j] as (typeof places)[number]).seconds / 60 + 4;
  const stops: DayStop[] = [
    { key: 1, point: 1, service: 60, ready: at(8, 30), due: at(16) },
    { key: 2, point: 2, service: 60, ready: at(8, 30), due: at(16) },
    { key: 3, point: 3, service: 60, ready: at(15), due: at(15) },
  ];
  const order = (s: ReturnType<typeof bestDayOrder>) => s?.stops.map((x) => x.stop.key);

  it("drives to Amsterdam first without it, and starts east (Amersfoort), reaching Amsterdam after the peak, with it", () => {
    const plain = bestDayOrder(stops, { size, minutes, firstStartLatest: at(9) });
    const against = bestDayOrder(stops, { size, minutes, firstStartLatest: at(9), delay: peakDelays(places, minutes) });
    expect(order(plain)).toEqual([1, 2, 3]);
    expect(order(against)).toEqual([2, 1, 3]);
    // Without traffic the Amsterdam-first order drives less; in the peak it would sit in the jam.
    expect(against?.exact).toBe(true);
    expect((plain?.travelMinutes ?? 0) < (against?.travelMinutes ?? 0)).toBe(true);
    const amsterdam = against?.stops.find((s) => s.stop.key === 1);
    expect(amsterdam && amsterdam.arrival >= MORNING_PEAK.to).toBe(true);
    // The Amsterdam-first order, timed with the jam, drives longer than the order chosen.
    const jammed = scheduleOrder(stops, { size, minutes, delay: peakDelays(places, minutes) });
    expect(jammed?.stops[0]?.travel).toBeGreaterThan(minutes[1] as number);
    expect((jammed?.travelMinutes ?? 0) > (against?.travelMinutes ?? 0)).toBe(true);
  });
});
