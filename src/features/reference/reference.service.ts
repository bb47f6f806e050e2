import type { Db } from "../../db/kysely.js";
import { normalizeKey } from "../../domain/text.js";

/** SBI codes whose code starts with, or whose Dutch or English name contains, the query. */
export async function searchSbiCodes(db: Db, query: string, limit: number) {
  const q = query.trim();
  let select = db.selectFrom("sbi_codes").select(["code", "level", "parent", "section", "name_nl", "name_en"]);
  if (q !== "") {
    const words = normalizeKey(q).split(" ").filter(Boolean);
    select = select.where((eb) =>
      eb.or([
        eb("code", ">=", q.toUpperCase()).and("code", "<", `${q.toUpperCase()}~`),
        eb.and(words.map((w) => eb.or([eb(eb.fn("lower", ["name_nl"]), "like", `%${w}%`), eb(eb.fn("lower", ["name_en"]), "like", `%${w}%`)]))),
      ]),
    );
  }
  // Sections (letters) before divisions before classes; then by code.
  return select.orderBy((eb) => eb.fn("length", ["code"])).orderBy("code").limit(limit).execute();
}

export async function unknownSbiCodes(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const found = await db.selectFrom("sbi_codes").select("code").where("code", "in", [...codes]).execute();
  const known = new Set(found.map((r) => r.code));
  return codes.filter((c) => !known.has(c));
}

export function sbiSections(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([] as { code: string; section: string }[]);
  return db.selectFrom("sbi_codes").select(["code", "section"]).where("code", "in", [...codes]).execute();
}

export function listRayons(db: Db) {
  return db.selectFrom("rayons").select(["id", "name", "description"]).orderBy("name").execute();
}

export function listSegments(db: Db) {
  return db.selectFrom("market_segments").select(["id", "code", "name"]).orderBy("name").execute();
}

/** Rayons by name (case- and accent-insensitive), for files that name them. */
export async function matchRayons(db: Db, names: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom("rayons").select(["id", "name"]).execute();
  const byKey = new Map(rows.map((r) => [normalizeKey(r.name), r.id]));
  const found = new Map<string, number>();
  for (const n of names) {
    const id = byKey.get(normalizeKey(n));
    if (id !== undefined) found.set(normalizeKey(n), id);
  }
  return found;
}

/** SBI sections (A–U) with their names in both languages. */
export function sbiSectionNames(db: Db) {
  return db.selectFrom("sbi_codes").select(["code", "name_nl", "name_en"]).where("level", "=", "section").orderBy("code").execute();
}
