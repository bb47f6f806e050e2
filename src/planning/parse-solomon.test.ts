import { describe, expect, it } from "vitest";
import { parseSolomon } from "./parse-solomon.js";

const SMALL = `TINY

VEHICLE
NUMBER     CAPACITY
  2         50

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0         0          0          0       100          0
    1      3         4         10          0        50          5
    2      6         8         20         10        60          5
`;

function lineOf(text: string, needle: string): number {
  return text.split("\n").findIndex((l) => l.includes(needle)) + 1;
}

describe("parseSolomon", () => {
  it("reads fleet, capacity, nodes and Euclidean distances in double precision", () => {
    const result = parseSolomon(SMALL);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const i = result.value;
    expect(i.name).toBe("TINY");
    expect(i.vehicles).toBe(2);
    expect(i.capacity).toBe(50);
    expect(Array.from(i.demand)).toEqual([0, 10, 20]);
    expect(Array.from(i.due)).toEqual([100, 50, 60]);
    expect(i.distance[0 * 3 + 1]).toBe(5);
    expect(i.distance[1 * 3 + 2]).toBe(5);
    expect(i.time).toBe(i.distance);
  });

  it("reads files with Windows line endings", () => {
    const result = parseSolomon(SMALL.replace(/\n/g, "\r\n"));
    expect(result.ok && result.value.x.length).toBe(3);
  });

  it.each([
    ["a row with a missing field", SMALL.replace("    2      6         8         20         10        60          5", "    2      6         8         20         10        60"), "    2      6", "expected 7 numbers"],
    ["a field that is not a number", SMALL.replace("20         10        60", "2x         10        60"), "2x", 'field 4 is not a number: "2x"'],
    ["nodes out of order", SMALL.replace("    2      6", "    7      6"), "    7      6", "expected node number 2, found 7"],
    ["a due time before the ready time", SMALL.replace("10        60", "70        60"), "70        60", "due time 60 is before ready time 70"],
    ["demand above capacity", SMALL.replace("20         10", "99         10"), "99         10", "demand 99 exceeds the vehicle capacity 50"],
    ["a fleet line with one number", SMALL.replace("  2         50", "  2"), "  2", "expected 2 numbers"],
  ])("reports %s with its line and reason", (_, text, needle, reason) => {
    const result = parseSolomon(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(lineOf(text, needle));
    expect(result.error.reason).toContain(reason);
  });

  it("reports an empty file and a file without sections", () => {
    expect(parseSolomon("")).toEqual({ ok: false, error: { line: 1, reason: "the file is empty" } });
    const noVehicles = parseSolomon("NAME\n1 2 3\n");
    expect(noVehicles.ok === false && noVehicles.error.reason).toBe('no "VEHICLE" section');
  });

  it("reports a customer no vehicle can reach in time", () => {
    const text = SMALL.replace("    1      3         4         10          0        50          5", "    1      3         4         10          0         2          5");
    const result = parseSolomon(text);
    expect(result.ok === false && result.error).toEqual({ line: lineOf(text, "    1      3"), reason: expect.stringContaining("cannot be reached") });
  });
});
