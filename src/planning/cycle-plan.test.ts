import { describe, expect, it } from "vitest";
import { addDays } from "../domain/calendar.js";
import { type CycleDay, type CycleRelation, cycleSlot, cycleSlots, intervalDays, planCycle } from "./cycle-plan.js";
import { bestDayOrder, type DayTravel, scheduleOrder } from "./day-route.js";
import { exhaustiveDayCost } from "./exhaustive-day.js";

/** Points on a line, `spacing` minutes apart; point 0 is home. */
function lineTravel(size: number, spacing: number): DayTravel {
  const minutes = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) minutes[i * size + j] = Math.abs(i - j) * spacing;
  return { size, minutes };
}

/** Two weeks of a 2-week cycle from a Monday: slots "1-1" … "2-5", weekends without a slot. */
function twoWeeks(start: string, off: string[] = [], weeks = 2): CycleDay[] {
  return Array.from({ length: weeks * 7 }, (_, d) => {
    const weekday = d % 7;
    const week = Math.floor(d / 7) % 2;
    const date = addDays(start, d);
    const slots: Record<number, string> = weekday < 5 ? { 2: `${week + 1}-${weekday + 1}` } : {};
    return { date, slots, off: off.includes(date), fixed: [] };
  });
}

const settings = { cycleWeeks: 2, dayStart: 510, firstStartLatest: 540, lastStart: 960, maxStops: 10 };
const START = "2026-11-30";

function relation(id: number, slot: string, lastVisit: string | null, norm = 6, point = id): CycleRelation {
  // One sub-area per cycle day of a single 2-week rayon: "1-3" is sub-area 13.
  return { id, point, subArea: Number(slot.replace("-", "")), cycleWeeks: 2, slot, norm, lastVisit, minutes: 60, visitType: "follow_up" };
}

describe("cycle plan", () => {
  it("visits a due relation on its sub-area's day, and one visited lately not at all", () => {
    const travel = lineTravel(4, 10);
    const plan = planCycle(twoWeeks(START), [relation(1, "1-3", "2026-09-01"), relation(2, "1-3", "2026-11-20")], travel, settings);
    const wednesday = plan.days.find((d) => d.date === "2026-12-02");
    expect(wednesday?.visits.map((v) => v.relationId)).toEqual([1]);
    expect(plan.days.flatMap((d) => d.visits).filter((v) => v.relationId === 2)).toEqual([]);
    expect(wednesday?.visits[0]?.start).toBe(510);
    expect(wednesday?.travelMinutes).toBe(20);
    expect(wednesday?.sellingMinutes).toBe(60);
  });

  it("moves a visit to the same day of the next cycle when its day is off, and says so", () => {
    const plan = planCycle(twoWeeks(START, ["2026-12-02"], 4), [relation(1, "1-3", "2026-09-01")], lineTravel(2, 10), settings);
    const visits = plan.days.flatMap((d) => d.visits.map((v) => ({ date: d.date, ...v })));
    expect(visits.map((v) => v.date)).toEqual(["2026-12-16"]);
    expect(visits[0]?.movedFrom).toBe("2026-12-02");
  });

  it("lists what does not fit on a full day, with the days tried", () => {
    const many = Array.from({ length: 12 }, (_, i) => relation(i + 1, "1-1", "2026-01-01", 6, 1));
    const plan = planCycle(twoWeeks(START), many, lineTravel(2, 5), settings);
    const monday = plan.days[0];
    // 08:30 to a last start of 16:00 holds eight visits of an hour.
    expect(monday?.visits.length).toBe(8);
    expect(plan.unplaced).toHaveLength(4);
    expect(plan.unplaced[0]).toMatchObject({ reason: "day_full", tried: ["2026-11-30"] });
    expect(plan.dueVisits).toBe(12);
  });

  it("plans around a fixed appointment, which keeps its time", () => {
    const days = twoWeeks(START).map((d) => (d.date === START ? { ...d, fixed: [{ appointmentId: 99, relationId: 50, point: 3, start: 600, minutes: 60 }] } : d));
    const plan = planCycle(days, [relation(1, "1-1", "2026-01-01"), relation(2, "1-1", "2026-01-01")], lineTravel(4, 10), settings);
    const monday = plan.days[0];
    const fixed = monday?.visits.find((v) => v.appointmentId === 99);
    expect(fixed?.start).toBe(600);
    const times = (monday?.visits ?? []).map((v) => [v.start, v.start + v.minutes]).sort((a, b) => (a[0] as number) - (b[0] as number));
    for (let i = 1; i < times.length; i++) expect(times[i]?.[0]).toBeGreaterThanOrEqual(times[i - 1]?.[1] as number);
    expect(monday?.visits).toHaveLength(3);
    // The day still starts at 08:30 (DOMAIN.md), not with a drive to the 10:00 appointment.
    expect(monday?.visits[0]?.start).toBe(510);
  });

  it("does not start a day late: a visit that only fits after a late fixed appointment waits a cycle", () => {
    // A fixed appointment at 10:00 an hour's drive away, and a visit of an hour near home.
    const days = twoWeeks(START).map((d) => (d.date === START ? { ...d, fixed: [{ appointmentId: 7, relationId: 60, point: 2, start: 600, minutes: 60 }] } : d));
    const travel: DayTravel = { size: 3, minutes: Float64Array.from([0, 5, 60, 5, 0, 60, 60, 60, 0]) };
    const plan = planCycle(days, [relation(1, "1-1", "2026-01-01", 6, 1)], travel, settings);
    // 08:30 at point 1 (60 min), then 60 min drive: 10:30 > 10:00 — it cannot go first; after the
    // appointment the day would start at 10:00, later than 09:00: it moves to the next cycle.
    expect(plan.days[0]?.visits.map((v) => v.appointmentId)).toEqual([7]);
    expect(plan.unplaced).toMatchObject([{ relationId: 1, reason: "day_full" }]);
  });

  it("reports a norm that asks more visits than the cycle comes round", () => {
    const plan = planCycle(twoWeeks(START), [relation(1, "1-1", null, 52)], lineTravel(2, 10), settings);
    expect(plan.normConflicts).toEqual([{ relationId: 1, norm: 52, possible: 26 }]);
    expect(intervalDays(52)).toBe(7);
  });

  it("returns an empty plan for no days", () => {
    expect(planCycle([], [relation(1, "1-1", null)], lineTravel(2, 1), settings).days).toEqual([]);
  });
});

