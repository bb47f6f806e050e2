import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/kysely.js";
import { type Checksums, tableChecksums } from "../test-support/checksums.js";
import { createScratchDatabase, ENGINES } from "../test-support/databases.js";
import { startTestApp, type TestApp } from "../test-support/app.js";

const run = promisify(execFile);
const koers = (url: string, ...args: string[]) => run("npx", ["tsx", "src/cli/main.ts", ...args], { env: { ...process.env, DATABASE_URL: url, KOERS_DEMO: "0" } });

describe.each(ENGINES)("koers backup and restore on %s", (engine) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["userWithRole"]>>;
  let dir: string;
  const create = async (name: string) => {
    const response = await t.app.inject({ method: "POST", url: "/api/relations", headers: admin.headers, payload: { name } });
    expect(response.statusCode).toBe(201);
    return response.json().id as number;
  };
  const relationCount = async () => Number((await sql<{ n: number }>`select count(*) as n from relations`.execute(t.database.handle.db)).rows[0]?.n);

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.userWithRole("admin");
    dir = mkdtempSync(join(tmpdir(), "koers-backup-"));
    for (let i = 1; i <= 20; i += 1) await create(`Vooraf ${i} BV`);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes a consistent backup while relations are written, and a restore brings back exactly that state", async () => {
    const file = join(dir, engine === "sqlite" ? "koers.sqlite" : "koers.dump");
    // Writes go on during the whole backup: one relation (with its search terms and audit line, one
    // transaction) after another.
    let writing = true;
    let written = 20;
    const writer = (async () => {
      while (writing) {
        written += 1;
        await create(`Tijdens ${written} BV`);
      }
    })();
    const backup = await koers(t.database.url, "backup", file);
    writing = false;
    await writer;
    expect(backup.stdout).toContain(`written to ${file}`);

    // The backup as a database of its own.
    const copy = await createScratchDatabase(engine, `koers_backup_copy_${process.pid}`);
    let saved: Checksums;
    try {
      const restoredCopy = await koers(copy.url, "restore", file, "--yes");
      expect(restoredCopy.stdout).toMatch(/restored .* relations/);
      const handle = openDatabase(engine === "sqlite" ? { engine, file: copy.url.slice("sqlite:".length) } : { engine, url: copy.url });
      try {
        saved = await tableChecksums(handle.db, engine);
        // One moment's state: every relation in it came with its audit line (the same transaction).
        const orphans = await sql<{ n: number }>`select count(*) as n from relations r where not exists (select 1 from audit_log a where a.entity = 'relation' and a.entity_id = r.id)`.execute(handle.db);
        expect(Number(orphans.rows[0]?.n)).toBe(0);
      } finally {
        await handle.close();
      }
    } finally {
      await copy.drop();
    }
    const inBackup = saved.relations?.rows ?? 0;
    expect(inBackup).toBeGreaterThanOrEqual(20);
    expect(inBackup).toBeLessThanOrEqual(written);

    // Work after the backup, then the restore over the live database: exactly the backup again.
    for (let i = 1; i <= 5; i += 1) await create(`Erna ${i} BV`);
    expect(await relationCount()).toBe(written + 5);
    await koers(t.database.url, "restore", file, "--yes");
    expect(await tableChecksums(t.database.handle.db, engine)).toEqual(saved);
    expect(await relationCount()).toBe(inBackup);
    // The running server goes on on the restored data: a new relation gets a fresh number.
    const id = await create("Na het terugzetten BV");
    expect((await t.app.inject({ method: "GET", url: `/api/relations/${id}`, headers: admin.headers })).json().name).toBe("Na het terugzetten BV");
  });

  it("refuses a file that is no backup, a damaged one and a restore without --yes, and leaves the database as it was", async () => {
    const before = await tableChecksums(t.database.handle.db, engine);
    const text = join(dir, "notities.txt");
    writeFileSync(text, "dit is geen back-up\n");
    await expect(koers(t.database.url, "restore", text, "--yes")).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("not a Koers backup") });
    await expect(koers(t.database.url, "restore", join(dir, "bestaat-niet.sqlite"), "--yes")).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("there is no file") });

    const file = join(dir, engine === "sqlite" ? "heel.sqlite" : "heel.dump");
    await koers(t.database.url, "backup", file);
    await expect(koers(t.database.url, "restore", file)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("--yes") });
    // Cut off halfway, as a copy that broke off would be.
    const broken = join(dir, engine === "sqlite" ? "half.sqlite" : "half.dump");
    copyFileSync(file, broken);
    truncateSync(broken, Math.floor(statSync(file).size / 2));
    await expect(koers(t.database.url, "restore", broken, "--yes")).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/is damaged|cannot be read/) });
    expect(await tableChecksums(t.database.handle.db, engine)).toEqual(before);
  });
});
