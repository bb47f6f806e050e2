import { describe, expect, it } from "vitest";
import { monthOptions } from "../features/quotes/DecisionMonthSelect.js";
import { parseTypedDateTime } from "./DateTimeField.js";

describe("Dutch date and time typing", () => {
  it("reads a typed dd-mm-jjjj uu:mm, with a dot or a colon and without leading zeros", () => {
    expect(parseTypedDateTime("01-12-2026 09:30")).toBe("2026-12-01 09:30:00");
    expect(parseTypedDateTime("1-12-2026 9.30")).toBe("2026-12-01 09:30:00");
    expect(parseTypedDateTime("31-12-2026 23:59")).toBe("2026-12-31 23:59:00");
  });

  it("refuses a date without a time, an hour past 23 and a day that does not exist", () => {
    expect(parseTypedDateTime("01-12-2026")).toBeNull();
    expect(parseTypedDateTime("01-12-2026 24:00")).toBeNull();
    expect(parseTypedDateTime("31-11-2026 10:00")).toBeNull();
  });

  it("offers decision months by their Dutch names, a year back to three years ahead, and keeps a stored one outside", () => {
    const months = monthOptions("2026-12", "2020-05");
    expect(months[0]).toEqual({ value: "2020-05", label: "mei 2020" });
    expect(months[1]?.value).toBe("2025-12");
    expect(months.at(-1)?.value).toBe("2029-12");
    expect(months.find((m) => m.value === "2027-02")?.label).toBe("februari 2027");
  });
});