describe("cycle plan of a rep with a 2-week and a 3-week rayon", () => {
  // 2026-12-07 is week 1 of both cycles (counted from Monday 5 January 1970); six weeks make both
  // cycles come round whole (the least common multiple of 2 and 3).
  const MONDAY = "2026-12-07";
  const sixWeeks = (): CycleDay[] => Array.from({ length: 42 }, (_, d) => ({ date: addDays(MONDAY, d), slots: cycleSlots(addDays(MONDAY, d), [2, 3]), off: false, fixed: [] }));
  // Sub-area 21 (rayon of 2 weeks) on week 1 Monday; 33 and 31 (rayon of 3 weeks) on week 3 Tuesday and week 1 Monday.
  const inArea = (id: number, subArea: number, cycleWeeks: number, slot: string, norm: number, point = id): CycleRelation => ({
    id,
    point,
    subArea,
    cycleWeeks,
    slot,
    norm,
    lastVisit: "2026-01-01",
    minutes: 60,
    visitType: "follow_up",
  });

  it("plans the 3-week rayon's week-3 sub-area on its own days, each relation in its own cycle", () => {
    expect(cycleSlot(MONDAY, 2)).toBe("1-1");
    expect(cycleSlot(MONDAY, 3)).toBe("1-1");
    // Norms of 26 a year (every 14 days) and 17 (every 21 days): due on every turn of their day.
    const plan = planCycle(sixWeeks(), [inArea(1, 21, 2, "1-1", 26), inArea(2, 33, 3, "3-2", 17)], lineTravel(3, 10), { ...settings, cycleWeeks: 3 });
    const datesOf = (id: number) => plan.days.filter((d) => d.visits.some((v) => v.relationId === id)).map((d) => d.date);
    expect(datesOf(1)).toEqual(["2026-12-07", "2026-12-21", "2027-01-04"]);
    // Week 3 of the 3-week cycle: the Tuesdays of 22 December and 12 January.
    expect(datesOf(2)).toEqual(["2026-12-22", "2027-01-12"]);
    expect(plan.unplaced).toEqual([]);
    expect(plan.normConflicts).toEqual([]);
    // The days show their cycle day in the longest cycle.
    expect(plan.days.find((d) => d.date === "2026-12-22")?.slot).toBe("3-2");
  });

  it("shares the date on which both rayons' days fall, says so, and never overlaps two visits", () => {
    // 21 (2 weeks, week 1 Monday) and 31 (3 weeks, week 1 Monday) meet on 7 December and 18 January.
    const relations = [inArea(1, 21, 2, "1-1", 26), inArea(2, 21, 2, "1-1", 26), inArea(3, 31, 3, "1-1", 17), inArea(4, 31, 3, "1-1", 17)];
    const plan = planCycle([...sixWeeks(), ...sixWeeks().map((d) => ({ ...d, date: addDays(d.date, 42), slots: cycleSlots(addDays(d.date, 42), [2, 3]) }))], relations, lineTravel(5, 10), { ...settings, cycleWeeks: 3 });
    expect(plan.clashes).toEqual([
      { date: "2026-12-07", subAreas: [21, 31] },
      { date: "2027-01-18", subAreas: [21, 31] },
    ]);
    const clashDay = plan.days.find((d) => d.date === "2026-12-07");
    expect(clashDay?.visits.map((v) => v.relationId).sort()).toEqual([1, 2, 3, 4]);
    const spans = (clashDay?.visits ?? []).map((v) => [v.start, v.start + v.minutes] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.[0]).toBeGreaterThanOrEqual(spans[i - 1]?.[1] as number);
    // Outside the clashes each sub-area has its day to itself.
    expect(plan.days.find((d) => d.date === "2026-12-21")?.visits.map((v) => v.relationId).sort()).toEqual([1, 2]);
    expect(plan.days.find((d) => d.date === "2026-12-28")?.visits.map((v) => v.relationId).sort()).toEqual([3, 4]);
  });

  it("moves what no longer fits on a shared date to its own sub-area's next day", () => {
    // Eight visits of an hour fill a day (08:30 to a last start of 16:00): 6 + 6 on one shared date.
    const relations = [...Array.from({ length: 6 }, (_, i) => inArea(i + 1, 21, 2, "1-1", 26, 1)), ...Array.from({ length: 6 }, (_, i) => inArea(i + 11, 31, 3, "1-1", 17, 1))];
    const plan = planCycle(sixWeeks(), relations, lineTravel(2, 5), { ...settings, cycleWeeks: 3 });
    const first = plan.days[0];
    expect(first?.visits).toHaveLength(8);
    const left = relations.map((r) => r.id).filter((id) => !first?.visits.some((v) => v.relationId === id));
    expect(left).toHaveLength(4);
    for (const id of left) {
      const cycle = id > 10 ? 3 : 2;
      const next = plan.days.find((d) => d.date > (first?.date as string) && d.visits.some((v) => v.relationId === id));
      // The next turn of its own sub-area: two weeks later for the 2-week rayon, three for the other.
      expect(next?.date).toBe(addDays("2026-12-07", cycle * 7));
      expect(next?.visits.find((v) => v.relationId === id)?.movedFrom).toBe("2026-12-07");
    }
  });
});

