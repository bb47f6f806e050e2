import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkWriter } from "../../db/bulk.js";
import type { Viewer } from "../../domain/access.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { waitForJob } from "../../test-support/jobs.js";
import { multipartFile } from "../../test-support/multipart.js";
import { salesCsv } from "../../test-support/sales.js";
import type { JobContext } from "../jobs/job-handler.js";
import type { CommitCheckpoint } from "./sales-commit-lines.js";
import { salesCommitJob } from "./sales-commit.job.js";
import { verifyRollups } from "./sales-rollups.js";

type User = { id: number; headers: Record<string, string> };

/** 240 lines over a year: 12 debtors, 3 products, two reps, two rayons. */
function lines(prefix: string): (string | number)[][] {
  return Array.from({ length: 240 }, (_, i) => {
    const month = 1 + (i % 12);
    return [`${prefix}${Math.floor(i / 2)}`, 1 + (i % 2), `${String(1 + (i % 27)).padStart(2, "0")}-${String(month).padStart(2, "0")}-2025`, `D-${1 + (i % 12)}`, `Klant ${1 + (i % 12)}`, `P-${1 + (i % 3)}`, 1 + (i % 5), `${100 + i},50`, `${60 + i},25`, i % 3 === 0 ? "Sem Zuid" : "Ria Noord", i % 3 === 0 ? "Zuid" : "Noord"];
  });
}

