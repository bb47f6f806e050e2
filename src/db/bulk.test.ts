// The bulk writer of the sales import on both engines: on PostgreSQL its inserts stream COPY FROM
// STDIN on the caller's transaction, so text with COPY's special characters must arrive as written,
// nulls as nulls, and a failed or rolled-back transaction must leave no row behind.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, ENGINES, type TestDatabase } from "../test-support/databases.js";
import { type BulkTable, bulkWriter, copyField } from "./bulk.js";

const TABLE: BulkTable = {
  table: "bulk_probe",
  columns: [
    ["code", "text"],
    ["n", "integer"],
    ["cents", "bigint"],
    ["day", "date"],
  ],
};

describe("COPY text format", () => {
  it("escapes backslash, tab, newline and carriage return, and writes null as \\N", () => {
    expect(copyField("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(copyField(null)).toBe("\\N");
    expect(copyField(undefined)).toBe("\\N");
    expect(copyField(-1234567890123)).toBe("-1234567890123");
    expect(copyField("\\N")).toBe("\\\\N");
  });
});

describe.each(ENGINES)("bulk inserts on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await sql`create table bulk_probe (code text not null unique, n integer, cents bigint, day date)`.execute(t.handle.db);
  });
  afterAll(async () => t?.drop());

  const rows = async () => (await sql<{ code: string; n: number | null; cents: number | null; day: string | null }>`select code, n, cents, day from bulk_probe order by n`.execute(t.handle.db)).rows;

  it("writes every row as given, inside the caller's transaction", async () => {
    const bulk = bulkWriter(t.handle);
    const many = Array.from({ length: 2500 }, (_, i) => [`F${i}`, i + 10, i * 1_000_000_007, "2025-03-01"]);
    await t.handle.db.transaction().execute(async (trx) => {
      await bulk.insert(trx, TABLE, [["tab\there", 1, -5, "2025-01-31"], ["back\\slash\nnew\rline", 2, null, null], ["\\N", 3, 2 ** 40, "2024-02-29"], ...many]);
    });
    const got = await rows();
    expect(got).toHaveLength(2503);
    expect(got.slice(0, 3)).toEqual([
      { code: "tab\there", n: 1, cents: -5, day: "2025-01-31" },
      { code: "back\\slash\nnew\rline", n: 2, cents: null, day: null },
      { code: "\\N", n: 3, cents: 2 ** 40, day: "2024-02-29" },
    ]);
    expect(got.at(-1)).toEqual({ code: "F2499", n: 2509, cents: 2499 * 1_000_000_007, day: "2025-03-01" });
  });

  it("leaves nothing behind when the transaction fails after the insert, or the insert itself fails", async () => {
    const bulk = bulkWriter(t.handle);
    const before = (await rows()).length;
    await expect(
      t.handle.db.transaction().execute(async (trx) => {
        await bulk.insert(trx, TABLE, [["later-fails", 9001, 1, null]]);
        throw new Error("the batch failed after its lines");
      }),
    ).rejects.toThrow("the batch failed after its lines");
    // A duplicate code: the engine refuses the insert (COPY on PostgreSQL), and the batch with it.
    await expect(t.handle.db.transaction().execute((trx) => bulk.insert(trx, TABLE, [["fresh", 9002, 1, null], ["tab\there", 9003, 1, null]]))).rejects.toThrow();
    expect((await rows()).length).toBe(before);
    // The connection is fine afterwards.
    await t.handle.db.transaction().execute((trx) => bulk.insert(trx, TABLE, [["after", 9004, 1, null]]));
    expect((await rows()).length).toBe(before + 1);
  });
});