describe("day route", () => {
  it("orders a day with least travel, as brute force does", () => {
    // Points scattered on a grid: home at 0, six visits with wide windows.
    const coords = [
      [0, 0],
      [5, 1],
      [1, 6],
      [7, 7],
      [2, 2],
      [8, 3],
      [3, 9],
    ];
    const size = coords.length;
    const minutes = new Float64Array(size * size);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) minutes[i * size + j] = Math.hypot((coords[i]?.[0] ?? 0) - (coords[j]?.[0] ?? 0), (coords[i]?.[1] ?? 0) - (coords[j]?.[1] ?? 0)) * 3;
    const travel = { size, minutes };
    const stops = Array.from({ length: 6 }, (_, i) => ({ key: i + 1, point: i + 1, service: 45, ready: 510, due: 960 }));
    const best = bestDayOrder(stops, travel);
    const n = stops.length;
    const time = new Float64Array((n + 1) * (n + 1));
    time.set(minutes);
    const ready = new Float64Array(n + 1).fill(510);
    const due = new Float64Array(n + 1).fill(960);
    ready[0] = 0;
    due[0] = 2880;
    const service = new Float64Array(n + 1).fill(45);
    service[0] = 0;
    const brute = exhaustiveDayCost({ visits: n, time, ready, due, service });
    expect(best?.exact).toBe(true);
    expect(best?.travelMinutes).toBeCloseTo(brute, 6);
  });

  it("keeps a fixed appointment's time and refuses an order that would make it late", () => {
    const travel = lineTravel(3, 30);
    const fixed = { key: 1, point: 2, service: 60, ready: 540, due: 540 };
    const free = { key: 2, point: 1, service: 60, ready: 510, due: 960 };
    expect(scheduleOrder([free, fixed], travel)).toBeNull();
    const day = bestDayOrder([free, fixed], travel);
    expect(day?.stops.map((s) => s.stop.key)).toEqual([1, 2]);
    expect(day?.stops[0]?.start).toBe(540);
  });
});
