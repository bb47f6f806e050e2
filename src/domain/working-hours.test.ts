import { describe, expect, it } from "vitest";
import { leavesNoAdministrator, minutesOfDay, workingHoursProblems } from "./working-hours.js";

describe("working hours", () => {
  it("reads wall-clock times as minutes after midnight", () => {
    expect(minutesOfDay("08:30")).toBe(510);
    expect(minutesOfDay("23:59")).toBe(1439);
    expect(minutesOfDay("24:00")).toBeNull();
    expect(minutesOfDay("8:30")).toBeNull();
  });

  it("accepts a day that ends after it starts and names the field that is wrong otherwise", () => {
    expect(workingHoursProblems("08:30", "17:00")).toEqual([]);
    expect(workingHoursProblems("17:00", "08:30")).toEqual([{ field: "workEnd", code: "work_hours_order" }]);
    expect(workingHoursProblems("09:00", "09:00")).toEqual([{ field: "workEnd", code: "work_hours_order" }]);
    expect(workingHoursProblems("25:00", "half vijf")).toEqual([
      { field: "workStart", code: "time_invalid" },
      { field: "workEnd", code: "time_invalid" },
    ]);
  });

  it("refuses to demote or deactivate the last active administrator, not one of two", () => {
    expect(leavesNoAdministrator({ wasActiveAdmin: true, staysActiveAdmin: false, otherActiveAdmins: 0 }).ok).toBe(false);
    expect(leavesNoAdministrator({ wasActiveAdmin: true, staysActiveAdmin: false, otherActiveAdmins: 1 }).ok).toBe(true);
    expect(leavesNoAdministrator({ wasActiveAdmin: false, staysActiveAdmin: false, otherActiveAdmins: 0 }).ok).toBe(true);
  });
});
