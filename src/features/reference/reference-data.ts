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

/** Places with their province (GeoNames), to give every postcode area the province it lies in. */
function readPlaces() {
  const rows = parse(readFileSync(join(RESOURCES, "places_geonames.csv")), { columns: true, skip_empty_lines: true }) as { lat: string; lon: string; province: string }[];
  return rows.filter((r) => r.province !== "").map((r) => ({ lat: Number(r.lat), lon: Number(r.lon), province: r.province }));
}

/**
 * The province of a point: that of the nearest populated place. Postcode areas are small and places
 * dense (7,700), so the nearest place is in the same province except right on a border.
 */
function provinceFinder() {
  const places = readPlaces();
  return (lat: number, lon: number): string | null => {
    let best: string | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    // Equirectangular distance is enough to rank neighbours at these distances.
    const k = Math.cos((lat * Math.PI) / 180);
    for (const p of places) {
      const dx = (p.lon - lon) * k;
      const dy = p.lat - lat;
      const d = dx * dx + dy * dy;
      if (d < bestDistance) {
        bestDistance = d;
        best = p.province;
      }
    }
    return best;
  };
}

let postcodeAreas: ReturnType<typeof computePostcodeAreas> | null = null;

/** The shipped postcode areas with their province, computed once per process. */
export function readPostcodeAreas() {
  postcodeAreas ??= computePostcodeAreas();
  return postcodeAreas;
}

function computePostcodeAreas() {
  const rows = parse(readFileSync(join(RESOURCES, "pc4.csv")), { columns: true, skip_empty_lines: true }) as {
    pc4: string;
    lat: string;
    lon: string;
    place_names_geonames: string;
  }[];
  const provinceOf = provinceFinder();
  return rows.map((r) => ({
    pc4: r.pc4,
    lat: Number(r.lat),
    lon: Number(r.lon),
    place: r.place_names_geonames.split("|")[0] || null,
    province: provinceOf(Number(r.lat), Number(r.lon)),
  }));
}

async function insertChunked<T extends Record<string, unknown>>(db: Db, table: "sbi_codes" | "postcode_areas", rows: T[]) {
  // 500 rows × 7 columns stays under SQLite's and PostgreSQL's bound-parameter limits.
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
    else if (await trx.selectFrom("postcode_areas").select("pc4").where("province", "is", null).limit(1).executeTakeFirst()) {
      // Loaded before provinces were kept (migration 0007): add them.
      for (const area of readPostcodeAreas()) await trx.updateTable("postcode_areas").set({ province: area.province }).where("pc4", "=", area.pc4).execute();
    }
  });
}
