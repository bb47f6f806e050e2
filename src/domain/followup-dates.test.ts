import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsClamped, followUpTiming, quickDueDate, quickDueDates } from "./followup-dates.js";
import { isIsoDate } from "./calendar.js";

describe("follow-up due dates", () => {
  it("counts weeks in days and months in calendar months", () => {
    expect(quickDueDates("2026-11-27")).toEqual([
      { choice: "1w", date: "2026-12-04" },
      { choice: "2w", date: "2026-12-11" },
      { choice: "1m", date: "2026-12-27" },
      { choice: "3m", date: "2027-02-27" },
      { choice: "6m", date: "2027-05-27" },
      { choice: "1y", date: "2027-11-27" },
    ]);
  });

  it("clamps to the end of a shorter month instead of spilling over", () => {
    expect(addMonthsClamped("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonthsClamped("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonthsClamped("2026-08-31", 1)).toBe("2026-09-30");
    expect(addMonthsClamped("2026-08-31", 6)).toBe("2027-02-28");
    expect(quickDueDate("2028-02-29", "1y")).toBe("2029-02-28");
    expect(addMonthsClamped("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonthsClamped("2026-01-15", -1)).toBe("2025-12-15");
  });

  it("always gives a valid date in the target month, never before the start", () => {
    const dates = fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 36 }), (date, n) => {
        const due = addMonthsClamped(date, n);
        expect(isIsoDate(due)).toBe(true);
        expect(due >= date).toBe(true);
        const months = (Number(due.slice(0, 4)) - Number(date.slice(0, 4))) * 12 + Number(due.slice(5, 7)) - Number(date.slice(5, 7));
        expect(months).toBe(n);
      }),
    );
  });

  it("calls an open follow-up overdue the day after its date, due on it, upcoming before", () => {
    expect(followUpTiming("2026-11-27", false, "2026-11-26")).toBe("upcoming");
    expect(followUpTiming("2026-11-27", false, "2026-11-27")).toBe("today");
    expect(followUpTiming("2026-11-27", false, "2026-11-28")).toBe("overdue");
    expect(followUpTiming("2026-11-20", true, "2026-11-28")).toBe("done");
  });
});
