import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dutchCsv } from "../features/imports/import-test-helpers.js";
import { createTestDatabase, ENGINES, type TestDatabase } from "../test-support/databases.js";

const run = promisify(execFile);
const koers = (url: string, ...args: string[]) =>
  run("npx", ["tsx", "src/cli/main.ts", ...args], { env: { ...process.env, DATABASE_URL: url, KOERS_DEMO: "0" } });

describe.each(ENGINES)("koers import on %s", (engine) => {
  let database: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), "koers-import-cli-"));
  const file = (name: string, content: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const relationCount = async () => Number((await database.handle.db.selectFrom("relations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.drop());

  it("reports bad rows with row and column, exits 1 and imports nothing", async () => {
    const bad = file("fout.csv", dutchCsv([["Bedrijfsnaam", "Postcode", "KvK"], ["Goed BV", "1234 AB", ""], ["Fout BV", "12345", "12"]]));
    const failure = await koers(database.url, "import", "relations", bad).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("row 3 (Fout BV), Postcode: is not a Dutch postcode like 1234 AB");
    expect(failure?.stderr).toContain("row 3 (Fout BV), KvK: must be a KvK number of 8 digits");
    expect(failure?.stderr).toMatch(/nothing was imported/);
    expect(await relationCount()).toBe(0);
  });

  it("imports with a mapping file, prints a summary, and changes nothing the second time", async () => {
    const data = file("lijst.csv", dutchCsv([["Firma", "Nr KvK", "Woonplaats"], ["Alfa BV", "40000001", "Zwolle"], ["Beta BV", "40000002", "Kampen"]]));
    const mapping = file("mapping.json", JSON.stringify({ name: "Firma", kvkNumber: "Nr KvK", city: 3 }));
    const dry = await koers(database.url, "import", "relations", data, "--mapping", mapping, "--dry-run");
    expect(dry.stdout).toContain("dry run, nothing written): 2 created");
    expect(await relationCount()).toBe(0);
    const first = await koers(database.url, "import", "relations", data, "--mapping", mapping);
    expect(first.stdout).toContain("lijst.csv: 2 created, 0 updated, 0 unchanged, 0 skipped (dead relation)");
    // The mapping is remembered for this layout: no --mapping needed the second time.
    const second = await koers(database.url, "import", "relations", data);
    expect(second.stdout).toContain("0 created, 0 updated, 2 unchanged");
    expect(await relationCount()).toBe(2);
  });
});
