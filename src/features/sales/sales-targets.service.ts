// Targets: revenue (and optionally volume) per month for a rayon or a rep, optionally per product
// group, entered by the manager or imported from a spreadsheet; and actual against target. A rep
// compares own figures with the other rayons' totals and targets (DOMAIN.md): rayon targets are open
// to every role, targets per rep follow the per-rep policy (a rep sees their own).
import { teamScope, type Viewer } from "../../domain/access.js";
import { isMonth } from "../../domain/calendar.js";
import { parseAmount, parseMonth, parseQuantityMilli } from "../../domain/dutch-input.js";
import { monthKey, monthOfKey } from "../../domain/sales-period.js";
import { normalizeKey } from "../../domain/text.js";
import type { Db } from "../../db/kysely.js";
import { type FieldProblem, fieldProblem, invalid } from "../../server/errors.js";
import type { ImportTable } from "../../server/table-file.js";
import { listProductGroups } from "../products/product.service.js";
import { listRayons } from "../reference/reference.service.js";
import { listSalespeople, salespersonOfUser } from "./salespeople.service.js";

export interface TargetInput {
  month: string;
  rayonId?: number | null | undefined;
  salespersonId?: number | null | undefined;
  productGroupId?: number | null | undefined;
  revenueCents: number;
  volume?: number | null | undefined;
}

/** Targets within from–to the viewer may see, with names. */
export async function listTargets(db: Db, viewer: Viewer, from: string, to: string) {
  if (!isMonth(from) || !isMonth(to)) throw invalid(fieldProblem(isMonth(from) ? "to" : "from", "month_invalid"));
  const scope = teamScope(viewer, "targetsByRep");
  const own = scope.access === "own" ? await salespersonOfUser(db, viewer.id) : null;
  const rows = await db
    .selectFrom("sales_targets")
    .selectAll()
    .where("month", ">=", monthKey(from))
    .where("month", "<=", monthKey(to))
    .$if(scope.access !== "all", (q) => q.where("salesperson_id", "in", [0, own ?? -1]))
    .orderBy("month")
    .orderBy("rayon_id")
    .orderBy("salesperson_id")
    .orderBy("product_group_id")
    .execute();
  const [rayons, people, groups] = await Promise.all([listRayons(db), listSalespeople(db), listProductGroups(db)]);
  const name = (list: readonly { id: number; name: string }[], id: number) => (id === 0 ? null : { id, name: list.find((x) => x.id === id)?.name ?? `#${id}` });
  return rows.map((r) => ({
    month: monthOfKey(r.month),
    rayon: name(rayons, r.rayon_id),
    salesperson: name(people, r.salesperson_id),
    productGroup: name(groups, r.product_group_id),
    revenueCents: Number(r.revenue_cents),
    volume: Number(r.quantity_milli) / 1000,
  }));
}

/** Sets targets (one per month and rayon/rep/group; an existing one is replaced). */
export async function setTargets(db: Db, targets: readonly TargetInput[]): Promise<number> {
  const problems: FieldProblem[] = [];
  targets.forEach((t, i) => {
    if (!isMonth(t.month)) problems.push(fieldProblem(`targets.${i}.month`, "month_invalid"));
    if (!t.rayonId && !t.salespersonId) problems.push(fieldProblem(`targets.${i}.rayonId`, "target_needs_rayon_or_rep"));
  });
  if (problems.length > 0) throw invalid(...problems);
  await db.transaction().execute(async (trx) => {
    for (const t of targets) {
      const key = { month: monthKey(t.month), rayon_id: t.rayonId ?? 0, salesperson_id: t.salespersonId ?? 0, product_group_id: t.productGroupId ?? 0 };
      const values = { revenue_cents: t.revenueCents, quantity_milli: Math.round((t.volume ?? 0) * 1000) };
      await trx
        .insertInto("sales_targets")
        .values({ ...key, ...values })
        .onConflict((oc) => oc.columns(["month", "rayon_id", "salesperson_id", "product_group_id"]).doUpdateSet(values))
        .execute();
    }
  });
  return targets.length;
}

const HEADERS: Record<string, readonly string[]> = {
  month: ["maand", "periode", "month", "period"],
  rayon: ["rayon", "regio", "region", "territory"],
  rep: ["verkoper", "rep", "salesperson", "accountmanager"],
  group: ["artikelgroep", "productgroep", "productgroup", "group", "groep"],
  revenue: ["omzet", "omzettarget", "target", "doel", "revenue", "revenuetarget"],
  volume: ["afzet", "aantal", "volume", "quantity"],
};

/** Targets from a spreadsheet: Maand; Rayon; Verkoper; Artikelgroep; Omzet; Afzet. All rows or none. */
export async function importTargets(db: Db, table: ImportTable, today: string): Promise<{ imported: number }> {
  const column = (field: string) => table.headers.findIndex((h) => HEADERS[field]?.includes(normalizeKey(h).replace(/\s/g, "")));
  const idx = Object.fromEntries(Object.keys(HEADERS).map((f) => [f, column(f)])) as Record<string, number>;
  const problems: FieldProblem[] = [];
  const missing = (label: string) => problems.push({ field: "file", code: "import_field_required", message: `no column ${label}` });
  if (idx.month === -1) missing("Maand");
  if (idx.revenue === -1) missing("Omzet");
  if (idx.rayon === -1 && idx.rep === -1) missing("Rayon or Verkoper");
  if (problems.length > 0) throw invalid(...problems);
  const byName = <T extends { id: number; name: string }>(list: readonly T[]) => new Map(list.map((x) => [normalizeKey(x.name), x.id]));
  const [rayons, people, groups] = await Promise.all([listRayons(db).then(byName), listSalespeople(db).then(byName), listProductGroups(db).then(byName)]);
  const targets: TargetInput[] = [];
  for (const { rowNumber, cells } of table.rows) {
    const cell = (f: string) => (idx[f] !== undefined && idx[f] >= 0 ? (cells[idx[f] as number] ?? "").trim() : "");
    const at = (f: string) => `row ${rowNumber}, ${table.headers[idx[f] as number] ?? f}`;
    const month = parseMonth(cell("month"), today);
    if (!month.ok) problems.push({ field: at("month"), code: "month_invalid", message: month.error });
    const revenue = parseAmount(cell("revenue"));
    if (!revenue.ok) problems.push({ field: at("revenue"), code: "amount_invalid", message: revenue.error });
    const volume = cell("volume") === "" ? null : parseQuantityMilli(cell("volume"));
    if (volume && !volume.ok) problems.push({ field: at("volume"), code: "quantity_invalid", message: volume.error });
    const lookup = (f: string, map: Map<string, number>, label: string) => {
      const text = cell(f);
      if (text === "") return null;
      const id = map.get(normalizeKey(text));
      if (id === undefined) problems.push({ field: at(f), code: "unknown", message: `${label} "${text}" is not known` });
      return id ?? null;
    };
    const rayonId = lookup("rayon", rayons, "rayon");
    const salespersonId = lookup("rep", people, "salesperson");
    const productGroupId = lookup("group", groups, "product group");
    if (month.ok && revenue.ok) targets.push({ month: month.value, rayonId, salespersonId, productGroupId, revenueCents: revenue.value, volume: volume?.ok ? volume.value / 1000 : null });
  }
  if (problems.length > 0) throw invalid(...problems.slice(0, 200));
  return { imported: await setTargets(db, targets) };
}
