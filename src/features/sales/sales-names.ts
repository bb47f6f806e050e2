// Names of the ids in sales figures (debtor, product, group, rayon, rep, segment, SBI section),
// looked up once per report through the features that own them.
import type { SalesDimension } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { listProductGroups, productLabels } from "../products/product.service.js";
import { listRayons, listSegments, sbiSectionNames } from "../reference/reference.service.js";
import { relationNames } from "../relations/relation-sales.service.js";
import { listSalespeople } from "./salespeople.service.js";

const CLASS_NAMES: Record<string, string> = { key: "Key account", A: "A", B: "B", C: "C", "-": "—" };

/** Per row, the name of each dimension value. */
const sentence = (text: string) => text.charAt(0) + text.slice(1).toLowerCase();

export async function labelDimensions(db: Db, dims: readonly SalesDimension[], rows: readonly Record<string, unknown>[]): Promise<Record<string, string>[]> {
  const names = new Map<SalesDimension, Map<string, string>>();
  const idsOf = (j: number) => [...new Set(rows.map((r) => Number(r[`d${j}`])))].filter((n) => n > 0);
  for (const [j, d] of dims.entries()) {
    const map = new Map<string, string>();
    if (d === "debtor") for (const [id, r] of await relationNames(db, idsOf(j))) map.set(String(id), r.city ? `${r.name} (${r.city})` : r.name);
    if (d === "product") for (const [id, label] of await productLabels(db, idsOf(j))) map.set(String(id), label);
    if (d === "productGroup") for (const g of await listProductGroups(db)) map.set(String(g.id), g.name);
    if (d === "rayon") for (const r of await listRayons(db)) map.set(String(r.id), r.name);
    if (d === "rep") for (const p of await listSalespeople(db)) map.set(String(p.id), p.name);
    if (d === "segment") for (const s of await listSegments(db)) map.set(String(s.id), s.name);
    // Section names are in capitals in the SBI list; shown as a sentence.
    if (d === "sbiSection") for (const s of await sbiSectionNames(db)) map.set(s.code, `${s.code} ${sentence(s.name_nl)}`);
    if (d === "class") for (const [k, v] of Object.entries(CLASS_NAMES)) map.set(k, v);
    names.set(d, map);
  }
  return rows.map((r) => {
    const out: Record<string, string> = {};
    dims.forEach((d, j) => {
      const key = String(r[`d${j}`]);
      const name = names.get(d)?.get(key);
      out[d] = name ?? (key === "0" || key === "-" ? "—" : key);
    });
    return out;
  });
}
