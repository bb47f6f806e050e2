// The koers command on a real database: report forecast and import quotes, as an operator runs them.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../server/paths.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { createTestDatabase, ENGINES, type TestDatabase } from "../../test-support/databases.js";
import { SYSTEM_USER } from "../users/user.service.js";
import { makeProduct, makeRelation, quoteApi } from "../quotes/quote-test-fixtures.js";

const TSX = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
const CLI = join(PROJECT_ROOT, "src", "cli", "main.ts");
const QUOTES_FIXTURE = join(PROJECT_ROOT, "src", "features", "quotes", "fixtures");

function koers(databaseUrl: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" }, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe.each(ENGINES)("koers report forecast and import quotes on %s", (engine) => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    dir = mkdtempSync(join(tmpdir(), "koers-cli-"));
    const admin = await t.userWithRole("admin");
    const api = quoteApi(t, admin.headers);
    const relationId = await makeRelation(t, admin.headers, { name: "Rapport Klant BV" });
    const productId = await makeProduct(t, admin.headers, { code: "CLI-1", name: "Rapportproduct", unit: "m2", listPriceCents: 1999 });
    const hours = await makeProduct(t, admin.headers, { code: "CLI-2", name: "Uurwerk", unit: "uur", listPriceCents: 5000 });
    // 10 m² × € 19,99 at 50 % in January, 3 m² × € 19,99 and 2 hours × € 50 at 35 % in March 2029.
    await api.create({ relationId, probability: 50, decisionMonth: "2029-01", lines: [{ productId, quantity: 10 }] });
    await api.create({ relationId, probability: 35, decisionMonth: "2029-03", lines: [{ productId, quantity: 3 }, { productId: hours, quantity: 2 }] });
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("prints the forecast as JSON with every month of the range", async () => {
    const { code, stdout } = await koers(t.database.url, ["report", "forecast", "--from", "2029-01", "--to", "2029-03"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      JSON.stringify({
        months: [
          { month: "2029-01", units: [{ unit: "m2", units: 5 }], revenue: 99.95 },
          { month: "2029-02", units: [], revenue: 0 },
          // (3 × € 19,99 + 2 × € 50) × 35 % = € 55,9895 → € 55,99; m² and hours stay apart.
          {
            month: "2029-03",
            units: [
              { unit: "m2", units: 1.05 },
              { unit: "uur", units: 0.7 },
            ],
            revenue: 55.99,
          },
        ],
        total: {
          units: [
            { unit: "m2", units: 6.05 },
            { unit: "uur", units: 0.7 },
          ],
          revenue: 155.94,
        },
      }),
    );
  });

  it("writes CSV to standard output and XLSX to a file", async () => {
    const csv = await koers(t.database.url, ["report", "forecast", "--from", "2029-01", "--to", "2029-02", "--format", "csv"]);
    expect(csv.stdout).toBe("\uFEFFMaand;Aantal (m²);Omzet (€)\r\n01-2029;5;99,95\r\n02-2029;0;0,00\r\n");
    const output = join(dir, "forecast.xlsx");
    const xlsx = await koers(t.database.url, ["report", "forecast", "--from", "2029-01", "--to", "2029-03", "--format", "xlsx", "--output", output]);
    expect(xlsx.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(output) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).values).toEqual([undefined, "Maand", "Aantal (m²)", "Aantal (uur)", "Omzet (€)"]);
    expect(workbook.worksheets[0]?.getRow(4).values).toEqual([undefined, new Date(Date.UTC(2029, 2, 1)), 1.05, 0.7, 55.99]);
  });

  it("explains a bad month and exits non-zero", async () => {
    const { code, stderr } = await koers(t.database.url, ["report", "forecast", "--from", "2029-13"]);
    expect(code).toBe(1);
    expect(stderr).toContain("from: is not a month (YYYY-MM)");
  });

  it("imports a quote file with a summary, and refuses a file with errors row by row", async () => {
    const ok = await koers(t.database.url, ["import", "quotes", join(QUOTES_FIXTURE, "quotes-nl.csv"), "--as-of", "2026-11-27"]);
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toBe("quotes-nl.csv: 5 quotes created, 0 updated, 0 unchanged; 5 relations created as prospect, 2 products created\n");
    const bad = await koers(t.database.url, ["import", "quotes", join(QUOTES_FIXTURE, "quotes-errors.csv"), "--as-of", "2026-11-27"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("row 3, column Bedrag: '1.234.5,6' is not an amount");
    expect(bad.stderr).toContain("nothing was imported");
  });
});

describe.each(ENGINES)("koers import quotes on a fresh %s database", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.drop());

  it("imports without any user yet, recording the work for the system account that cannot log in", async () => {
    const run = await koers(database.url, ["import", "quotes", join(QUOTES_FIXTURE, "quotes-nl.csv"), "--as-of", "2026-11-27"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("5 quotes created");
    expect(run.stderr).toContain("Koers (import)");
    const system = await database.handle.db.selectFrom("users").select(["active", "password_hash"]).where("email", "=", SYSTEM_USER.email).executeTakeFirstOrThrow();
    expect(system).toEqual({ active: 0, password_hash: null });
    const report = await koers(database.url, ["report", "forecast", "--from", "2026-11", "--to", "2027-12"]);
    expect(JSON.parse(report.stdout).total.revenue).toBeGreaterThan(0);
  });
});
