// kill -9 of the importing process at random points of a sales import, at least 50 times: after each
// kill the database is whole, holds exactly the batches the checkpoint says (none half), no line
// twice; the job resumed by the next process imports exactly what was missing.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForBench } from "../../../bench/lib/sales-build.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { multipartFile } from "../../test-support/multipart.js";
import { salesCsv, salesImportSettled } from "../../test-support/sales.js";
import { findJobRow, requeueStaleJobs } from "../jobs/job.repository.js";
import { verifyRollups } from "./sales-rollups.js";

const KILLS = 50;

/** `count` lines of invoices `prefix…`, two lines an invoice, over 2025; `bump` changes every 4th amount. */
function lines(prefix: string, count: number, bump = 0): (string | number)[][] {
  return Array.from({ length: count }, (_, i) => [
    `${prefix}${Math.floor(i / 2)}`, 1 + (i % 2), `${String(1 + (i % 27)).padStart(2, "0")}-${String(1 + (i % 12)).padStart(2, "0")}-2025`,
    `D-${1 + (i % 40)}`, `Klant ${1 + (i % 40)}`, `P-${1 + (i % 7)}`, 1 + (i % 5), `${100 + i + (i % 4 === 0 ? bump : 0)},50`, `${60 + i},25`,
    i % 3 === 0 ? "Sem Zuid" : "Ria Noord", i % 3 === 0 ? "Zuid" : "Noord",
  ]);
}

