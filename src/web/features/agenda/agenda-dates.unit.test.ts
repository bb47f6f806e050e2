import { describe, expect, it } from "vitest";
import { addDays, amsterdamToInstant, mondayOf, numericDate, todayInAmsterdam } from "./agenda-dates.js";

describe("agenda dates on the Amsterdam clock", () => {
  it("turns a planned time into the right UTC instant in winter and in summer", () => {
    expect(amsterdamToInstant("2026-12-02", "10:00")).toBe("2026-12-02T09:00:00.000Z");
    expect(amsterdamToInstant("2027-04-06", "10:00")).toBe("2027-04-06T08:00:00.000Z");
  });

  it("takes today's date in Amsterdam, not in UTC, just after midnight", () => {
    expect(todayInAmsterdam(new Date("2026-12-09T23:30:00Z"))).toBe("2026-12-10");
  });

  it("starts a week on Monday and shows dates as dd-mm-jjjj", () => {
    expect(mondayOf("2026-12-06")).toBe("2026-11-30");
    expect(mondayOf("2026-11-30")).toBe("2026-11-30");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(numericDate("2026-12-02")).toBe("02-12-2026");
  });
});
