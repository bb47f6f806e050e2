import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatDutchAmount,
  isLostMarker,
  parseAmount,
  parseDecision,
  parseMonth,
  parsePercentage,
  parseQuantity,
} from "./dutch-input.js";

const value = <T>(result: { ok: true; value: T } | { ok: false; error: string }) =>
  result.ok ? result.value : `error: ${result.error}`;

describe("parseAmount", () => {
  it.each([
    ["4.630,50", 463_050],
    ["4630,5", 463_050],
    ["4630,50", 463_050],
    ["€ 4.630", 463_000],
    ["€4.630,-", 463_000],
    ["25,-", 2_500],
    ["4.630", 463_000],
    ["4630.50", 463_050],
    ["4630.5", 463_050],
    ["4630", 463_000],
    ["1,234.56", 123_456],
    ["1.234.567,89", 123_456_789],
    ["1,234,567", 123_456_700],
    ["-12,50", -1_250],
    ["€ -12,50", -1_250],
    ["- € 12,50", -1_250],
    ["−12,50", -1_250],
    ["4 630,50", 463_050],
    ["4\u00a0630,50 EUR", 463_050],
    ["0.63", 63],
    [",50", 50],
    ["EUR4630", 463_000],
    ["-0,00", 0],
  ])("reads %j as %i cents", (text, cents) => {
    expect(value(parseAmount(text))).toBe(cents);
  });

  it.each([
    ["1.234.5,6", /thousands separators/],
    ["1,5.3", /thousands separators/],
    ["12,345", /at most two decimals/],
    ["1234.567", /at most two decimals/],
    ["1,000", /write 1.000 for a thousand/],
    ["4630.500", /at most two decimals/],
    ["1,2,3", /thousands separators|mixed/],
    ["4630,", /nothing after the decimal separator/],
    ["vier", /not a number/],
    ["", /not a number/],
    ["12-50", /not a number/],
    ["99999999999999,00", /too large/],
  ])("rejects %j, saying what was expected", (text, reason) => {
    const result = parseAmount(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/^expected an amount|^amount too large/);
      expect(result.error).toMatch(reason);
    }
  });

  it("reads back every amount written in Dutch notation", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(parseAmount(formatDutchAmount(cents))).toEqual({ ok: true, value: cents });
      }),
    );
  });

  it("reads back every amount written in English notation with thousands and cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (cents) => {
        const english = formatDutchAmount(cents).replace(/[.,]/g, (c) => (c === "." ? "," : "."));
        expect(parseAmount(english)).toEqual({ ok: true, value: cents });
      }),
    );
  });
});

describe("formatDutchAmount", () => {
  it("writes thousands dots and a decimal comma", () => {
    expect(formatDutchAmount(463_050)).toBe("4.630,50");
    expect(formatDutchAmount(-1_250)).toBe("-12,50");
    expect(formatDutchAmount(5)).toBe("0,05");
    expect(formatDutchAmount(123_456_789)).toBe("1.234.567,89");
  });
});

describe("parseQuantity", () => {
  it.each([
    ["12", 12],
    ["12,5", 12.5],
    ["1.200", 1200],
    ["1.200,75", 1200.75],
    ["12.5", 12.5],
    ["0,125", 0.125],
    ["0.125", 0.125],
    ["-3", -3],
  ])("reads %j as %d", (text, quantity) => {
    expect(value(parseQuantity(text))).toBe(quantity);
  });

  it("rejects text and mixed notation", () => {
    expect(value(parseQuantity("twaalf"))).toMatch(/^error: expected a quantity/);
    expect(value(parseQuantity("1.2.3,4"))).toMatch(/thousands separators/);
  });
});

describe("parsePercentage", () => {
  it.each([
    ["35%", 35],
    ["35 %", 35],
    ["35", 35],
    ["0,35", 35],
    ["0.35", 35],
    ["0,5", 50],
    ["1,0", 100],
    ["1", 1],
    ["0", 0],
    ["100%", 100],
    ["33,3%", 33],
    ["0,355", 36],
    ["0,285", 29],
    ["12,5", 13],
  ])("reads %j as %i %", (text, percent) => {
    expect(value(parsePercentage(text))).toBe(percent);
  });

  it.each(["101", "150%", "-5%", "veel", "", "1,5.0"])("rejects %j", (text) => {
    expect(value(parsePercentage(text))).toMatch(/^error: expected a percentage from 0 to 100/);
  });
});

describe("parseMonth", () => {
  const asOf = "2026-11-27";

  it.each([
    ["nov", "2026-11"],
    ["okt", "2027-10"],
    ["dec", "2026-12"],
    ["jan", "2027-01"],
    ["januari", "2027-01"],
    ["January", "2027-01"],
    ["mrt", "2027-03"],
    ["maart", "2027-03"],
    ["mar", "2027-03"],
    ["March", "2027-03"],
    ["mei", "2027-05"],
    ["May", "2027-05"],
    ["okt.", "2027-10"],
    ["oct", "2027-10"],
    ["oktober", "2027-10"],
    ["sept", "2027-09"],
  ])("reads %j without a year as the first such month on or after the reference date: %s", (text, month) => {
    expect(value(parseMonth(text, asOf))).toBe(month);
  });

  it.each([
    ["mei 2027", "2027-05"],
    ["Maart 2028", "2028-03"],
    ["mrt-27", "2027-03"],
    ["mar '27", "2027-03"],
    ["05-2027", "2027-05"],
    ["5/2027", "2027-05"],
    ["2027-05", "2027-05"],
    ["15-03-2027", "2027-03"],
    ["15/3/2027", "2027-03"],
    ["15.3.27", "2027-03"],
    ["2027-03-15", "2027-03"],
    ["15 maart 2027", "2027-03"],
    ["jan 2020", "2020-01"],
  ])("reads %j as %s", (text, month) => {
    expect(value(parseMonth(text, asOf))).toBe(month);
  });

  it.each(["", "13-2027", "2027-13", "31-02-2027", "3-15-2027", "maa", "15 mrt", "volgend jaar", "5"])(
    "rejects %j, naming the accepted forms",
    (text) => {
      expect(value(parseMonth(text, asOf))).toMatch(/^error: expected a month such as "mei", "mei 2027"/);
    },
  );
});

describe("parseDecision", () => {
  const asOf = "2026-11-27";

  it("reads verloren and lost as a lost quote", () => {
    expect(isLostMarker(" Verloren ")).toBe(true);
    expect(value(parseDecision("LOST", asOf))).toEqual({ kind: "lost" });
  });

  it("reads a month and says when it already passed", () => {
    expect(value(parseDecision("okt", asOf))).toEqual({ kind: "month", month: "2027-10", inPast: false });
    expect(value(parseDecision("10-2026", asOf))).toEqual({ kind: "month", month: "2026-10", inPast: true });
  });

  it("names the lost marker among the expected forms", () => {
    expect(value(parseDecision("gewonnen", asOf))).toMatch(/or "verloren"\/"lost"$/);
  });
});
