import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, monthRange } from "./calendar.js";
import {
  type ForecastQuote,
  type QuoteEvent,
  forecastAsOf,
  forecastBy,
  forecastByMonth,
  forecastReport,
  quotesAsOf,
  unitsPresent,
} from "./forecast.js";
import { QUOTE_STATUSES } from "./quote-status.js";

/** Units in one unit of measure ("stuk" unless named). */
const u = (units: number, unit: string | null = "stuk") => [{ unit, units }];
/** The rounded units of one unit of measure in figures (0 when the unit is absent). */
const unitsOf = (f: { units: readonly { unit: string | null; units: number }[] }, unit: string | null = "stuk") =>
  f.units.find((x) => x.unit === unit)?.units ?? 0;

const quote = (over: Partial<ForecastQuote> = {}): ForecastQuote => ({
  amountCents: 100_000,
  units: u(10),
  probability: 50,
  decisionMonth: "2027-03",
  status: "sent",
  ...over,
});

describe("forecastByMonth", () => {
  it("places a quote's weighted amount and units in its decision month", () => {
    const { rows } = forecastByMonth([quote()], ["2027-02", "2027-03"]);
    expect(rows).toEqual([
      { month: "2027-02", units: [], unitsUnknown: 0, revenueCentsWeighted: 0, revenue: 0, revenueCents: 0 },
      {
        month: "2027-03",
        units: [{ unit: "stuk", unitsWeighted: 5, units: 5 }],
        unitsUnknown: 0,
        revenueCentsWeighted: 50_000,
        revenue: 500,
        revenueCents: 50_000,
      },
    ]);
  });

  it("sums the open quotes of one month", () => {
    const { rows, total } = forecastByMonth([quote(), quote({ amountCents: 20_000, units: u(2), probability: 75 })], ["2027-03"]);
    expect(rows[0]).toMatchObject({ revenue: 650, units: [{ unit: "stuk", units: 6.5 }] });
    expect(total).toMatchObject({ revenue: 650, units: [{ unit: "stuk", units: 6.5 }] });
  });

  it("counts draft and sent quotes and leaves won, lost and withdrawn ones out", () => {
    const quotes = QUOTE_STATUSES.map((status) => quote({ status }));
    expect(forecastByMonth(quotes, ["2027-03"]).total.revenue).toBe(1000);
  });

  it("counts nothing for an open quote at 0 %", () => {
    expect(forecastByMonth([quote({ probability: 0 })], ["2027-03"]).total.revenue).toBe(0);
  });

  it("ignores quotes decided outside the requested months", () => {
    const quotes = [quote({ decisionMonth: "2027-01" }), quote({ decisionMonth: "2027-05" })];
    expect(forecastByMonth(quotes, monthRange("2027-02", "2027-04")).total).toMatchObject({ revenue: 0, units: [] });
  });

  it("lists each requested month once, in the requested order", () => {
    const { rows } = forecastByMonth([], ["2027-03", "2027-01", "2027-03"]);
    expect(rows.map((r) => r.month)).toEqual(["2027-03", "2027-01"]);
  });
});

describe("forecast rounding", () => {
  const shown = (quotes: ForecastQuote[]) => forecastByMonth(quotes, ["2027-03"]).total;

  it("rounds half a cent away from zero: 1 cent at 50 % shows as 0.01 euro", () => {
    expect(shown([quote({ amountCents: 1, probability: 50 })]).revenue).toBe(0.01);
  });

  it("rounds a credit away from zero too: -1 cent at 50 % shows as -0.01 euro", () => {
    expect(shown([quote({ amountCents: -1, probability: 50 })]).revenue).toBe(-0.01);
  });

  it("rounds units to two decimals half away from zero: 0.125 → 0.13", () => {
    expect(unitsOf(shown([quote({ units: u(0.125), probability: 100 })]))).toBe(0.13);
    expect(unitsOf(shown([quote({ units: u(0.25), probability: 50 })]))).toBe(0.13);
    expect(unitsOf(shown([quote({ units: u(-0.25), probability: 50 })]))).toBe(-0.13);
  });

  it("adds fractional units without binary drift", () => {
    expect(unitsOf(shown([quote({ units: u(0.1), probability: 100 }), quote({ units: u(0.2), probability: 100 })]))).toBe(0.3);
    // 1.005 × 100 is 100.49999… in floating point; the exact sum rounds up.
    expect(unitsOf(shown([quote({ units: u(1.005), probability: 100 })]))).toBe(1.01);
  });

  it("sums exact values before rounding: three thirds of a cent make one cent", () => {
    const thirds = [1, 2, 3].map(() => quote({ amountCents: 1, probability: 33 }));
    // 3 × 0.33 cent = 0.99 cent → 0.01 euro, though each alone would round to 0.
    expect(shown(thirds).revenue).toBe(0.01);
  });

  it("rounds the total from the exact total, not from the rounded months", () => {
    const quotes = [quote({ amountCents: 1, decisionMonth: "2027-03" }), quote({ amountCents: 1, decisionMonth: "2027-04" })];
    const report = forecastReport(quotes, "2027-03", "2027-04");
    expect(report.months.map((m) => m.revenue)).toEqual([0.01, 0.01]);
    expect(report.total.revenue).toBe(0.01);
  });
});