describe.each(ENGINES)("a sales import killed with SIGKILL on %s", (engine) => {
  let t: TestApp;
  let headers: Record<string, string>;
  // The killed processes run Koers transpiled once to JavaScript (as `npm start` does): a process
  // then starts in a fraction of a second, where tsx would compile it anew each time.
  let build: Awaited<ReturnType<typeof buildForBench>>;
  beforeAll(async () => {
    build = await buildForBench();
    t = await startTestApp(engine);
    headers = (await t.userWithRole("sales_manager", { profitResponsible: true })).headers;
  });
  afterAll(async () => {
    await t?.close();
    build?.remove();
  });

  /** Uploads and analyses a file with this app's runner; returns the queued commit job, which nobody runs yet. */
  const queuedCommit = async (csv: string): Promise<{ importId: number; jobId: number }> => {
    t.ctx.jobs.start();
    const file = multipartFile("omzet.csv", Buffer.from(csv, "utf8"));
    const res = await t.app.inject({ method: "POST", url: "/api/sales/imports?createMissing=true", headers: { ...headers, ...file.headers }, payload: file.payload });
    expect(res.statusCode, res.body).toBe(202);
    const importId = res.json().id as number;
    expect((await salesImportSettled(t.app, headers, importId)).status).toBe("analysed");
    await t.ctx.jobs.stop();
    const commit = await t.app.inject({ method: "POST", url: `/api/sales/imports/${importId}/commit`, headers });
    expect(commit.statusCode, commit.body).toBe(202);
    const jobId = commit.json().commitJob.id as number;
    // Small batches, so that there are hundreds of transactions to be killed in.
    const row = await findJobRow(t.ctx.db, jobId);
    const params = JSON.parse(row?.params ?? "{}");
    params.input.fixed = { batchLines: 10, flushKeys: 60 };
    await t.ctx.db.updateTable("jobs").set({ params: JSON.stringify(params) }).where("id", "=", jobId).execute();
    return { importId, jobId };
  };

  const child = (jobId: number) =>
    spawn(process.execPath, [join(build.dir, "src/test-support/sales-crash-child.js"), t.database.url, String(jobId)], { cwd: build.dir, stdio: "ignore" });

  /** What the database holds for an import, read in one go with the job's checkpoint. */
  const state = async (importId: number, jobId: number) => {
    const job = await findJobRow(t.ctx.db, jobId);
    const cp = job?.checkpoint ? JSON.parse(job.checkpoint) : null;
    const written = await sql<{ n: number; last: number | null }>`select count(*) as n, max(source_row) as last from sales_lines where import_job_id = ${importId}`.execute(t.ctx.db);
    const keys = await sql<{ n: number; distinct_keys: number }>`select count(*) as n, count(distinct invoice_number || '/' || line_number) as distinct_keys from sales_lines`.execute(t.ctx.db);
    return { job, cp, written: Number(written.rows[0]?.n), lastRow: written.rows[0]?.last === null ? 0 : Number(written.rows[0]?.last), lines: Number(keys.rows[0]?.n), distinct: Number(keys.rows[0]?.distinct_keys) };
  };

  const integrity = async () => (engine === "sqlite" ? (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.ctx.db)).rows[0]?.integrity_check : "ok");

  it(`survives ${KILLS} kills mid-import and ends with every line once and the rollups equal to the lines`, async () => {
    let kills = 0;
    // A first load (rollups summed over many batches), then corrections and new lines into existing ones.
    // A fourth file only when the first three ended before enough kills (a fast machine or engine).
    const files = [lines("A", 1500), [...lines("A", 1500, 7), ...lines("B", 1500)], [...lines("B", 1500, 11), ...lines("C", 1500)], [...lines("C", 1500, 13), ...lines("D", 1500)]];
    for (const [round, file] of files.entries()) {
      const { importId, jobId } = await queuedCommit(salesCsv(file));
      for (;;) {
        const before = await state(importId, jobId);
        if (before.job?.state === "succeeded") break;
        // A job that failed will not be resumed: that is the finding, not something to wait out.
        expect(before.job?.state, `job ${jobId}: ${before.job?.error}`).not.toBe("failed");
        const process = child(jobId);
        const exited = new Promise((r) => process.once("exit", r));
        if (kills < KILLS) {
          // Let it write a while (it starts in about a second), then kill it anywhere.
          const advanced = (s: Awaited<ReturnType<typeof state>>) => s.job?.state === "succeeded" || (s.cp?.lastRow ?? 0) > (before.cp?.lastRow ?? 0) || (s.cp?.rolledUpTo ?? 0) > (before.cp?.rolledUpTo ?? 0);
          // On a busy machine a process may take many seconds to start; a kill before it wrote anything proves nothing.
          let moved = false;
          for (let i = 0; i < 600 && !moved; i++) {
            moved = advanced(await state(importId, jobId));
            if (!moved) await new Promise((r) => setTimeout(r, 50));
          }
          expect(moved, "the resumed process made progress within 30 s").toBe(true);
          await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 120)));
          process.kill("SIGKILL");
          await exited;
          const after = await state(importId, jobId);
          if (after.job?.state !== "succeeded") kills += 1;
          expect(await integrity()).toBe("ok");
          expect(after.distinct, "no line twice").toBe(after.lines);
          // Exactly what the checkpoint says is in, no part of a later batch.
          const cp = after.cp ?? { created: 0, replaced: 0, lastRow: 0 };
          expect(after.written, `after kill ${kills}`).toBe(cp.created + cp.replaced);
          expect(after.lastRow).toBeLessThanOrEqual(cp.lastRow);
          // Koers starting again gives a job without a heartbeat back to the queue.
          if (after.job?.state === "running") await requeueStaleJobs(t.ctx.db, new Date(Date.now() + 60_000).toISOString());
        } else {
          await exited;
        }
      }
      const done = await state(importId, jobId);
      expect(done.job?.state).toBe("succeeded");
      expect(done.lines, `file ${round + 1}`).toBe(1500 * (round + 1));
      expect(done.distinct).toBe(done.lines);
      expect(await verifyRollups(t.ctx.db), `file ${round + 1}`).toEqual({ rep: 0, group: 0, product: 0, debtor: 0 });
      const result = JSON.parse(done.job?.result ?? "{}");
      expect(result.lines.created + result.lines.replaced + result.lines.unchanged, "every row of the file counted once").toBe(file.length);
      if (round > 0) expect(result.lines.replaced, "the corrected lines replaced").toBe(375);
      if (kills >= KILLS && round >= 1) break;
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
  }, 900_000);
});
