// Commit of an analysed sales import, in a worker thread: create what is missing (when asked),
// then write the staged lines in batches. Each batch — its lines, the rollup deltas and the
// checkpoint — is one transaction, so a killed process resumes after the last whole batch and no
// line is written twice. Idempotent on (invoice, line): an equal line changes nothing, a corrected
// line replaces the old one (its old figures leave the rollups, the new ones enter).
import { monthKeyOfDate } from "../../domain/sales-period.js";
import { personKey } from "../../domain/sales-line.js";
import { SYSTEM_VIEWER } from "../../domain/access.js";
import { AppError } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { rememberMapping } from "../imports/import.repository.js";
import { JobCancelled, type JobContext, type JobHandler } from "../jobs/job-handler.js";
import { createProductFromSales, productGroupIds } from "../products/product.service.js";
import { createCustomerFromSales } from "../relations/relation-sales.service.js";
import { ensureRayon, ensureSystemUser, toAuthUser } from "../users/user.service.js";
import { lifecycleAfterImport } from "./sales-lifecycle.service.js";
import { clearStaging, importKeys, SALES_LINE_COLUMNS, type SalesImportRow, salesImportRow, setResolvedKey, stagedBatch } from "./sales-import.repository.js";
import { type LineFacts, RollupDeltas, refreshDebtorPeriods } from "./sales-rollups.js";
import { createSalesperson } from "./salespeople.service.js";

const BATCH = 20_000;

interface Checkpoint {
  lastRow: number;
  done: number;
  created: number;
  replaced: number;
  unchanged: number;
  /** sales_lines was empty when the commit began: no line can exist yet, so none is looked up. */
  emptyAtStart: boolean;
}

export interface SalesCommitResult {
  lines: { created: number; replaced: number; unchanged: number };
  createdMissing: { debtors: number; products: number; reps: number; rayons: number };
  statusChanges: number;
}

type Ids = { debtor: Map<string, number>; product: Map<string, number>; rep: Map<string, number>; rayon: Map<string, number> };

