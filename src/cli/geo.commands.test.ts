import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../db/migrate.js";
import { createTestDatabase, ENGINES, type TestDatabase } from "../test-support/databases.js";

const run = promisify(execFile);
const koers = (url: string, ...args: string[]) => run("npx", ["tsx", "src/cli/main.ts", ...args], { env: { ...process.env, DATABASE_URL: url, KOERS_DEMO: "0" } });

describe.each(ENGINES)("koers geocode on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => database?.drop());

  it("gives existing relations coordinates and says how many it placed by postcode and by place", async () => {
    const stamp = new Date().toISOString();
    await database.handle.db
      .insertInto("relations")
      .values([
        { name: "A", name_key: "a", status: "prospect", visit_postcode: "3511 AB", visit_city: "Utrecht", created_at: stamp, updated_at: stamp },
        { name: "B", name_key: "b", status: "prospect", visit_postcode: null, visit_city: "Zwolle", created_at: stamp, updated_at: stamp },
      ])
      .execute();
    const { stdout } = await koers(database.url, "geocode");
    expect(stdout).toContain("relations: 1 by postcode area, 1 by place name, 0 typed in (kept), 0 without coordinates; 2 changed");
    const rows = await database.handle.db.selectFrom("relations").select(["name", "geo_source"]).orderBy("name").execute();
    expect(rows).toEqual([{ name: "A", geo_source: "pc4" }, { name: "B", geo_source: "place" }]);
  });
});