describe("forecastBy", () => {
  const months = ["2027-03", "2027-04"];

  it("splits the forecast per rep, with every month in each group and unassigned quotes last", () => {
    const quotes = [
      quote({ repId: 2, amountCents: 10_000 }),
      quote({ repId: 1, amountCents: 20_000, decisionMonth: "2027-04" }),
      quote({ amountCents: 40_000 }),
    ];
    const { groups, total } = forecastBy(quotes, months, "rep");
    expect(groups.map((g) => [g.key, g.rows.map((r) => r.revenue)])).toEqual([
      [1, [0, 100]],
      [2, [50, 0]],
      [null, [200, 0]],
    ]);
    expect(total.revenue).toBe(350);
  });

  it("splits the forecast per rayon", () => {
    const quotes = [quote({ rayonId: "north" }), quote({ rayonId: "north" }), quote({ rayonId: "east" })];
    const { groups } = forecastBy(quotes, months, "rayon");
    expect(groups.map((g) => [g.key, g.total.revenue])).toEqual([
      ["east", 500],
      ["north", 1000],
    ]);
  });

  it("splits a quote by its lines per product, weighted by the quote's probability", () => {
    const quotes = [
      quote({
        probability: 40,
        lines: [
          { productId: "P1", amountCents: 60_000, unit: "m2", units: 6 },
          { productId: "P2", amountCents: 40_000, unit: "uur", units: 4 },
        ],
      }),
      quote({ productId: "P2", amountCents: 10_000, units: u(1, "uur") }),
    ];
    const { groups, total } = forecastBy(quotes, months, "product");
    expect(groups.map((g) => [g.key, g.total.revenue, g.total.units.map((x) => [x.unit, x.units])])).toEqual([
      ["P1", 240, [["m2", 2.4]]],
      ["P2", 210, [["uur", 2.1]]],
    ]);
    expect(total).toMatchObject({ revenue: 450, units: [{ unit: "m2", units: 2.4 }, { unit: "uur", units: 2.1 }] });
  });

  it("leaves out groups without a counting quote in the range", () => {
    const quotes = [quote({ repId: 1, status: "won" }), quote({ repId: 2, decisionMonth: "2030-01" })];
    expect(forecastBy(quotes, months, "rep").groups).toEqual([]);
  });
});

describe("units per unit of measure", () => {
  const months = ["2027-03"];

  it("adds units only of the same unit: m², hours and pieces stay apart, in the month and the total", () => {
    const quotes = [
      quote({ probability: 50, units: [{ unit: "m2", units: 200 }, { unit: "uur", units: 8 }] }),
      quote({ probability: 25, units: [{ unit: "m2", units: 82 }] }),
      quote({ probability: 100, units: u(3) }),
    ];
    const { rows, total } = forecastByMonth(quotes, months);
    expect(rows[0]?.units.map((x) => [x.unit, x.units])).toEqual([
      ["m2", 120.5],
      ["stuk", 3],
      ["uur", 4],
    ]);
    expect(total.units.map((x) => [x.unit, x.units])).toEqual([
      ["m2", 120.5],
      ["stuk", 3],
      ["uur", 4],
    ]);
    expect(total.revenue).toBe(1750);
  });

  it("lists lines without a product under no unit, last", () => {
    const { total } = forecastByMonth([quote({ probability: 100, units: [{ unit: null, units: 1 }, { unit: "uur", units: 2 }] })], months);
    expect(total.units.map((x) => x.unit)).toEqual(["uur", null]);
  });

  it("counts the revenue of a quote whose units are unknown, and says how many such quotes there are", () => {
    const { rows, total } = forecastByMonth([quote({ units: null }), quote({ units: u(4, "m2") })], months);
    expect(total).toMatchObject({ revenue: 1000, unitsUnknown: 1, units: [{ unit: "m2", units: 2 }] });
    expect(rows[0]?.unitsUnknown).toBe(1);
  });

  it("splits each group's units per unit too", () => {
    const quotes = [quote({ repId: 1, units: u(10, "m2") }), quote({ repId: 1, units: u(2, "uur") }), quote({ repId: 2, units: null })];
    const { groups, total } = forecastBy(quotes, months, "rep");
    expect(groups.map((g) => [g.key, g.total.units.map((x) => [x.unit, x.units]), g.total.unitsUnknown])).toEqual([
      [1, [["m2", 5], ["uur", 1]], 0],
      [2, [], 1],
    ]);
    expect(total.unitsUnknown).toBe(1);
  });

  it("lists every unit present in a set of figures once, in order", () => {
    const { rows } = forecastByMonth([quote({ units: u(1, "uur"), decisionMonth: "2027-03" }), quote({ units: u(1, "m2"), decisionMonth: "2027-04" })], ["2027-03", "2027-04"]);
    expect(unitsPresent(rows)).toEqual(["m2", "uur"]);
  });
});

