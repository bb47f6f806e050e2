// Type-ahead through relation_search_prefixes (migration 0038): a word of 1–3 characters is read in
// name order from its prefix rows, a longer one scans its first three characters and probes the
// full word. These tests hold each path to the same answer a plain reading of the names gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeKey } from "../../domain/text.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { writeRelations } from "./relation-batch.js";

type Item = { id: number; name: string };

describe.each(ENGINES)("type-ahead search on %s", (engine) => {
  let t: TestApp;
  let headers: Record<string, string>;
  const names: string[] = [];

  const list = async (query: string) => {
    const res = await t.app.inject({ method: "GET", url: `/api/relations?${query}`, headers });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Item[]; nextCursor: string | null; total: { count: number; exact: boolean } };
  };
  /** Every page of a search, `limit` at a time, through the cursor. */
  const allPages = async (query: string, limit: number) => {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      out.push(...page.items.map((r) => r.name));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };
  /** The expected answer: names (all in Zwolle) with a word starting with every query word, in name_key order. */
  const expected = (query: string) => {
    const words = normalizeKey(query).split(" ");
    return names
      .filter((n) => words.every((w) => normalizeKey(`${n} Zwolle`).split(" ").some((term) => term.startsWith(w))))
      .sort((a, b) => (normalizeKey(a) < normalizeKey(b) ? -1 : normalizeKey(a) > normalizeKey(b) ? 1 : 0));
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    const manager = await t.userWithRole("sales_manager");
    headers = manager.headers;
    // 1,100 bakeries so that "bakkerij" is common enough (over 1,000 rows) to be scanned by its
    // prefix "bak" in name order rather than driven by its ids; "Bakfiets" shares the prefix only.
    const seeded = [
      ...Array.from({ length: 1_100 }, (_, i) => `Bakkerij ${String(i).padStart(4, "0")}`),
      "Bakfiets Verhuur", "Café Ünal", "Cafetaria De Hoek", "Caesar Schoonmaak", "Çan Reizen", "Bakker & Zn",
    ];
    const at = "2026-11-27T08:00:00.000Z";
    await t.ctx.db.transaction().execute((trx) =>
      writeRelations(
        trx,
        seeded.map((name, row) => ({ row, action: "create", current: null, changes: { name, visit_city: "Zwolle" }, sbi: null, status: null, accountClass: null })),
        { userId: manager.id, at, reason: "test" },
      ),
    );
    names.push(...seeded);
  });
  afterAll(async () => t?.close());

  it("finds a word of 1, 2, 3 and 4+ characters, diacritics folded as normalizeKey does, in name order", async () => {
    for (const q of ["c", "ca", "caf", "cafe", "café", "ç", "un", "ü", "bak", "bakk", "bakkerij", "bakf", "zw"]) {
      const want = expected(q);
      const page = await list(`q=${encodeURIComponent(q)}&limit=200`);
      expect(page.items.map((r) => r.name), q).toEqual(want.slice(0, 200));
      expect(page.total, q).toEqual({ count: want.length, exact: true });
    }
  });

  it("pages through a prefix scan with the cursor, forwards and backwards, without gaps or repeats", async () => {
    for (const q of ["b", "bak", "bakkerij", "ca zw", "bakkerij 00"]) {
      const want = expected(q);
      expect(await allPages(`q=${encodeURIComponent(q)}`, 37), q).toEqual(want);
      expect(await allPages(`q=${encodeURIComponent(q)}&order=desc`, 37), q).toEqual([...want].reverse());
    }
  });

  it("finds a renamed relation under its new name only, at its new place in the order", async () => {
    const before = await list("q=cae");
    const caesar = before.items.find((r) => r.name === "Caesar Schoonmaak") as Item & { version: number };
    const res = await t.app.inject({ method: "PATCH", url: `/api/relations/${caesar.id}`, headers: { ...headers, "if-match": `"${caesar.version}"` }, payload: { name: "Aardig Schoon" } });
    expect(res.statusCode).toBe(200);
    names.splice(names.indexOf("Caesar Schoonmaak"), 1, "Aardig Schoon");
    expect((await list("q=cae")).items).toEqual([]);
    expect((await list("q=aa")).items.map((r) => r.name)).toEqual(["Aardig Schoon"]);
    // Its other word keeps finding it, now first in name order.
    expect((await list("q=sch")).items.map((r) => r.name)).toEqual(expected("sch"));
    expect(expected("sch")[0]).toBe("Aardig Schoon");
  });

  it("keeps a merged duplicate's old name searchable on the survivor", async () => {
    const make = async (name: string) => {
      const res = await t.app.inject({ method: "POST", url: "/api/relations", headers, payload: { name } });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: number; version: number };
    };
    const survivor = await make("Qwerty Groep");
    const duplicate = await make("Xyloon Handel");
    const res = await t.app.inject({ method: "POST", url: `/api/relations/${survivor.id}/merge`, headers, payload: { duplicateId: duplicate.id, version: survivor.version, duplicateVersion: duplicate.version } });
    expect(res.statusCode).toBe(200);
    for (const q of ["x", "xy", "xyl", "xyloon", "han", "qw"]) {
      expect((await list(`q=${q}`)).items.map((r) => r.id), q).toEqual([survivor.id]);
    }
  });
});