export const salesCommitJob: JobHandler<{ importId: number }, Checkpoint> = async (ctx) => {
  const { db } = ctx;
  const job = await salesImportRow(db, ctx.params.importId);
  if (job.status !== "analysed" && job.status !== "committing") {
    throw new AppError("conflict", job.status === "committed" ? "This import has already been committed" : "This import has problems; fix the file and upload it again");
  }
  await db.updateTable("import_jobs").set({ status: "committing" }).where("id", "=", job.id).execute();
  const now = ctx.now();
  const { ids, created } = await resolveOrCreate(ctx, job, now);
  const groups = await productGroupIds(db);
  const total = Number((await db.selectFrom("sales_import_lines").select((eb) => eb.fn.countAll<number>().as("n")).where("job_id", "=", job.id).executeTakeFirstOrThrow()).n);

  let cp: Checkpoint = ctx.checkpoint ?? {
    lastRow: 0,
    done: 0,
    created: 0,
    replaced: 0,
    unchanged: 0,
    emptyAtStart: !(await db.selectFrom("sales_lines").select("id").limit(1).executeTakeFirst()),
  };
  for (;;) {
    if (ctx.cancelled()) throw new JobCancelled();
    const batch = await stagedBatch(db, job.id, cp.lastRow, BATCH);
    if (batch.length === 0) break;
    const next: Checkpoint = { ...cp, lastRow: (batch.at(-1) as { row_number: number }).row_number, done: cp.done + batch.length };
    await ctx.commitBatch(next, async (trx) => {
      const existing = cp.emptyAtStart ? new Map() : await existingLines(trx, batch);
      const deltas = new RollupDeltas();
      const inserts: unknown[][] = [];
      for (const s of batch) {
        const facts: LineFacts = {
          month: monthKeyOfDate(s.invoice_date),
          rayonId: ids.rayon.get(s.rayon_key) ?? 0,
          salespersonId: ids.rep.get(s.rep_key) ?? 0,
          productId: ids.product.get(s.product_key) as number,
          productGroupId: 0,
          debtorId: ids.debtor.get(s.debtor_key) as number,
          quantityMilli: Number(s.quantity_milli),
          revenueCents: Number(s.revenue_cents),
          costCents: s.cost_cents === null ? null : Number(s.cost_cents),
        };
        if (facts.productId === undefined || facts.debtorId === undefined) throw new AppError("internal", `row ${s.row_number}: debtor or product was not resolved`);
        facts.productGroupId = groups.get(facts.productId) ?? 0;
        const old = existing.get(`${s.invoice_number}\u0000${s.line_number}`);
        if (!old) {
          inserts.push([s.invoice_number, s.line_number, s.invoice_date, facts.month, facts.debtorId, facts.productId, facts.productGroupId, facts.salespersonId, facts.rayonId, facts.quantityMilli, facts.revenueCents, facts.costCents, s.credit, job.id, s.row_number]);
          deltas.add(facts, 1);
          next.created += 1;
        } else if (sameLine(old, s.invoice_date, facts)) {
          next.unchanged += 1;
        } else {
          await trx
            .updateTable("sales_lines")
            .set({
              invoice_date: s.invoice_date,
              month: facts.month,
              relation_id: facts.debtorId,
              product_id: facts.productId,
              product_group_id: facts.productGroupId,
              salesperson_id: facts.salespersonId,
              rayon_id: facts.rayonId,
              quantity_milli: facts.quantityMilli,
              revenue_cents: facts.revenueCents,
              cost_cents: facts.costCents,
              credit: s.credit,
              import_job_id: job.id,
              source_row: s.row_number,
            })
            .where("id", "=", old.id)
            .execute();
          deltas.add(factsOf(old), -1);
          deltas.add(facts, 1);
          next.replaced += 1;
        }
      }
      if (inserts.length > 0) await ctx.bulk.insert(trx, SALES_LINE_COLUMNS, inserts);
      await deltas.write(trx, ctx.bulk);
    });
    cp = next;
    await ctx.progress(cp.done, total, `${cp.done.toLocaleString("nl-NL")} van ${total.toLocaleString("nl-NL")} regels`);
  }

  await ctx.progress(total, total, "status van relaties en periodetotalen");
  const today = amsterdamDate(now);
  const statusChanges = await lifecycleAfterImport(db, [...new Set(ids.debtor.values())], ctx.viewer.id, now, today);
  await refreshDebtorPeriods(db, monthKeyOfDate(today));
  const result: SalesCommitResult = { lines: { created: cp.created, replaced: cp.replaced, unchanged: cp.unchanged }, createdMissing: created, statusChanges };
  await db.transaction().execute(async (trx) => {
    await clearStaging(trx, job.id);
    const counts = { ...(job.counts as object), committed: result };
    await trx.updateTable("import_jobs").set({ status: "committed", counts: JSON.stringify(counts), committed_at: now.toISOString() }).where("id", "=", job.id).execute();
    await rememberMapping(trx, "sales", job.layout_key, JSON.stringify(job.mapping), ctx.viewer.id, now.toISOString());
  });
  return result;
};

interface ExistingLine {
  id: number;
  invoice_date: string;
  month: number;
  relation_id: number;
  product_id: number;
  product_group_id: number;
  salesperson_id: number;
  rayon_id: number;
  quantity_milli: number;
  revenue_cents: number;
  cost_cents: number | null;
}

const factsOf = (l: ExistingLine): LineFacts => ({
  month: l.month,
  rayonId: l.rayon_id,
  salespersonId: l.salesperson_id,
  productGroupId: l.product_group_id,
  productId: l.product_id,
  debtorId: l.relation_id,
  quantityMilli: Number(l.quantity_milli),
  revenueCents: Number(l.revenue_cents),
  costCents: l.cost_cents === null ? null : Number(l.cost_cents),
});

