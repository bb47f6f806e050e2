import { describe, expect, it } from "vitest";
import { type HitRatioQuote, hitRatio, hitRatioByRep, isStale, staleQuotes } from "./hit-ratio.js";

const q = (over: Partial<HitRatioQuote>): HitRatioQuote => ({
  repId: 1,
  status: "won",
  amountCents: 10_000,
  sentOn: "2027-01-01",
  decidedOn: "2027-01-11",
  ...over,
});
const january = { from: "2027-01-01", to: "2027-01-31" };

describe("hitRatio", () => {
  it("divides won by decided, in count and in value", () => {
    const ratio = hitRatio([q({}), q({ status: "lost", amountCents: 30_000 }), q({ status: "lost", amountCents: 10_000 })], january);
    expect(ratio).toMatchObject({ won: 1, lost: 2, wonCents: 10_000, lostCents: 40_000, ratioValue: 0.2 });
    expect(ratio.ratioCount).toBeCloseTo(1 / 3);
  });

  it("leaves withdrawn quotes out of the ratio but reports how many there were", () => {
    const ratio = hitRatio([q({}), q({ status: "withdrawn" })], january);
    expect(ratio).toMatchObject({ won: 1, lost: 0, withdrawn: 1, ratioCount: 1 });
  });

  it("counts quotes decided within the period, both ends included", () => {
    const quotes = [q({ decidedOn: "2027-01-01" }), q({ decidedOn: "2027-01-31" }), q({ decidedOn: "2027-02-01" })];
    expect(hitRatio(quotes, january).won).toBe(2);
  });

  it("ignores open quotes and has no ratio when nothing was decided", () => {
    expect(hitRatio([q({ status: "sent", decidedOn: null })], january)).toEqual({
      won: 0,
      lost: 0,
      withdrawn: 0,
      ratioCount: null,
      wonCents: 0,
      lostCents: 0,
      ratioValue: null,
      averageDaysToDecision: null,
    });
  });

  it("averages the days from sending to the decision over the quotes with both dates", () => {
    const quotes = [q({ decidedOn: "2027-01-11" }), q({ status: "lost", decidedOn: "2027-01-21" }), q({ sentOn: null })];
    expect(hitRatio(quotes, january).averageDaysToDecision).toBe(15);
  });

  it("counts a quote once, by its latest revision", () => {
    const quotes = [
      q({ status: "lost", quoteNumber: { base: 87, revision: 1 } }),
      q({ status: "won", quoteNumber: { base: 87, revision: 2 } }),
      q({ status: "lost", quoteNumber: { base: 88, revision: 1 } }),
    ];
    expect(hitRatio(quotes, january)).toMatchObject({ won: 1, lost: 1 });
  });

  it("does not count a lost quote that was reopened as a new, still open revision", () => {
    const quotes = [
      q({ status: "lost", quoteNumber: { base: 87, revision: 1 } }),
      q({ status: "draft", decidedOn: null, quoteNumber: { base: 87, revision: 2 } }),
    ];
    expect(hitRatio(quotes, january).lost).toBe(0);
  });
});

describe("hitRatioByRep", () => {
  it("gives one row per rep with decided or withdrawn quotes, by rep id", () => {
    const quotes = [q({ repId: 2 }), q({ repId: 1, status: "lost" }), q({ repId: 3, status: "sent", decidedOn: null })];
    expect(hitRatioByRep(quotes, january).map((r) => [r.repId, r.won, r.lost])).toEqual([
      [1, 0, 1],
      [2, 1, 0],
    ]);
  });
});

describe("stale quotes", () => {
  const today = "2027-03-15";

  it("flags open quotes whose decision month lies before the current month", () => {
    expect(isStale({ status: "sent", decisionMonth: "2027-02" }, today)).toBe(true);
    expect(isStale({ status: "draft", decisionMonth: "2026-12" }, today)).toBe(true);
  });

  it("does not flag a decision expected this month, or decided quotes", () => {
    expect(isStale({ status: "sent", decisionMonth: "2027-03" }, today)).toBe(false);
    expect(isStale({ status: "lost", decisionMonth: "2027-01" }, today)).toBe(false);
  });

  it("returns the stale quotes themselves", () => {
    const quotes = [
      { id: "a", status: "sent" as const, decisionMonth: "2027-01" },
      { id: "b", status: "sent" as const, decisionMonth: "2027-04" },
    ];
    expect(staleQuotes(quotes, today).map((x) => x.id)).toEqual(["a"]);
  });
});