describe("forecastReport", () => {
  it("has exactly the JSON shape of the CLI", () => {
    const report = forecastReport([quote({ amountCents: 463_050, units: u(12.5, "m2"), probability: 35 })], "2027-02", "2027-03");
    expect(JSON.stringify(report)).toBe(
      '{"months":[{"month":"2027-02","units":[],"revenue":0},{"month":"2027-03","units":[{"unit":"m2","units":4.38}],"revenue":1620.68}],' +
        '"total":{"units":[{"unit":"m2","units":4.38}],"revenue":1620.68}}',
    );
  });

  it("has no months when the range is empty", () => {
    expect(forecastReport([quote()], "2027-04", "2027-03")).toEqual({ months: [], total: { units: [], revenue: 0 } });
  });

  it("refuses months that are not YYYY-MM", () => {
    expect(() => forecastReport([], "2027-13", "2027-14")).toThrow(RangeError);
  });
});

// Quotes whose exact weighted values an independent integer reference can compute: units are whole
// thousandths, so units × percent is an integer of hundred-thousandths.
const arbQuote = fc.record({
  amountCents: fc.integer({ min: -1_000_000, max: 10_000_000 }),
  thousandths: fc.integer({ min: -100_000, max: 1_000_000 }),
  probability: fc.integer({ min: 0, max: 100 }),
  offset: fc.integer({ min: -2, max: 14 }),
  status: fc.constantFrom(...QUOTE_STATUSES),
});
type ArbQuote = typeof arbQuote extends fc.Arbitrary<infer T> ? T : never;
const FROM = "2027-01";
const toQuote = (q: ArbQuote): ForecastQuote => ({
  amountCents: q.amountCents,
  units: u(q.thousandths / 1000),
  probability: q.probability,
  decisionMonth: addMonths(FROM, q.offset),
  status: q.status,
});
const roundDiv = (n: number, d: number) => Math.sign(n) * Math.floor((Math.abs(n) + d / 2) / d) + 0;

describe("forecast invariants", () => {
  it("shows the total as the exact grand total rounded once", () => {
    fc.assert(
      fc.property(fc.array(arbQuote, { maxLength: 30 }), (arbs) => {
        const counted = arbs.filter((q) => (q.status === "draft" || q.status === "sent") && q.offset >= 0 && q.offset < 12);
        const centPercent = counted.reduce((s, q) => s + q.amountCents * q.probability, 0);
        const unitPercent = counted.reduce((s, q) => s + q.thousandths * q.probability, 0); // 10^-5 units
        const report = forecastReport(arbs.map(toQuote), FROM, addMonths(FROM, 11));
        expect(report.total.revenue).toBe(roundDiv(centPercent, 100) / 100);
        expect(unitsOf(report.total)).toBe(roundDiv(unitPercent, 1000) / 100);
        expect(report.months).toHaveLength(12);
        const monthSum = report.months.reduce((s, m) => s + Math.round(m.revenue * 100), 0);
        expect(Math.abs(monthSum - Math.round(report.total.revenue * 100))).toBeLessThanOrEqual(6);
      }),
    );
  });

  it("gives a range the months of its two halves, and their exact sums", () => {
    fc.assert(
      fc.property(fc.array(arbQuote, { maxLength: 30 }), fc.integer({ min: 0, max: 10 }), (arbs, split) => {
        const quotes = arbs.map(toQuote);
        const all = monthRange(FROM, addMonths(FROM, 11));
        const whole = forecastByMonth(quotes, all);
        const left = forecastByMonth(quotes, all.slice(0, split + 1));
        const right = forecastByMonth(quotes, all.slice(split + 1));
        expect(whole.rows).toEqual([...left.rows, ...right.rows]);
        // Weighted cents are whole hundredths here, so ×100 gives the exact integer sums back.
        const exact = (cents: number) => Math.round(cents * 100);
        expect(exact(whole.total.revenueCentsWeighted)).toBe(
          exact(left.total.revenueCentsWeighted) + exact(right.total.revenueCentsWeighted),
        );
      }),
    );
  });

  it("splits the forecast per rep without losing or adding anything", () => {
    const arbRepQuote = fc.tuple(arbQuote, fc.option(fc.constantFrom(1, 2, 3)));
    fc.assert(
      fc.property(fc.array(arbRepQuote, { maxLength: 30 }), (pairs) => {
        const quotes = pairs.map(([q, repId]) => ({ ...toQuote(q), repId }));
        const months = monthRange(FROM, addMonths(FROM, 11));
        const byRep = forecastBy(quotes, months, "rep");
        const byMonth = forecastByMonth(quotes, months);
        expect(byRep.total).toEqual(byMonth.total);
        months.forEach((month, i) => {
          const groupCents = byRep.groups.reduce((s, g) => s + Math.round((g.rows[i]?.revenueCentsWeighted ?? 0) * 100), 0);
          expect(groupCents, month).toBe(Math.round((byMonth.rows[i]?.revenueCentsWeighted ?? 0) * 100));
        });
      }),
    );
  });
});

