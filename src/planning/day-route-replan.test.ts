import { describe, expect, it } from "vitest";
import { bestDayOrder, type DayStop, restOfDay } from "./day-route.js";

// Home and four customers on a line, 20 minutes apart (matrix in minutes, parking included).
const size = 5;
const minutes = new Float64Array(size * size);
for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) minutes[i * size + j] = Math.abs(i - j) * 20;
const travel = { size, minutes, firstStartLatest: 540 };
const movable = (key: number, plannedStart: number): DayStop & { plannedStart: number } => ({ key, point: key, service: 60, ready: 510, due: 960, plannedStart });

describe("re-planning the rest of a day after a cancellation", () => {
  it("keeps what came before, starts nothing earlier than the cancellation, and pulls the rest forward", () => {
    const day = [movable(1, 510), movable(2, 590), movable(3, 670), movable(4, 750)];
    const planned = bestDayOrder(day, travel);
    expect(planned?.stops.map((s) => s.start)).toEqual([510, 590, 670, 750]);
    // Visit 2 (09:50) falls through at 09:50: the rest of the day is planned again from then.
    const rest = restOfDay([day[0], day[2], day[3]] as (DayStop & { plannedStart: number })[], 590);
    expect(rest[0]).toMatchObject({ key: 1, ready: 510, due: 510 });
    const replanned = bestDayOrder(rest, travel);
    expect(replanned?.stops[0]).toMatchObject({ stop: { key: 1 }, start: 510 });
    // The rest starts no earlier than 09:50, and no longer waits for its old times (11:10 and 12:30).
    const later = replanned?.stops.slice(1) ?? [];
    expect(later.map((s) => s.stop.key).sort()).toEqual([3, 4]);
    for (const s of later) expect(s.start).toBeGreaterThanOrEqual(590);
    expect(later[0]?.start).toBeLessThan(670);
    // The last visit ends 40 minutes earlier than it would have (12:30–13:30).
    expect(replanned?.stops.at(-1)?.end).toBeLessThanOrEqual(770);
    expect(planned?.stops.at(-1)?.end).toBe(810);
  });

  it("leaves fixed appointments after the cancellation at their time", () => {
    const fixed = { key: 9, point: 2, service: 60, ready: 840, due: 840, plannedStart: 840 };
    const rest = restOfDay([movable(1, 510), fixed], 600);
    expect(rest[1]).toMatchObject({ ready: 840, due: 840 });
  });
});
