import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { changeBp, dimensionText, formatBp, formatChangeBp, formatDifference, formatEurosWhole, formatMeasure, formatQuarter } from "./sales-format.js";
import { problemText } from "./sales-problems.js";

/** A stand-in for i18next: the key and its values, so a test sees what was asked. */
const t = ((key: string, options?: Record<string, unknown>) => {
  const values = Object.entries(options ?? {}).filter(([k]) => k !== "defaultValue");
  return values.length === 0 ? key : `${key} ${values.map(([k, v]) => `${k}=${String(v)}`).join(" ")}`;
}) as unknown as TFunction;

const nbsp = (text: string) => text.replace(/\u00a0/g, " ");

describe("sales figures as a Dutch user reads them", () => {
  it("shows basis points as a percentage with a decimal comma and a space", () => {
    expect(formatBp(2534)).toBe("25,3 %");
    expect(formatBp(null)).toBe("—");
    expect(formatChangeBp(-300)).toBe("−3,0 %");
    expect(formatChangeBp(1250)).toBe("+12,5 %");
  });

  it("shows cents as euros in Dutch notation", () => {
    expect(nbsp(formatMeasure("revenue", 123456))).toBe("€ 1.234,56");
    expect(nbsp(formatEurosWhole(123456789))).toBe("€ 1.234.568");
    expect(formatMeasure("marginPct", 3104)).toBe("31,0 %");
  });

  it("compares with last year only when last year had something", () => {
    expect(changeBp(1000, 1500)).toBe(-3333);
    expect(changeBp(1000, 0)).toBeNull();
    expect(formatDifference("marginPct", 3100, 3000)).toBe("+1,0 pt");
  });

  it("names months and quarters in Dutch and never shows a raw class code", () => {
    expect(dimensionText(t, "month", "2025-03")).toBe("mrt 2025");
    expect(formatQuarter("2025-Q1")).toBe("K1 2025");
    expect(dimensionText(t, "class", { key: "key", name: "Key account" })).toBe("accountClass.key");
    expect(dimensionText(t, "rayon", { key: 0, name: "—" })).toBe("sales.none.rayon");
  });
});

describe("a sales import's problem", () => {
  it("is told in the UI language with the specifics the server gave", () => {
    expect(problemText(t, { code: "date_invalid", message: 'expected a date such as 15-03-2025 or 2025-03-15, got "31-13-2026"' })).toBe("sales.import.problems.date_invalid value=31-13-2026");
    expect(problemText(t, { code: "unknown_debtor", message: 'debtor Bakkerij Noord is not known in Koers (and on 2 more rows); add it, or import with "create missing"' })).toBe(
      "sales.import.problems.unknown_debtor name=Bakkerij Noord more=2sales.import.problems.moreRows count=2",
    );
    expect(problemText(t, { code: "duplicate_line", message: "invoice F-1 line 1 is also on row 2" })).toBe("sales.import.problems.duplicate_line invoice=F-1 line=1 row=2");
  });

  it("falls back to the code's plain sentence, and to the server's text for a code it does not know", () => {
    expect(problemText(t, { code: "required", message: "is empty" })).toBe("sales.import.codes.required");
  });
});
