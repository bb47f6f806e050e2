import { describe, expect, it } from "vitest";
import { assessVisits, compliance, DEFAULT_VISIT_NORMS, parseVisitNorms } from "./visit-norms.js";

describe("visit norms", () => {
  it("default to key 12, A 6, B 4 and C 1 visit a year", () => {
    expect(DEFAULT_VISIT_NORMS).toEqual({ key: 12, A: 6, B: 4, C: 1 });
  });

  it("report the shortfall of a relation below its norm", () => {
    expect(assessVisits("A", 4, DEFAULT_VISIT_NORMS)).toEqual({ norm: 6, visits: 4, shortfall: 2, meetsNorm: false });
    expect(assessVisits("C", 3, DEFAULT_VISIT_NORMS)).toEqual({ norm: 1, visits: 3, shortfall: 0, meetsNorm: true });
  });

  it("do not let extra visits to one relation make up for another", () => {
    const c = compliance([{ accountClass: "A", visits: 12 }, { accountClass: "A", visits: 0 }], DEFAULT_VISIT_NORMS);
    expect(c).toMatchObject({ relations: 2, relationsMeetingNorm: 1, visitsRequired: 12, visitsCounted: 6, compliancePercent: 50 });
    expect(c.perClass.A).toEqual({ relations: 2, meetingNorm: 1, norm: 6, visitsDue: 12, visitsDone: 6, visitsOverdue: 6, belowNorm: 1 });
  });

  it("count per class the visits due, done and overdue, and the relations behind the overdue ones", () => {
    const c = compliance(
      [
        { accountClass: "B", visits: 1 },
        { accountClass: "B", visits: 4 },
        { accountClass: "B", visits: 0 },
        { accountClass: "key", visits: 13 },
      ],
      DEFAULT_VISIT_NORMS,
    );
    expect(c.perClass.B).toEqual({ relations: 3, meetingNorm: 1, norm: 4, visitsDue: 12, visitsDone: 5, visitsOverdue: 7, belowNorm: 2 });
    expect(c.perClass.key).toMatchObject({ visitsDue: 12, visitsDone: 12, visitsOverdue: 0, belowNorm: 0 });
    expect(c.perClass.C).toMatchObject({ relations: 0, visitsDue: 0 });
  });

  it("count full compliance when nothing is required", () => {
    expect(compliance([], DEFAULT_VISIT_NORMS).compliancePercent).toBe(100);
    expect(compliance([{ accountClass: "C", visits: 0 }], { ...DEFAULT_VISIT_NORMS, C: 0 }).compliancePercent).toBe(100);
  });

  it("read configured norms and keep defaults for bad or missing values", () => {
    expect(parseVisitNorms({ A: 8, B: -1, C: "2", key: 10.5 })).toEqual({ key: 12, A: 8, B: 4, C: 1 });
    expect(parseVisitNorms(null)).toEqual(DEFAULT_VISIT_NORMS);
  });
});
