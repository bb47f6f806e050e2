// Commit of an analysed sales import, in a worker thread: create what is missing (when asked),
// then write the staged lines in resumable batches (sales-commit-lines.ts), then the lifecycle of
// the debtors, the period totals, and the import's end state. Idempotent on (invoice, line): an
// equal line changes nothing, a corrected line replaces the old one (its old figures leave the
// rollups, the new ones enter).
import { monthKeyOfDate } from "../../domain/sales-period.js";
import { personKey } from "../../domain/sales-line.js";
import { SYSTEM_VIEWER } from "../../domain/access.js";
import { AppError } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { rememberMapping } from "../imports/import.repository.js";
import type { JobContext, JobHandler } from "../jobs/job-handler.js";
import { createProductFromSales, productGroupIds } from "../products/product.service.js";
import { createCustomerFromSales } from "../relations/relation-sales.service.js";
import { ensureRayon, ensureSystemUser, toAuthUser } from "../users/user.service.js";
import { lifecycleAfterImport } from "./sales-lifecycle.service.js";
import { type CommitCheckpoint as Checkpoint, type Ids, writeStagedLines } from "./sales-commit-lines.js";
import { clearStaging, importKeys, type SalesImportRow, salesImportRow, setResolvedKey } from "./sales-import.repository.js";
import { refreshDebtorPeriods } from "./sales-rollups.js";
import { deleteStagedLines, stagedLineCount } from "./sales-staging.js";
import { createSalesperson } from "./salespeople.service.js";

export interface SalesCommitResult {
  lines: { created: number; replaced: number; unchanged: number };
  createdMissing: { debtors: number; products: number; reps: number; rayons: number };
  statusChanges: number;
}

/** `fixed`: batch and flush sizes for tests that stop a commit at a given transaction. */
export const salesCommitJob: JobHandler<{ importId: number; fixed?: { batchLines: number; flushKeys: number } }, Checkpoint> = async (ctx) => {
  const { db } = ctx;
  const job = await salesImportRow(db, ctx.params.importId);
  if (job.status !== "analysed" && job.status !== "committing") {
    throw new AppError("conflict", job.status === "committed" ? "This import has already been committed" : "This import has problems; fix the file and upload it again");
  }
  await db.updateTable("import_jobs").set({ status: "committing" }).where("id", "=", job.id).execute();
  const now = ctx.now();
  const { ids, created } = await resolveOrCreate(ctx, job, now);
  const groups = await productGroupIds(db);
  const total = await stagedLineCount(db, job.id);
  // An import analysed before the staged lines were packed (migration 0020) has none left to write
  // (checked on a first run only: a resumed one may have removed some after writing them all).
  const analysed = (job.counts as { rows?: number } | null)?.rows;
  if (ctx.checkpoint === null && analysed !== undefined && analysed !== total) throw new AppError("conflict", "The checked lines of this import are no longer there; upload the file again");

  const first: Checkpoint = ctx.checkpoint ?? {
    lastRow: 0,
    done: 0,
    created: 0,
    replaced: 0,
    unchanged: 0,
    emptyAtStart: !(await db.selectFrom("sales_lines").select("id").limit(1).executeTakeFirst()),
  };
  // SQLite, on this job's connection while it writes: a page cache of 96 MB instead of 2 MB (the
  // lines' indexes on debtor and product take an insert at every debtor's and product's latest page;
  // those pages stay in memory instead of being read back for nearly every line), and a checkpoint
  // of the write-ahead log every 64 MB instead of every 4 MB (each one syncs the file to disk). A
  // first load has no such indexes while it writes (they are built after its last line) and writes
  // its rollups a month at a time at their end: 32 MB do, and the server's peak memory is 64 MB less.
  const restore = await ctx.bulk.tune({ cacheMb: first.emptyAtStart ? 32 : 96, checkpointMb: 64 });
  let cp: Checkpoint;
  try {
    cp = await writeStagedLines(ctx, { importId: job.id, ids, groups, total, ...(ctx.params.fixed ? { fixed: ctx.params.fixed } : {}) }, first);
  } finally {
    await restore();
  }

  await ctx.progress(total, total, "status van relaties en periodetotalen");
  const today = amsterdamDate(now);
  // In parts, each one transaction: one IN list of every debtor would pass SQLite's limit of bound
  // parameters (32,766); a statement a transaction is a sync to disk each on PostgreSQL; and on
  // SQLite a part holds the write lock briefly.
  const debtorIds = [...new Set(ids.debtor.values())];
  const part = ctx.bulk.sharedWriteLock ? 500 : 5000;
  let statusChanges = 0;
  for (let i = 0; i < debtorIds.length; i += part) {
    const moved = await db.transaction().execute((trx) => lifecycleAfterImport(trx, debtorIds.slice(i, i + part), ctx.viewer.id, now, today));
    // Only a part that changed a status took the write lock (reading takes none).
    if (moved > 0) await ctx.bulk.yieldLock(0);
    statusChanges += moved;
  }
  await refreshDebtorPeriods(db, monthKeyOfDate(today), (ms) => ctx.bulk.yieldLock(ms));
  const result: SalesCommitResult = { lines: { created: cp.created, replaced: cp.replaced, unchanged: cp.unchanged }, createdMissing: created, statusChanges };
  // The staged lines go in short transactions first; the keys and the import's state in one.
  await deleteStagedLines(ctx, job.id);
  await db.transaction().execute(async (trx) => {
    await clearStaging(trx, job.id);
    const counts = { ...(job.counts as object), committed: result };
    await trx.updateTable("import_jobs").set({ status: "committed", counts: JSON.stringify(counts), committed_at: now.toISOString() }).where("id", "=", job.id).execute();
    await rememberMapping(trx, "sales", job.layout_key, JSON.stringify(job.mapping), ctx.viewer.id, now.toISOString());
  });
  return result;
};

/** Resolved ids of every key; missing ones are created first when the import asks for it. */
async function resolveOrCreate(ctx: JobContext<{ importId: number; fixed?: unknown }, Checkpoint>, job: SalesImportRow, now: Date): Promise<{ ids: Ids; created: SalesCommitResult["createdMissing"] }> {
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
