import { describe, expect, it } from "vitest";
import { DEFAULT_WEEKS_PER_YEAR, dayTime, type RepDay, weeksOf, yearlyGain } from "./selling-time.js";
import type { TravelPoint } from "./travel-model.js";

// A toy travel model: one minute per 0.01° of longitude (places on one east-west line).
const trip = (a: TravelPoint, b: TravelPoint) => Math.round(Math.abs(a.lon - b.lon) * 100);
const at = (lon: number): TravelPoint => ({ lat: 52, lon });
const visit = (hh: number, mm: number, duration: number, lon: number | null) => ({ startMinutes: hh * 60 + mm, durationMinutes: duration, point: lon === null ? null : at(lon) });

describe("selling time of a day", () => {
  const day: RepDay = {
    date: "2026-11-23",
    week: "2026-W48",
    home: at(5.0),
    // Agenda order 5.1 → 5.3 → 5.2: driving 20 + 10 between visits; home legs 10 and 20.
    visits: [visit(9, 15, 60, 5.1), visit(13, 0, 45, 5.2), visit(11, 0, 60, 5.3)],
  };

  it("counts the time with customers, the driving between visits with the parking allowance, and the home legs apart", () => {
    expect(dayTime(day, trip, 4)).toMatchObject({ visits: 3, sellingMinutes: 165, travelMinutes: 30 + 3 * 4, homeMinutes: 30, unlocated: 0 });
  });

  it("says how late the first visit started against 08:30, and what the best order of the same visits saves", () => {
    const d = dayTime(day, trip, 4);
    expect(d.lateStartMinutes).toBe(45);
    // Agenda home → 5.1 → 5.3 → 5.2 → home: 10 + 20 + 10 + 20 = 60 minutes; no order along one line beats
    // going out to 5.3 and back (60): nothing to save.
    expect(d.routeSavingMinutes).toBe(0);
    const zigzag: RepDay = { ...day, visits: [visit(8, 30, 30, 5.1), visit(9, 30, 30, 5.4), visit(10, 30, 30, 5.2), visit(11, 30, 30, 5.5)] };
    // Agenda: 10 + 30 + 20 + 30 + 50 = 140; best: 10 + 10 + 20 + 10 + 50 = 100.
    expect(dayTime(zigzag, trip, 4)).toMatchObject({ lateStartMinutes: 0, routeSavingMinutes: 40 });
  });

  it("counts no travel to a visit without a coordinate, and says how many there were", () => {
    const d = dayTime({ ...day, visits: [visit(9, 0, 60, 5.1), visit(11, 0, 60, null)] }, trip, 4);
    expect(d).toMatchObject({ visits: 2, sellingMinutes: 120, travelMinutes: 4, unlocated: 1, lateStartMinutes: 30 });
  });

  it("sums the days of a rep per ISO week", () => {
    const weeks = weeksOf([day, { ...day, date: "2026-11-24" }, { ...day, date: "2026-11-30", week: "2026-W49", visits: [] }], trip, 4);
    expect(weeks).toHaveLength(1);
    expect(weeks[0]).toMatchObject({ week: "2026-W48", days: 2, visits: 6, sellingMinutes: 330, lateStartMinutes: 90 });
  });
});

describe("the yearly gain", () => {
  it("reproduces DOMAIN.md's example: five reps four days a week gain about 800 hours by starting earlier, about 1,000 with route discipline", () => {
    // 52 minutes late a day and 13 minutes of needless driving, over 46 working weeks.
    const gain = yearlyGain({ reps: 5, daysPerWeek: 4, weeksPerYear: DEFAULT_WEEKS_PER_YEAR, lateStartMinutesPerDay: 52, routeSavingMinutesPerDay: 13 });
    expect(gain).toEqual({ startEarlierHours: 797, withRouteDisciplineHours: 997 });
  });

  it("is nothing for a team that starts on time in the best order", () => {
    expect(yearlyGain({ reps: 5, daysPerWeek: 4, weeksPerYear: 46, lateStartMinutesPerDay: 0, routeSavingMinutesPerDay: 0 })).toEqual({ startEarlierHours: 0, withRouteDisciplineHours: 0 });
  });
});