describe("forecast history", () => {
  const events: QuoteEvent[] = [
    { kind: "created", quoteId: 1, at: "2027-01-05", quote: quote({ decisionMonth: "2027-03", probability: 30 }) },
    { kind: "created", quoteId: 2, at: "2027-01-10", quote: quote({ decisionMonth: "2027-04", amountCents: 20_000 }) },
    { kind: "changed", quoteId: 1, at: "2027-02-01", changes: { probability: 60 } },
    { kind: "changed", quoteId: 1, at: "2027-02-15", changes: { decisionMonth: "2027-04" } },
    { kind: "changed", quoteId: 2, at: "2027-03-01", changes: { status: "won", probability: 100 } },
    { kind: "created", quoteId: 3, at: "2027-03-02", quote: quote() },
  ];
  const months = ["2027-03", "2027-04"];

  it("reconstructs each quote as it stood at the end of a past date", () => {
    const asOf = quotesAsOf(events, "2027-02-01");
    expect(asOf.map((q) => [q.quoteId, q.probability, q.decisionMonth, q.status])).toEqual([
      [1, 60, "2027-03", "sent"],
      [2, 50, "2027-04", "sent"],
    ]);
  });

  it("shows the forecast as it stood then, and how it moved later", () => {
    const revenue = (date: string) => forecastAsOf(events, date, months).rows.map((r) => r.revenue);
    expect(revenue("2027-01-04")).toEqual([0, 0]);
    expect(revenue("2027-01-31")).toEqual([300, 100]);
    expect(revenue("2027-02-14")).toEqual([600, 100]);
    expect(revenue("2027-02-15")).toEqual([0, 700]);
    // Won: an order now, no longer forecast; quote 3 is new.
    expect(revenue("2027-03-02")).toEqual([500, 600]);
  });

  it("applies events in date order and, within a date, in the order given", () => {
    const shuffled: QuoteEvent[] = [
      { kind: "changed", quoteId: 1, at: "2027-02-01", changes: { probability: 70 } },
      { kind: "changed", quoteId: 1, at: "2027-02-01", changes: { probability: 80 } },
      { kind: "created", quoteId: 1, at: "2027-01-01", quote: quote() },
    ];
    expect(quotesAsOf(shuffled, "2027-02-01")[0]?.probability).toBe(80);
  });

  it("changes only the fields an event names, and clears an id set to null", () => {
    const log: QuoteEvent[] = [
      { kind: "created", quoteId: "a", at: "2027-01-01", quote: quote({ repId: 7 }) },
      { kind: "changed", quoteId: "a", at: "2027-01-02", changes: { repId: null, probability: undefined } },
    ];
    expect(quotesAsOf(log, "2027-01-02")).toEqual([{ ...quote(), repId: null, quoteId: "a" }]);
  });

  it("makes units unknown from an event that changed them without saying per unit, and known again from one that does", () => {
    const log: QuoteEvent[] = [
      { kind: "created", quoteId: 1, at: "2027-01-01", quote: quote({ units: null }) },
      { kind: "changed", quoteId: 1, at: "2027-01-05", changes: { units: u(6, "m2") } },
      { kind: "changed", quoteId: 1, at: "2027-01-09", changes: { units: null } },
    ];
    const total = (date: string) => forecastAsOf(log, date, ["2027-03"]).total;
    expect(total("2027-01-02")).toMatchObject({ revenue: 500, units: [], unitsUnknown: 1 });
    expect(total("2027-01-05")).toMatchObject({ revenue: 500, units: [{ unit: "m2", units: 3 }], unitsUnknown: 0 });
    expect(total("2027-01-09")).toMatchObject({ revenue: 500, units: [], unitsUnknown: 1 });
  });

  it("ignores changes to a quote that did not exist yet", () => {
    const log: QuoteEvent[] = [{ kind: "changed", quoteId: 9, at: "2027-01-01", changes: { probability: 10 } }];
    expect(quotesAsOf(log, "2027-12-31")).toEqual([]);
  });
});
