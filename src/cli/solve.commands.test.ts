import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { PROJECT_ROOT } from "../server/paths.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerSolveCommands } from "./solve.commands.js";

const SOLOMON = `TINY

VEHICLE
NUMBER     CAPACITY
  3         20

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0         0          0          0       200          0
    1     10         0         10          0       100          5
    2     10        10         10          0       100          5
    3      0        10         10          0       100          5
`;

const CORDEAU = `1 1 2 2
0 50
0 50
 0  0  0 0  0 0 0
 1  3  4 0 10 2 1 3
 2  6  8 0 20 1 2 2 1
`;

const dir = mkdtempSync(join(tmpdir(), "koers-solve-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `koers solve …` in-process and returns what it printed. */
async function koers(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  process.exitCode = 0;
  const program = new Command("koers").exitOverride();
  registerSolveCommands(program);
  await program.parseAsync(["node", "koers", ...args]);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout: out.join("\n"), stderr: err.join("\n"), exitCode };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("koers solve", () => {
  it("prints a VRPTW plan as JSON with the file's customer numbers", async () => {
    const { stdout, exitCode } = await koers("solve", "vrptw", file("tiny.txt", SOLOMON), "--seconds", "0.2", "--seed", "3", "--json");
    expect(exitCode).toBe(0);
    const plan = JSON.parse(stdout) as { distance: number; vehicles: number; routes: number[][] };
    expect(plan.routes.flat().sort()).toEqual([1, 2, 3]);
    // Two customers per vehicle at most: one route of two (10 + 10 + √200) and one there and back (20).
    expect(plan.vehicles).toBe(2);
    expect(plan.routes).toHaveLength(2);
    expect(plan.distance).toBeCloseTo(40 + Math.hypot(10, 10), 6);
  });

  it("reads the Gehring & Homberger 200-customer files of the planning benchmark (one of each class): every customer once, within the fleet", async () => {
    for (const name of ["c1_2_1", "c2_2_1", "r1_2_1", "r2_2_1", "rc1_2_1", "rc2_2_10"]) {
      const { stdout, exitCode } = await koers("solve", "vrptw", join(PROJECT_ROOT, "bench", "data", "gehring-homberger-200", `${name}.txt`), "--seconds", "0", "--json");
      expect(exitCode, name).toBe(0);
      const plan = JSON.parse(stdout) as { distance: number; vehicles: number; routes: number[][] };
      expect(plan.routes.flat().sort((a, b) => a - b), name).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(plan.vehicles, name).toBeLessThanOrEqual(50);
      expect(plan.distance, name).toBeGreaterThan(0);
    }
  }, 60_000);

  it("prints a PVRP plan as JSON, day by day", async () => {
    const { stdout, exitCode } = await koers("solve", "pvrp", file("tiny.pvrp", CORDEAU), "--seconds", "0", "--json");
    expect(exitCode).toBe(0);
    const plan = JSON.parse(stdout) as { cost: number; days: { day: number; routes: number[][] }[] };
    expect(plan.days.map((d) => d.day)).toEqual([1, 2]);
    // Customer 1 on both days; customer 2 on one of them.
    expect(plan.days.flatMap((d) => d.routes.flat()).sort()).toEqual([1, 1, 2]);
    expect(plan.cost).toBeGreaterThan(0);
  });

  it("reports a malformed file with its line and reason, exit code 1", async () => {
    const broken = SOLOMON.replace("    2     10        10         10", "    2     10        ten         10");
    const { stdout, stderr, exitCode } = await koers("solve", "vrptw", file("broken.txt", broken), "--json");
    expect(exitCode).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/broken\.txt: line 12: field 3 is not a number: "ten"/);
  });

  it("refuses a negative time limit and a missing file, exit code 1", async () => {
    const negative = await koers("solve", "vrptw", file("tiny2.txt", SOLOMON), "--seconds", "-1");
    expect(negative.exitCode).toBe(1);
    expect(negative.stderr).toContain("time limit");
    const missing = await koers("solve", "pvrp", join(dir, "nope"));
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain("cannot read");
  });
});
