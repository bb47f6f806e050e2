import { describe, expect, it } from "vitest";
import { parseCordeau } from "./parse-cordeau.js";

// Three days, two customers: customer 1 twice (days 1+3 = "101" = 5, or days 2+3 = "011" = 3),
// customer 2 once on any day.
const SMALL = `1 2 2 3
0 50
0 50
0 50
 0  0  0 0  0 0 0
 1  3  4 2 10 2 2 5 3
 2  6  8 0 20 1 3 4 2 1
`;

describe("parseCordeau", () => {
  it("reads days, capacities and combinations with the leftmost bit as day 1", () => {
    const result = parseCordeau(SMALL, "small");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const p = result.value;
    expect(p.days).toBe(3);
    expect(p.vehiclesPerDay).toBe(2);
    expect(Array.from(p.capacity)).toEqual([50, 50, 50]);
    expect(Array.from(p.maxDuration)).toEqual([Infinity, Infinity, Infinity]);
    expect(Array.from(p.frequency)).toEqual([0, 2, 1]);
    // "101" → days 1 and 3 → bits 0 and 2 = 5; "011" → days 2 and 3 → bits 1 and 2 = 6.
    expect(p.combinations[1]).toEqual([5, 6]);
    // "100" = day 1 → 1, "010" = day 2 → 2, "001" = day 3 → 4.
    expect(p.combinations[2]).toEqual([1, 2, 4]);
    expect(p.service[1]).toBe(2);
    expect(p.distance[1]).toBe(5);
  });

  it("takes a route duration limit when the file gives one", () => {
    const result = parseCordeau(SMALL.replace("0 50\n0 50\n0 50", "30 50\n30 50\n30 50"));
    expect(result.ok && Array.from(result.value.maxDuration)).toEqual([30, 30, 30]);
  });

  it.each([
    ["a header with three numbers", SMALL.replace("1 2 2 3", "1 2 2"), 1, 'expected "type m n t"'],
    ["another problem type", SMALL.replace("1 2 2 3", "4 2 2 3"), 1, "is not a PVRP"],
    ["a missing day line", "1 2 2 3\n0 50\n0 50\n", 4, 'missing the "D Q" line of day 3'],
    ["a combination of the wrong size", SMALL.replace("2 2 5 3", "2 2 5 4"), 6, "combination 4 has 1 days, the frequency is 2"],
    ["fewer combinations than declared", SMALL.replace("2 2 5 3", "2 3 5 3"), 6, "declares 3 combinations but lists 2"],
    ["a combination outside the period", SMALL.replace("1 3 4 2", "1 3 9 2"), 7, "combination 9 is not a 3-day bit string"],
    ["a node that is not a number", SMALL.replace(" 2  6  8", " 2  six  8"), 7, 'field 2 is not a number: "six"'],
    ["a missing customer line", SMALL.split("\n").slice(0, 6).join("\n"), 7, "missing the line of node 2"],
    ["an extra node line", `${SMALL} 3 1 1 0 1 1 1 4\n`, 8, "more node lines"],
  ])("reports %s with its line and reason", (_, text, line, reason) => {
    const result = parseCordeau(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(line);
    expect(result.error.reason).toContain(reason);
  });
});
