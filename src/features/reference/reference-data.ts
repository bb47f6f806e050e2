// Reference data shipped in resources/ (see resources/SOURCE.md): SBI 2025 codes and four-digit
// postcode centroids. Loaded into the database once, when its tables are empty.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Db } from "../../db/kysely.js";
import { PROJECT_ROOT } from "../../server/paths.js";

export const RESOURCES = join(PROJECT_ROOT, "resources");

interface SbiRow {
  code: string;
  level: string;
  parent: string;
  name_nl: string;
  name_en: string;
}

export function readSbiCodes() {
  const rows = parse(readFileSync(join(RESOURCES, "sbi2025.csv")), { columns: true, skip_empty_lines: true }) as SbiRow[];
  const parents = new Map(rows.map((r) => [r.code, r.parent]));
  const sectionOf = (code: string): string => {
    let current = code;
    for (let i = 0; i < 6 && /^[0-9]/.test(current); i++) current = parents.get(current) ?? current;
    return current;
  };
  return rows.map((r) => ({
    code: r.code,
    level: r.level,
    parent: r.parent === "" ? null : r.parent,
    section: sectionOf(r.code),
    name_nl: r.name_nl,
    name_en: r.name_en,
  }));
}

export function readPostcodeAreas() {
  const rows = parse(readFileSync(join(RESOURCES, "pc4.csv")), { columns: true, skip_empty_lines: true }) as {
    pc4: string;
    lat: string;
    lon: string;
    place_names_geonames: string;
  }[];
  return rows.map((r) => ({
    pc4: r.pc4,
    lat: Number(r.lat),
    lon: Number(r.lon),
    place: r.place_names_geonames.split("|")[0] || null,
  }));
}

async function insertChunked<T extends Record<string, unknown>>(db: Db, table: "sbi_codes" | "postcode_areas", rows: T[]) {
  // 500 rows × 6 columns stays under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
  }
}

/** Loads the shipped reference data into empty tables; a no-op once loaded. */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sbi = await trx.selectFrom("sbi_codes").select("code").limit(1).executeTakeFirst();
    if (!sbi) await insertChunked(trx, "sbi_codes", readSbiCodes());
    const pc4 = await trx.selectFrom("postcode_areas").select("pc4").limit(1).executeTakeFirst();
    if (!pc4) await insertChunked(trx, "postcode_areas", readPostcodeAreas());
  });
}
