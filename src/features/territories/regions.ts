// The provinces and municipalities a rayon can be drawn from (CBS 2023, resources/municipalities_2023.csv)
// and the shipped postcode areas that lie in each (resources/pc4_municipalities.csv, made by
// scripts/derive-pc4-municipalities.mjs; licences in resources/SOURCE.md). A province is the union of
// its municipalities. Read once per process.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { normalizeKey } from "../../domain/text.js";
import { RESOURCES } from "../reference/reference-data.js";

export type RegionKind = "province" | "municipality";

export interface Municipality {
  code: string;
  name: string;
  province: string;
}

export interface RegionCatalogue {
  provinces: string[];
  municipalities: Municipality[];
  byCode: Map<string, Municipality>;
  pc4sOfMunicipality: Map<string, string[]>;
}

/** Everyday names that CBS spells otherwise. */
const MUNICIPALITY_ALIASES: Record<string, string> = { "den haag": "GM0518", "the hague": "GM0518", "den bosch": "GM0796" };
const PROVINCE_ALIASES: Record<string, string> = { friesland: "Fryslân" };

let cached: RegionCatalogue | null = null;

export function regionCatalogue(): RegionCatalogue {
  cached ??= readCatalogue();
  return cached;
}

function readCatalogue(): RegionCatalogue {
  const municipalities = (parse(readFileSync(join(RESOURCES, "municipalities_2023.csv")), { columns: true, skip_empty_lines: true }) as { gm_code: string; name: string; province: string }[]).map(
    (r) => ({ code: r.gm_code, name: r.name, province: r.province }),
  );
  const pc4sOfMunicipality = new Map<string, string[]>();
  for (const r of parse(readFileSync(join(RESOURCES, "pc4_municipalities.csv")), { columns: true, skip_empty_lines: true }) as { pc4: string; gm_code: string }[]) {
    const list = pc4sOfMunicipality.get(r.gm_code);
    if (list) list.push(r.pc4);
    else pc4sOfMunicipality.set(r.gm_code, [r.pc4]);
  }
  return {
    provinces: [...new Set(municipalities.map((m) => m.province))].sort((a, b) => a.localeCompare(b, "nl")),
    municipalities: [...municipalities].sort((a, b) => a.name.localeCompare(b.name, "nl")),
    byCode: new Map(municipalities.map((m) => [m.code, m])),
    pc4sOfMunicipality,
  };
}

/** The region a user named (a province's name, a municipality's name or GM code), or null when unknown. */
export function resolveRegion(kind: RegionKind, name: string): { kind: RegionKind; code: string; name: string } | null {
  const c = regionCatalogue();
  const key = normalizeKey(name);
  if (kind === "province") {
    const wanted = PROVINCE_ALIASES[key] ?? name;
    const hit = c.provinces.find((p) => normalizeKey(p) === normalizeKey(wanted));
    return hit ? { kind, code: hit, name: hit } : null;
  }
  const code = /^gm\d{4}$/i.test(name.trim()) ? name.trim().toUpperCase() : (MUNICIPALITY_ALIASES[key] ?? c.municipalities.find((m) => normalizeKey(m.name) === key)?.code);
  const m = code ? c.byCode.get(code) : undefined;
  return m ? { kind, code: m.code, name: m.name } : null;
}

/** The municipalities a region stands for (itself, or every municipality of the province). */
export function municipalitiesOf(kind: RegionKind, code: string): string[] {
  const c = regionCatalogue();
  if (kind === "municipality") return c.byCode.has(code) ? [code] : [];
  return c.municipalities.filter((m) => m.province === code).map((m) => m.code);
}

/** The shipped PC4 areas that lie in a region. */
export function pc4sOfRegion(kind: RegionKind, code: string): string[] {
  const c = regionCatalogue();
  return municipalitiesOf(kind, code).flatMap((m) => c.pc4sOfMunicipality.get(m) ?? []);
}

/** The display name of a stored region (a province's code is its name). */
export function regionName(kind: RegionKind, code: string): string {
  return kind === "province" ? code : (regionCatalogue().byCode.get(code)?.name ?? code);
}