describe.each(ENGINES)("a sales commit stopped midway on %s", (engine) => {
  let t: TestApp;
  let manager: User;

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await t.userWithRole("sales_manager", { profitResponsible: true });
  });
  afterAll(async () => t?.close());

  /** Uploads and analyses a file; returns the import id (not committed). */
  const analysed = async (csv: string): Promise<number> => {
    const file = multipartFile("omzet.csv", Buffer.from(csv, "utf8"));
    const res = await t.app.inject({ method: "POST", url: "/api/sales/imports?createMissing=true", headers: { ...manager.headers, ...file.headers }, payload: file.payload });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as number;
    for (;;) {
      const dto = (await t.app.inject({ method: "GET", url: `/api/sales/imports/${id}`, headers: manager.headers })).json();
      if (dto.analysisJob) await waitForJob(t.app, manager.headers, dto.analysisJob.id);
      if (dto.status === "analysed") return id;
      if (dto.status !== "reading" && dto.status !== "analysing") throw new Error(`import ${id}: ${dto.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  /** Runs the commit job here; its transaction number `crashAt` (1 = first) fails as if the process died. */
  const run = async (importId: number, checkpoint: CommitCheckpoint | null, crashAt: number | null) => {
    let saved = checkpoint;
    let transactions = 0;
    const viewer: Viewer = { id: manager.id, role: "sales_manager", profitResponsible: true, rayonIds: [] };
    const ctx: JobContext<{ importId: number; fixed: { batchLines: number; flushKeys: number } }, CommitCheckpoint> = {
      jobId: 0,
      db: t.ctx.db,
      engine,
      bulk: bulkWriter(t.database.handle),
      config: t.ctx.config,
      params: { importId, fixed: { batchLines: 25, flushKeys: 40 } },
      viewer,
      checkpoint,
      attempt: 1,
      now: t.ctx.now,
      progress: async () => {},
      commitBatch: async (cp, work) => {
        transactions += 1;
        if (transactions === crashAt) throw new Error("the process died here");
        const out = await t.ctx.db.transaction().execute(work);
        saved = cp;
        return out;
      },
      cancelled: () => false,
    };
    const outcome = await salesCommitJob(ctx).then(
      (result) => ({ result }),
      (error: Error) => ({ error }),
    );
    return { outcome, saved, transactions };
  };

  const lineCount = async () => Number((await t.ctx.db.selectFrom("sales_lines").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  it("resumes a first load from its checkpoint with rollups equal to a scan of the lines, wherever it stopped", async () => {
    const id = await analysed(salesCsv(lines("A")));
    // Ten batches of 25 lines; summed deltas are written every few batches, in parts of 25 rows.
    const full = await run(id, null, null);
    expect(full.outcome).toMatchObject({ result: { lines: { created: 240 } } });
    const stops = [2, 5, Math.floor(full.transactions / 2), full.transactions - 1];
    // Start over for each stop: the same file again as a new first load.
    for (const stop of stops) {
      await t.ctx.db.deleteFrom("sales_lines").execute();
      for (const table of ["sales_by_rep", "sales_by_group", "sales_by_product", "sales_by_debtor"] as const) await t.ctx.db.deleteFrom(table as "sales_by_group").execute();
      const again = await analysed(salesCsv(lines("A")));
      const crashed = await run(again, null, stop);
      expect(crashed.outcome).toMatchObject({ error: { message: "the process died here" } });
      const resumed = await run(again, crashed.saved, null);
      // The counts go on from the checkpoint: the result is that of the whole commit.
      expect(resumed.outcome, `stopped at transaction ${stop}`).toMatchObject({ result: { lines: { created: 240, replaced: 0, unchanged: 0 } } });
      expect(await lineCount()).toBe(240);
      expect(await verifyRollups(t.ctx.db), `stopped at transaction ${stop}`).toEqual({ rep: 0, group: 0, product: 0, debtor: 0 });
    }
  });

  it("resumes an import into existing lines (corrections replace lines) with the rollups in step", async () => {
    const corrected = lines("A").map((l, i) => (i % 4 === 0 ? [...l.slice(0, 7), `${900 + i},00`, ...l.slice(8)] : l));
    const more = [...corrected, ...lines("B")];
    const id = await analysed(salesCsv(more));
    const crashed = await run(id, null, 4);
    expect(crashed.outcome).toMatchObject({ error: { message: "the process died here" } });
    const resumed = await run(id, crashed.saved, null);
    expect(resumed.outcome).toMatchObject({ result: { lines: { replaced: expect.any(Number) } } });
    expect(await lineCount()).toBe(480);
    expect(await verifyRollups(t.ctx.db)).toEqual({ rep: 0, group: 0, product: 0, debtor: 0 });
  });

  const ROLLUP_TABLES = ["sales_by_rep", "sales_by_group", "sales_by_product", "sales_by_debtor"] as const;
  const clearLines = async () => {
    await t.ctx.db.deleteFrom("sales_lines").execute();
    for (const table of ROLLUP_TABLES) await t.ctx.db.deleteFrom(table as "sales_by_group").execute();
  };
  /** Every rollup row that counts a line, in key order (rows left at zero by a correction aside). */
  const rollups = async () => {
    const out: Record<string, unknown[]> = {};
    for (const table of ROLLUP_TABLES) {
      const { rows } = await sql<Record<string, number>>`select * from ${sql.table(table)} where lines <> 0`.execute(t.ctx.db);
      const key = (r: Record<string, number>) => [r.month, r.rayon_id, r.salesperson_id ?? 0, r.product_group_id ?? 0, r.product_id ?? 0, r.debtor_id ?? 0];
      out[table] = rows
        .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])))
        .sort((a, b) => {
          const ka = key(a);
          const kb = key(b);
          for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
          return 0;
        });
    }
    return out;
  };

  it("builds a first load's rollups by GROUP BY after its lines, equal to those the delta path of a later load builds", async () => {
    // Lines without a cost too (revenue without costed revenue), over a year.
    const file = lines("G").map((l, i) => (i % 7 === 0 ? [...l.slice(0, 8), "", ...l.slice(9)] : l));
    // Path 1: a first load, stopped once in the lines and once while grouping, and resumed each time.
    await clearLines();
    const first = await analysed(salesCsv(file));
    const full = await run(first, null, null);
    expect(full.saved).toMatchObject({ grouped: true, lastRow: expect.any(Number) });
    expect(full.outcome).toMatchObject({ result: { lines: { created: 240 } } });
    const grouped = await rollups();
    expect(grouped.sales_by_debtor?.length).toBeGreaterThan(0);
    for (const stop of [3, full.transactions - 2]) {
      await clearLines();
      const again = await analysed(salesCsv(file));
      const crashed = await run(again, null, stop);
      expect(crashed.outcome).toMatchObject({ error: { message: "the process died here" } });
      await run(again, crashed.saved, null);
      expect(await rollups(), `stopped at transaction ${stop}`).toEqual(grouped);
    }

    // Path 2: the same lines as a later load: one line is there already (with another amount, so it
    // is replaced), the other 239 are created, their deltas summed and upserted.
    await clearLines();
    const seed = await analysed(salesCsv([[...(file[0] as (string | number)[]).slice(0, 7), "1,00", ...(file[0] as (string | number)[]).slice(8)]]));
    await run(seed, null, null);
    const later = await analysed(salesCsv(file));
    const delta = await run(later, null, null);
    expect(delta.saved).toMatchObject({ grouped: false });
    expect(delta.outcome).toMatchObject({ result: { lines: { created: 239, replaced: 1, unchanged: 0 } } });
    expect(await rollups()).toEqual(grouped);
    expect(await verifyRollups(t.ctx.db)).toEqual({ rep: 0, group: 0, product: 0, debtor: 0 });
  });
});
