// Three years of invoice lines for the demo company, so every VIS screen has content on a first
// start: the customers (and former customers, who stopped buying) order the demo products monthly,
// key and A accounts more and more often than C accounts, with discounts off list price. The lines
// go in as an ERP file would — through the sales import (analysis and commit, in this thread) — and
// the rayons get targets for this year: last year's revenue plus a growth ambition.
import type { Config } from "../../config.js";
import { SYSTEM_VIEWER } from "../../domain/access.js";
import { addMonthKeys, monthKeyOfDate, monthOfKey } from "../../domain/sales-period.js";
import type { DatabaseHandle } from "../../db/kysely.js";
import { amsterdamDate } from "../../server/time.js";
import { bufferSource } from "../../files/table-stream.js";
import { runJobInline } from "../jobs/job-inline.js";
import { writeJobFile } from "../jobs/job-files.js";
import { salesAnalyseJob } from "../sales/sales-analyse.job.js";
import { salesCommitJob } from "../sales/sales-commit.job.js";
import { createSalesImport } from "../sales/sales-import.service.js";
import { setTargets } from "../sales/sales-targets.service.js";
import { Random } from "./prng.js";

const MONTHS_OF_HISTORY = 36;
const ORDERS_PER_YEAR: Record<string, number> = { key: 12, A: 10, B: 6, C: 3 };

export interface SalesLinesDemoSummary {
  lines: number;
  targets: number;
}

const euros = (cents: number) => `${Math.trunc(cents / 100)},${String(Math.abs(cents % 100)).padStart(2, "0")}`;

export async function seedSalesLinesDemo(handle: DatabaseHandle, config: Config, options: { seed: number; now: Date }): Promise<SalesLinesDemoSummary> {
  const { db } = handle;
  const r = new Random(options.seed * 104_729 + 3);
  const products = await db.selectFrom("products").select(["code", "list_price_cents", "cost_price_cents", "unit"]).orderBy("id").execute();
  if (products.length === 0) return { lines: 0, targets: 0 };
  const customers = await db
    .selectFrom("relations as c")
    .leftJoin("rayons as y", "y.id", "c.rayon_id")
    .leftJoin("users as u", "u.id", "c.owner_id")
    .select(["c.debtor_number", "c.name", "c.status", "c.account_class", "y.name as rayon", "u.name as rep"])
    .where("c.debtor_number", "is not", null)
    .where("c.status", "in", ["customer", "former_customer", "dead"])
    .orderBy("c.id")
    .execute();
  const current = monthKeyOfDate(amsterdamDate(options.now));
  const first = addMonthKeys(current, -(MONTHS_OF_HISTORY - 1));
  const rows: string[] = ["Factuur;Regel;Datum;Debiteur;Debiteurnaam;Artikel;Aantal;Omzet;Kostprijs;Verkoper;Rayon"];
  let invoice = 1;
  for (const c of customers) {
    const perYear = ORDERS_PER_YEAR[c.account_class ?? "C"] ?? 3;
    // A former customer stopped more than two years ago; a dead one stopped when it went bad.
    const lastMonth = c.status === "customer" ? current : addMonthKeys(current, c.status === "dead" ? -r.int(6, 20) : -r.int(25, 30));
    const size = c.account_class === "key" ? 8 : c.account_class === "A" ? 4 : c.account_class === "B" ? 2 : 1;
    const usual = r.sample(products, r.int(1, Math.min(4, products.length)));
    for (let m = first; m <= lastMonth; m = addMonthKeys(m, 1)) {
      if (!r.chance(perYear / 12)) continue;
      const day = String(r.int(1, 28)).padStart(2, "0");
      const month = monthOfKey(m);
      const date = `${day}-${month.slice(5, 7)}-${month.slice(0, 4)}`;
      if (month.slice(0, 7) === monthOfKey(current) && Number(day) > Number(amsterdamDate(options.now).slice(8, 10))) continue;
      const number = `F${month.slice(0, 4)}-${String(invoice++).padStart(6, "0")}`;
      const lines = r.sample(usual, r.int(1, usual.length));
      lines.forEach((p, i) => {
        const quantity = (p.unit === "m2" ? r.int(100, 1500) : r.int(2, 30)) * size;
        const discountBp = r.pick([0, 250, 500, 750, 1000, 1500]);
        const revenue = Math.round((quantity * Number(p.list_price_cents) * (10_000 - discountBp)) / 10_000);
        const cost = quantity * Number(p.cost_price_cents ?? 0);
        rows.push([number, i + 1, date, c.debtor_number, c.name.replaceAll(";", " "), p.code, quantity, euros(revenue), euros(cost), c.rep ?? "", c.rayon ?? ""].join(";"));
      });
    }
  }
  if (rows.length === 1) return { lines: 0, targets: 0 };

  const now = () => options.now;
  const data = Buffer.from(rows.join("\n"), "utf8");
  const file = await writeJobFile(db, { ownerId: null, jobId: null, purpose: "upload", name: "demo-omzet.csv", contentType: "text/csv" }, data, options.now.toISOString());
  const { id } = await createSalesImport(db, SYSTEM_VIEWER, { fileName: "demo-omzet.csv", fileId: file.id, source: bufferSource(data), createMissing: true }, options.now);
  await runJobInline(handle, config, "sales.analyse", salesAnalyseJob, { importId: id }, SYSTEM_VIEWER, now);
  await db.updateTable("import_jobs").set({ status: "committing" }).where("id", "=", id).execute();
  await runJobInline(handle, config, "sales.commit", salesCommitJob, { importId: id }, SYSTEM_VIEWER, now);

  // Targets for this year per rayon: last year's revenue of the same month plus 5–10 %.
  const year = Math.floor(current / 100);
  const lastYear = await db
    .selectFrom("sales_by_group")
    .select((eb) => ["rayon_id", "month", eb.fn.sum<number>("revenue_cents").as("revenue")])
    .where("month", ">=", (year - 1) * 100 + 1)
    .where("month", "<=", (year - 1) * 100 + 12)
    .where("rayon_id", ">", 0)
    .groupBy(["rayon_id", "month"])
    .execute();
  const targets = lastYear.map((t) => ({
    month: monthOfKey(Number(t.month) + 100),
    rayonId: t.rayon_id,
    revenueCents: Math.round((Number(t.revenue) * (105 + r.int(0, 5))) / 100),
  }));
  await setTargets(db, targets);
  return { lines: rows.length - 1, targets: targets.length };
}
