// SQLite only: prepared statements are kept by their SQL text (db/kysely.ts withStatementCache). What
// a user would notice if that went wrong: a list failing with "This statement is busy" after an export
// of the same query was cancelled, a query answering with another's parameters, or old columns after
// a migration.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./kysely.js";

describe("SQLite prepared statements", () => {
  const dir = mkdtempSync(join(tmpdir(), "koers-stmt-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the same query again with new parameters, and after a stream of itself was broken off", async () => {
    const handle = openDatabase({ engine: "sqlite", file: join(dir, "koers.sqlite") });
    try {
      await sql`create table items (id integer primary key, name text not null)`.execute(handle.db);
      await sql`insert into items (name) values ('a'), ('b'), ('c'), ('d')`.execute(handle.db);
      const above = (db: typeof handle.db, id: number) => db.selectFrom("items" as never).select(["id" as never, "name" as never]).where("id" as never, ">", id as never).orderBy("id" as never);
      // The same SQL text three times: each answer has its own parameter's rows.
      expect((await above(handle.db, 2).execute()).length).toBe(2);
      expect((await above(handle.db, 0).execute()).length).toBe(4);
      expect((await above(handle.db, 3).execute()).length).toBe(1);
      // A stream broken off half-way (an export whose download was cancelled) leaves the kept
      // statement free for the next request, and a full stream has all rows.
      const streamed: unknown[] = [];
      for await (const row of above(handle.db, 0).stream()) {
        streamed.push(row);
        if (streamed.length === 2) break;
      }
      expect(streamed.length).toBe(2);
      expect((await above(handle.db, 1).execute()).length).toBe(3);
      let all = 0;
      for await (const _ of above(handle.db, 0).stream()) all += 1;
      expect(all).toBe(4);
    } finally {
      await handle.close();
    }
  });

  it("keeps answering after a schema change under a kept statement", async () => {
    const handle = openDatabase({ engine: "sqlite", file: join(dir, "schema.sqlite") });
    try {
      await sql`create table notes (id integer primary key, body text)`.execute(handle.db);
      await sql`insert into notes (body) values ('x')`.execute(handle.db);
      const all = () => handle.db.selectFrom("notes" as never).selectAll().execute();
      expect(await all()).toEqual([{ id: 1, body: "x" }]);
      await sql`alter table notes add column author text`.execute(handle.db);
      expect(await all()).toEqual([{ id: 1, body: "x", author: null }]);
    } finally {
      await handle.close();
    }
  });
});
