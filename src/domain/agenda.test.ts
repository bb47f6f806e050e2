import { describe, expect, it } from "vitest";
import { minutesOfDay, outsideWorkingHours, overlappingAppointments, overlaps } from "./agenda.js";

const at = (h: number, m = 0) => Date.UTC(2026, 11, 2, h, m);

describe("agenda rules", () => {
  it("sees an overlap when one appointment starts before the other ends, not when they only touch", () => {
    expect(overlaps({ startMs: at(9), endMs: at(10) }, { startMs: at(9, 30), endMs: at(11) })).toBe(true);
    expect(overlaps({ startMs: at(9), endMs: at(12) }, { startMs: at(10), endMs: at(11) })).toBe(true);
    expect(overlaps({ startMs: at(9), endMs: at(10) }, { startMs: at(10), endMs: at(11) })).toBe(false);
    expect(overlaps({ startMs: at(11), endMs: at(12) }, { startMs: at(9), endMs: at(10) })).toBe(false);
  });

  it("names the other appointments an appointment overlaps, never itself, not those it only touches", () => {
    const self = { id: 1, startMs: at(10), endMs: at(11) };
    const others = [self, { id: 2, startMs: at(10, 30), endMs: at(11, 30) }, { id: 3, startMs: at(11), endMs: at(12) }, { id: 4, startMs: at(9), endMs: at(10, 1) }];
    expect(overlappingAppointments(self, others).map((o) => o.id)).toEqual([2, 4]);
    expect(overlappingAppointments(self, [])).toEqual([]);
  });

  it("warns on a visit that starts before or ends after the working day", () => {
    expect(outsideWorkingHours(minutesOfDay("08:30") as number, 60, "08:30", "17:00")).toBe(false);
    expect(outsideWorkingHours(minutesOfDay("16:00") as number, 60, "08:30", "17:00")).toBe(false);
    expect(outsideWorkingHours(minutesOfDay("08:00") as number, 60, "08:30", "17:00")).toBe(true);
    expect(outsideWorkingHours(minutesOfDay("16:30") as number, 60, "08:30", "17:00")).toBe(true);
    expect(outsideWorkingHours(minutesOfDay("23:30") as number, 60, "08:30", "17:00")).toBe(true);
  });

  it("does not warn when the working hours cannot be read", () => {
    expect(outsideWorkingHours(60, 30, "", "17:00")).toBe(false);
    expect(outsideWorkingHours(60, 30, "17:00", "08:00")).toBe(false);
    expect(minutesOfDay("24:00")).toBeNull();
  });
});