function sameLine(old: ExistingLine, date: string, f: LineFacts): boolean {
  return (
    old.invoice_date === date &&
    old.relation_id === f.debtorId &&
    old.product_id === f.productId &&
    old.salesperson_id === f.salespersonId &&
    old.rayon_id === f.rayonId &&
    Number(old.quantity_milli) === f.quantityMilli &&
    Number(old.revenue_cents) === f.revenueCents &&
    (old.cost_cents === null ? null : Number(old.cost_cents)) === f.costCents
  );
}

async function existingLines(trx: JobContext["db"], batch: readonly { invoice_number: string; line_number: number }[]): Promise<Map<string, ExistingLine>> {
  const out = new Map<string, ExistingLine>();
  const invoices = [...new Set(batch.map((b) => b.invoice_number))];
  for (let i = 0; i < invoices.length; i += 1000) {
    const rows = await trx
      .selectFrom("sales_lines")
      .select(["id", "invoice_number", "line_number", "invoice_date", "month", "relation_id", "product_id", "product_group_id", "salesperson_id", "rayon_id", "quantity_milli", "revenue_cents", "cost_cents"])
      .where("invoice_number", "in", invoices.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(`${r.invoice_number}\u0000${r.line_number}`, r);
  }
  return out;
}

/** Resolved ids of every key; missing ones are created first when the import asks for it. */
async function resolveOrCreate(ctx: JobContext<{ importId: number }, Checkpoint>, job: SalesImportRow, now: Date): Promise<{ ids: Ids; created: SalesCommitResult["createdMissing"] }> {
  const { db } = ctx;
  const keys = await importKeys(db, job.id);
  const created = { debtors: 0, products: 0, reps: 0, rayons: 0 };
  const ids: Ids = { debtor: new Map(), product: new Map(), rep: new Map(), rayon: new Map() };
  const missing = keys.filter((k) => k.resolved_id === null);
  if (missing.length > 0 && !job.options.createMissing) throw new AppError("conflict", `${missing.length} debtors, products, salespeople or rayons are not known; import with "create missing" or add them first`);
  const systemRow = await ensureSystemUser(db, now);
  const actor = ctx.viewer.id !== null && ctx.viewer !== SYSTEM_VIEWER ? ((await db.selectFrom("users").selectAll().where("id", "=", ctx.viewer.id).executeTakeFirst()) ?? systemRow) : systemRow;
  const user = await toAuthUser(db, actor);
  // Rayons first: a debtor created from a line takes the line's rayon.
  const order = { rayon: 0, rep: 1, product: 2, debtor: 3 } as const;
  for (const k of [...keys].sort((a, b) => order[a.kind] - order[b.kind])) {
    let id = k.resolved_id;
    if (id === null) {
      const data = JSON.parse(k.data) as Record<string, string | null>;
      // Created and recorded in one transaction: a restart never creates the same debtor twice.
      id = await db.transaction().execute(async (trx) => {
        let made: number;
        if (k.kind === "rayon") made = await ensureRayon(trx, data.text as string);
        else if (k.kind === "rep") made = await createSalesperson(trx, data.text as string, null, now);
        else if (k.kind === "product") made = await createProductFromSales(trx, data.code as string, data.name ?? null, now);
        else {
          const rayonId = data.rayon ? (ids.rayon.get(personKey(data.rayon)) ?? null) : null;
          const debtor = { number: data.number ?? null, kvk: data.kvk ?? null, name: data.name ?? null, postcode: data.postcode ?? null, city: data.city ?? null, rayonId };
          made = (await createCustomerFromSales(trx, user, debtor, job.file_name, now)).id;
        }
        await setResolvedKey(trx, job.id, k.kind, k.key, made);
        return made;
      });
      created[`${k.kind}s` as keyof typeof created] += 1;
    }
    ids[k.kind].set(k.key, id);
  }
  return { ids, created };
}
