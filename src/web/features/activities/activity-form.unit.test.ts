import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { instantOf, localDateTime } from "./activity-form.js";

// A laptop set to New York: the contact moment's time is still typed and shown on the Amsterdam clock.
describe("the contact moment's date and time on the Amsterdam clock", () => {
  let zone: string | undefined;
  beforeEach(() => {
    zone = process.env.TZ;
    process.env.TZ = "America/New_York";
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  it("reads a typed time as Amsterdam time, winter and summer", () => {
    expect(instantOf("2026-12-01T09:30")).toBe("2026-12-01T08:30:00.000Z");
    expect(instantOf("2026-07-01T09:30")).toBe("2026-07-01T07:30:00.000Z");
  });

  it("shows a stored instant on the Amsterdam clock", () => {
    expect(localDateTime(new Date("2026-12-01T08:30:00Z"))).toBe("2026-12-01T09:30");
    expect(localDateTime(new Date("2026-07-01T22:30:00Z"))).toBe("2026-07-02T00:30");
  });

  it("refuses what is not a date and time", () => {
    expect(instantOf("2026-12-01")).toBeUndefined();
    expect(instantOf("2026-12-01T24:10")).toBeUndefined();
    expect(instantOf("morgen")).toBeUndefined();
  });
});
