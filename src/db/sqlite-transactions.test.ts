// SQLite only: a Koers transaction that reads first and writes later, while another connection (the
// server's heartbeat beside a job, a second process) writes in between, must commit — not fail with
// "database is locked" (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./kysely.js";

describe("SQLite write transactions", () => {
  const dir = mkdtempSync(join(tmpdir(), "koers-tx-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("commits a read-then-write transaction while another connection tries to write in between", async () => {
    const file = join(dir, "koers.sqlite");
    const handle = openDatabase({ engine: "sqlite", file });
    const other = new SQLite(file);
    try {
      await sql`create table counters (name text primary key, n integer not null)`.execute(handle.db);
      await sql`insert into counters values ('jobs', 1), ('heartbeat', 0)`.execute(handle.db);
      // The other writer gives up at once when the lock is taken (busy_timeout 0).
      other.pragma("busy_timeout = 0");
      let otherRefused = false;
      await handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`select n from counters where name = 'jobs'`.execute(trx);
        try {
          other.prepare("update counters set n = n + 1 where name = 'heartbeat'").run();
        } catch {
          otherRefused = true;
        }
        await sql`update counters set n = ${Number(rows[0]?.n) + 1} where name = 'jobs'`.execute(trx);
      });
      // Our transaction held the lock from its start: the other writer waited its turn (here: gave up),
      // and our read-then-write committed.
      expect(otherRefused).toBe(true);
      other.prepare("update counters set n = n + 1 where name = 'heartbeat'").run();
      const { rows } = await sql<{ name: string; n: number }>`select name, n from counters order by name`.execute(handle.db);
      expect(rows).toEqual([{ name: "heartbeat", n: 1 }, { name: "jobs", n: 2 }]);
    } finally {
      other.close();
      await handle.close();
    }
  });
});
